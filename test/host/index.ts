/**
 * The host tier's runner: the extension host loads this module (extensionTestsPath)
 * and calls run(). It runs the mocha suites below inside the real VS Code, then
 * writes a summary for the launcher to $BERTH_TEST_RESULTS/host-results.json.
 * The same module works under @vscode/test-electron.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';


/* eslint-disable @typescript-eslint/no-require-imports */
const suites: (() => unknown)[] = [
  () => require('./suites/activation.test'),
];
/* eslint-enable @typescript-eslint/no-require-imports */

export interface HostResults {
  vscodeVersion: string;
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  tests: { title: string; state: string; durationMs?: number }[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // Mocha's globals (describe, it, ...) exist only after pre-require, so the suites
  // are required here, not imported at the top. esbuild bundles these requires.
  mocha.suite.emit('pre-require', globalThis, 'index', mocha);
  for (const load of suites) load();
  return new Promise((resolve, reject) => {
    const results: HostResults = { vscodeVersion: vscode.version, passed: 0, failed: 0, failures: [], tests: [] };
    console.log(`host: running inside VS Code ${vscode.version}`);
    const runner = mocha.run((failures) => {
      const dir = process.env.BERTH_TEST_RESULTS;
      if (dir) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'host-results.json'), JSON.stringify(results, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => {
      results.passed++;
      results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
    });
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: error?.stack ?? String(error) });
      results.tests.push({ title: test.fullTitle(), state: 'failed' });
    });
  });
}
