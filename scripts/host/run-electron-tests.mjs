// The host tier under desktop VS Code: the same out/test/host/index.js, run by
// @vscode/test-electron on a machine that can download VS Code (and has a display, or
// xvfb-run). The code-server launcher (run-host-tests.mjs) is the one used here, where
// no VS Code can be downloaded.
//
//   npm run test:electron
//   BERTH_VSCODE_VERSION=1.100.3 (default) or BERTH_VSCODE_EXECUTABLE=/path/to/code
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir, hostTestsEntry, repoRoot, resultsDir } from './paths.mjs';
import { printResults, readResults } from './report.mjs';

const label = 'electron';
const version = process.env.BERTH_VSCODE_VERSION ?? '1.100.3';

async function vscodeExecutable() {
  if (process.env.BERTH_VSCODE_EXECUTABLE) return process.env.BERTH_VSCODE_EXECUTABLE;
  try {
    return await downloadAndUnzipVSCode({ version, cachePath: path.join(cacheDir, 'electron'), timeout: 60_000 });
  } catch (error) {
    throw new Error(`could not download VS Code ${version} (${error instanceof Error ? error.message : String(error)}). `
      + 'This tier needs a machine that reaches update.code.visualstudio.com, or BERTH_VSCODE_EXECUTABLE pointing at an installed VS Code. '
      + 'Where neither is possible, `npm run test:host` runs the same suites in code-server.');
  }
}

async function main() {
  const dockerHost = process.env.BERTH_TEST_DOCKER_HOST;
  if (!dockerHost) throw new Error('BERTH_TEST_DOCKER_HOST is not set: the host tier needs the private test engine. Run `npm run env:up` and `source .vscode-test/env/env.sh` first.');
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log(`${label}: no DISPLAY; desktop VS Code needs one (run under \`xvfb-run -a npm run test:electron\`)`);
  }
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' });

  const outDir = path.join(resultsDir, 'electron');
  const resultsFile = path.join(outDir, 'host-results.json');
  fs.mkdirSync(outDir, { recursive: true });
  fs.rmSync(resultsFile, { force: true });
  const workspace = path.join(cacheDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-electron-'));
  const passThrough = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('BERTH_TEST_')));

  let exitCode;
  try {
    exitCode = await runTests({
      vscodeExecutablePath: await vscodeExecutable(),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: hostTestsEntry,
      extensionTestsEnv: { ...passThrough, DOCKER_HOST: dockerHost, BERTH_TEST_DOCKER_HOST: dockerHost, BERTH_TEST_RESULTS: outDir },
      launchArgs: [workspace, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-gpu',
        '--user-data-dir', path.join(scratch, 'user'), '--extensions-dir', path.join(scratch, 'extensions')],
    });
  } catch (error) {
    // runTests rejects with TestRunFailedError when VS Code exits non-zero; the results say why.
    if (!readResults(resultsFile)) throw error;
    exitCode = error.code ?? 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const results = readResults(resultsFile);
  if (!results) throw new Error(`VS Code exited (${exitCode}) but the extension host never wrote ${path.relative(repoRoot, resultsFile)}`);
  printResults(results);
  const failed = results.failed + (exitCode !== 0 && results.failed === 0 ? 1 : 0);
  console.log(`${label}: ${results.passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`${label}: ERROR ${error instanceof Error ? error.message : String(error)}`);
  console.log(`${label}: 0 passed, 1 failed`);
  process.exitCode = 1;
}
