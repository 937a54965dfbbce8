/**
 * The host tier's runner: the extension host loads this module (extensionTestsPath)
 * and calls run(). It runs the mocha suites below inside the real VS Code, then
 * writes a summary for the launcher to $BERTH_TEST_RESULTS/host-results.json.
 * The same module works under @vscode/test-electron.
 *
 * BERTH_HOST_SUITES=a,b runs only the named suites (the .vsix check runs
 * `activation,packaged`, bench/host.ts the bench* ones); unset, every suite except
 * the opt-in ones runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { takeScreenshot } from '../support/screenshot';

/* eslint-disable @typescript-eslint/no-require-imports */
const suites: Record<string, () => unknown> = {
  activation: () => require('./suites/activation.test'),
  build: () => require('./suites/build.test'),
  registries: () => require('./suites/registries.test'),
  run: () => require('./suites/run.test'),
  explorerContainers: () => require('./suites/explorerContainers.test'),
  explorerResources: () => require('./suites/explorerResources.test'),
  faults: () => require('./suites/faults.test'),
  faultsScale: () => require('./suites/faultsScale.test'),
  terminals: () => require('./suites/terminals.test'),
  stats: () => require('./suites/stats.test'),
  logViews: () => require('./suites/logViews.test'),
  files: () => require('./suites/files.test'),
  filesGone: () => require('./suites/filesGone.test'),
  inside: () => require('./suites/inside.test'),
  language: () => require('./suites/language.test'),
  composeLanguage: () => require('./suites/composeLanguage.test'),
  faultsInput: () => require('./suites/faultsInput.test'),
  actionCost: () => require('./suites/actionCost.test'),
  workspaceGuard: () => require('./suites/workspaceGuard.test'),
  engines: () => require('./suites/engines.test'),
  compose: () => require('./suites/compose.test'),
  dockerCommand: () => require('./suites/dockerCommand.test'),
  walkthrough: () => require('./suites/walkthrough.test'),
  scaffold: () => require('./suites/scaffold.test'),
  // Opt-in: run by `run-host-tests.mjs --restricted` in a workspace that is not trusted.
  restricted: () => require('./suites/restricted.test'),
  walk: () => require('./suites/walk.test'),
  hiddenViews: () => require('./suites/hiddenViews.test'),
  // Opt-in: run by `run-host-tests.mjs --locale ko` with VS Code's display language set to Korean.
  korean: () => require('./suites/korean.test'),
  // Opt-in: only meaningful when Berth was installed from the .vsix.
  packaged: () => require('./suites/packaged.test'),
  // Opt-in: benchmarks, run by bench/host.ts (npm run bench:host), each activation scenario in a fresh host.
  benchActivation: () => require('./suites/benchActivation.test'),
  benchSteady: () => require('./suites/benchSteady.test'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
const optIn = new Set(['packaged', 'benchActivation', 'benchSteady', 'restricted', 'korean']);

function selectedSuites(): string[] {
  const wanted = process.env.BERTH_HOST_SUITES?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted) return Object.keys(suites).filter((name) => !optIn.has(name));
  const unknown = wanted.filter((name) => !(name in suites));
  if (unknown.length) throw new Error(`BERTH_HOST_SUITES names unknown suite(s) ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`);
  return wanted;
}

export interface HostResults {
  vscodeVersion: string;
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  tests: { title: string; state: string; durationMs?: number }[];
  /** False while the run goes on: the file is rewritten after every test, so a run the launcher stops still counts. */
  complete: boolean;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // Mocha's globals (describe, it, ...) exist only after pre-require, so the suites
  // are required here, not imported at the top. esbuild bundles these requires.
  mocha.suite.emit('pre-require', globalThis, 'index', mocha);
  for (const name of selectedSuites()) suites[name]();
  // Last, with the extension host still alive: the workbench with Berth's views open.
  mocha.suite.afterAll('screenshot of the workbench with the Berth views', async () => {
    // Restricted Mode has no Berth views (they need a trusted workspace): the editor with its diagnostics instead.
    if (!vscode.workspace.isTrusted) return takeScreenshot('host-workbench', { selector: '.part.editor' });
    await vscode.commands.executeCommand('workbench.view.extension.berth');
    await vscode.commands.executeCommand('berth.explorer.refresh');
    await takeScreenshot('host-workbench', { selector: '.part.sidebar .composite.title h2:has-text("Berth")' });
  });
  const output = tagReporterOutput();
  output.log(`running inside VS Code ${vscode.version} (vscode.version)`);
  return new Promise((resolve, reject) => {
    const results: HostResults = { vscodeVersion: vscode.version, passed: 0, failed: 0, failures: [], tests: [], complete: false };
    const save = () => {
      const dir = process.env.BERTH_TEST_RESULTS;
      if (!dir) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'host-results.json'), JSON.stringify(results, null, 2));
    };
    const runner = mocha.run((failures) => {
      results.complete = true;
      save();
      output.restore();
      if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => {
      results.passed++;
      results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
      save();
    });
    // Skipped tests are listed (the launcher shows them), never counted as passed.
    runner.on('pending', (test) => results.tests.push({ title: test.fullTitle(), state: 'skipped' }));
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: error?.stack ?? String(error) });
      results.tests.push({ title: test.fullTitle(), state: 'failed' });
      save();
    });
  });
}

/**
 * The workbench forwards extension-host console lines to the launcher unformatted and mixed
 * with its own log (and the host's console methods cannot be replaced). So mocha's reporter
 * formats and tags its own lines, and the launcher shows those as the tests' progress.
 */
function tagReporterOutput(): { log: (...args: unknown[]) => void; restore: () => void } {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const original = base.consoleLog;
  const log = (...args: unknown[]) => console.log(util.format(...args).split('\n').map((line) => `[berth-host] ${line}`).join('\n'));
  base.consoleLog = log;
  return { log, restore: () => (base.consoleLog = original) };
}
