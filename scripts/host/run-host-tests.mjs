// The host tier: runs out/test/host/index.js inside a real VS Code 1.100.3 extension host
// (code-server, driven by headless Chromium) against the private test engine.
//
//   npm run test:host                      # Berth from this checkout (extensionDevelopmentPath)
//   npm run test:host -- --vsix dist/berth.vsix
//                                          # Berth installed from the .vsix; activation suites only
//   node scripts/host/run-host-tests.mjs --restricted
//                                          # once in a workspace that is NOT trusted (workspace trust on,
//                                          # no prompt), whose .vscode/settings.json points berth.host at a
//                                          # listener that must receive nothing; the `restricted` suite only
//   node scripts/host/run-host-tests.mjs --no-build --results test-results/x --setting berth.host=tcp://127.0.0.1:9
//                                          # results in another folder, a user setting on top of the
//                                          # harness's (value parsed as JSON when it parses; bench/host.ts)
//   node scripts/host/run-host-tests.mjs --no-build --extension /path/to/another/build
//                                          # Berth from another folder (bench/host.ts: the bundle before issue 14)
//   node scripts/host/run-host-tests.mjs --no-build --locale ko
//                                          # VS Code's display language set to Korean (code-server --locale, with a
//                                          # minimal language pack: scripts/host/language-pack.mjs), in a workspace
//                                          # of its own; label host-ko, results in test-results/host-ko, suites
//                                          # activation,korean unless BERTH_HOST_SUITES says otherwise
//
// Prints each test, the extension host's errors and `host: N passed, N failed`; exits
// non-zero on a failure, a timeout, or a host that never reported. Environment:
// BERTH_TEST_DOCKER_HOST (required), BERTH_HOST_TIMEOUT_MS, BERTH_HOST_SUITES.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, openWorkbench, workbenchUrl } from './browser.mjs';
import { codeServerDirs, installExtension, startCodeServer, tempDir } from './code-server.mjs';
import { addLanguagePack } from './language-pack.mjs';
import { cacheDir, hostTestsEntry, repoRoot, resultsDir } from './paths.mjs';
import { cleanup, stopping } from './processes.mjs';
import { printErrors, printResults, readResults } from './report.mjs';
import { startScreenshotService } from './screenshot-service.mjs';

const { values: options } = parseArgs({
  options: { vsix: { type: 'string' }, extension: { type: 'string' }, 'no-build': { type: 'boolean' }, label: { type: 'string' }, results: { type: 'string' }, setting: { type: 'string', multiple: true }, restricted: { type: 'boolean' }, locale: { type: 'string' } },
});
const locale = options.locale && !options.locale.startsWith('en') ? options.locale : undefined;
const label = options.label ?? (options.vsix ? 'package' : options.restricted ? 'restricted' : locale ? `host-${locale}` : 'host');
// The whole host tier takes about 9 minutes on a quiet 2-core machine and longer on a busy one;
// the deadline is for a host that hangs, not a slow one.
const timeoutMs = Number(process.env.BERTH_HOST_TIMEOUT_MS ?? 25 * 60_000);

async function main() {
  const started = Date.now();
  const deadline = new Promise((resolve) => setTimeout(() => resolve({ problem: `timed out after ${timeoutMs / 1000}s waiting for the extension host to finish (BERTH_HOST_TIMEOUT_MS)` }), timeoutMs).unref());
  const dockerHost = process.env.BERTH_TEST_DOCKER_HOST;
  if (!dockerHost) throw new Error('BERTH_TEST_DOCKER_HOST is not set: the host tier needs the private test engine. Run `npm test`, or `npm run env:up` and `source .vscode-test/env/env.sh`.');

  // A .vsix run tests the packaged bundle, so it must not rebuild dist/ over it.
  if (!options.vsix && !options['no-build']) execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (!fs.existsSync(hostTestsEntry)) throw new Error(`${path.relative(repoRoot, hostTestsEntry)} is missing: run \`npm run build\`.`);

  const outDir = options.results ? path.resolve(options.results) : options.vsix ? path.join(resultsDir, 'package') : options.restricted ? path.join(resultsDir, 'restricted') : locale ? path.join(resultsDir, label) : resultsDir;
  const resultsFile = path.join(outDir, 'host-results.json');
  fs.mkdirSync(outDir, { recursive: true });
  for (const stale of ['host-results.json', 'host-workbench.png']) fs.rmSync(path.join(outDir, stale), { force: true });

  const restricted = options.restricted ? await untrustedWorkspace() : undefined;
  const settings = { ...restricted?.settings, ...userSettings(options.setting ?? []) };
  const dirs = codeServerDirs(undefined, settings);
  // Another language runs beside the English tiers (scripts/test.sh): a workspace of its own.
  const folder = restricted?.folder ?? path.join(cacheDir, locale ? `workspace-${locale}` : 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  // The activation suite checks when the Dockerfile server starts: with the workspace
  // when it has a Dockerfile (one is put there) and the setting is on, else with the
  // first Dockerfile opened (scripts/test.sh runs the Korean host with the setting off).
  const earlyStart = !restricted && settings['berth.languageServer.startWithWorkspace'] !== false;
  if (earlyStart) {
    fs.mkdirSync(path.join(folder, 'early-start'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'early-start', 'Dockerfile'), 'FROM busybox:local\nRUN echo started with the workspace\n');
  }
  if (locale) addLanguagePack(dirs, locale);
  let extensionPath = options.extension ? path.resolve(options.extension) : repoRoot;
  const env = hostEnv(dockerHost, outDir);
  env.BERTH_TEST_EARLY_START = earlyStart ? '1' : '0';
  if (locale) {
    env.BERTH_HOST_SUITES ??= 'activation,korean,walkthrough';
    env.BERTH_TEST_LOCALE = locale;
  }
  if (restricted) {
    env.BERTH_HOST_SUITES = 'restricted';
    env.BERTH_RESTRICTED_THIEF = restricted.thiefUrl;
  }
  if (options.vsix) {
    console.log(`${label}: ${await installExtension(dirs, path.resolve(options.vsix))}`);
    // The workbench runs tests only for an extension under development: a stub one carries
    // the test module while Berth itself comes from the installed .vsix.
    extensionPath = harnessExtension();
    env.BERTH_HOST_SUITES ??= 'activation,packaged';
    env.BERTH_TEST_EXTENSIONS_DIR = dirs.extensions;
  }

  const screenshots = await startScreenshotService(outDir);
  env.BERTH_SCREENSHOT_URL = screenshots.url;
  const server = await startCodeServer({ dirs, folder, env, logFile: path.join(outDir, 'code-server.log'), args: locale ? ['--locale', locale] : [] });
  const { page } = await launchBrowser();
  screenshots.attach(page);

  const errors = [];
  const workbenchLog = fs.createWriteStream(path.join(outDir, 'workbench.log'));
  const onLog = (type, text) => {
    workbenchLog.write(`[${type}] ${text}\n`);
    if (/error/i.test(type)) errors.push(text);
    // test/host/index.ts tags the extension host's console lines: show the tests' progress live.
    if (type === 'info' || type === 'error') {
      for (const line of text.split('\n')) if (line.startsWith('[berth-host] ') && line.trim() !== '[berth-host]') console.log(`  | ${line.slice(13)}`);
    }
  };
  page.on('response', (response) => {
    if (response.status() >= 400) onLog('http', `${response.status()} ${response.url()}`);
  });
  const url = workbenchUrl(server.url, { folder, extensionPath, testsPath: hostTestsEntry });
  console.log(`${label}: code-server ${server.url} (log ${path.relative(repoRoot, outDir)}/code-server.log), running ${path.relative(repoRoot, hostTestsEntry)}`);

  const outcome = await Promise.race([
    openWorkbench(page, url, onLog).then(({ exit }) => exit.then((code) => ({ code }))),
    server.exited.then((code) => ({ problem: `code-server exited (${code}) before the tests finished` })),
    deadline,
  ]);
  workbenchLog.end();

  const results = readResults(resultsFile);
  const problems = [];
  if (outcome.problem) problems.push(outcome.problem);
  // The extension host rewrites the file after every test: a run stopped half-way still says how far it got.
  if (results && results.complete === false) problems.push(`the run stopped after ${results.tests.length} test(s); the last one to finish was: ${results.tests.at(-1)?.title ?? 'none'}`);
  if (!results) problems.push(`the extension host never reported: ${path.relative(repoRoot, resultsFile)} was not written (exit code ${outcome.code ?? 'none'}); see ${path.relative(repoRoot, outDir)}/workbench.log`);
  else printResults(results);
  if (results && outcome.code !== undefined && outcome.code !== 0 && results.failed === 0) problems.push(`the extension host's test runner exited with ${outcome.code}`);
  if (results && results.passed + results.failed === 0) problems.push('no host test ran (check BERTH_HOST_SUITES)');
  if (results && !screenshots.taken.includes('host-workbench')) problems.push('the runner never asked for the host-workbench screenshot');
  if (restricted) {
    if (restricted.connections() > 0) problems.push(`the workspace's berth.host (${restricted.thiefUrl}) received ${restricted.connections()} connection(s) in an untrusted workspace`);
    await restricted.close();
  }
  printErrors(errors);

  for (const problem of problems) console.log(`\n${label}: ERROR ${problem}`);
  const passed = results?.passed ?? 0;
  const failed = (results?.failed ?? 0) + (problems.length && !results?.failed ? 1 : 0);
  console.log(`${label}: screenshots in ${path.relative(repoRoot, outDir)}/: ${screenshots.taken.map((n) => `${n}.png`).join(', ') || 'none'}`);
  console.log(`${label}: took ${((Date.now() - started) / 1000).toFixed(1)}s`);
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** code-server's environment: the private engine and the test settings; nothing that points elsewhere. */
function hostEnv(dockerHost, outDir) {
  const env = { ...process.env };
  // A VS Code terminal's variables would make code-server hand the folder to that other instance.
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'DOCKER_CONTEXT' || key === 'DOCKER_TLS_VERIFY' || key === 'DOCKER_CERT_PATH') delete env[key];
  return { ...env, DOCKER_HOST: dockerHost, BERTH_TEST_DOCKER_HOST: dockerHost, BERTH_TEST_RESULTS: outDir };
}

/** `--setting key=value` options as settings: the value as JSON when it parses, else as a string. */
function userSettings(pairs) {
  const out = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--setting wants key=value, got ${pair}`);
    const value = pair.slice(at + 1);
    try {
      out[pair.slice(0, at)] = JSON.parse(value);
    } catch {
      out[pair.slice(0, at)] = value;
    }
  }
  return out;
}

/**
 * A workspace that is not trusted: trust is on, with no startup prompt (the folder stays
 * untrusted), and its settings name an engine at a listener of ours that counts every
 * connection (there must be none) and a shell.
 */
async function untrustedWorkspace() {
  let connections = 0;
  const thief = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise((resolve) => thief.listen(0, '127.0.0.1', resolve));
  const thiefUrl = `tcp://127.0.0.1:${thief.address().port}`;
  const folder = path.join(cacheDir, 'workspace-untrusted');
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'berth.host': thiefUrl, 'berth.shell': '/bin/sh -c "echo from-the-workspace"' }, null, 2));
  return {
    folder, thiefUrl,
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open' },
    connections: () => connections,
    close: () => new Promise((resolve) => thief.close(resolve)),
  };
}

function harnessExtension() {
  const dir = tempDir('berth-harness-');
  const manifest = { name: 'berth-test-harness', publisher: 'berth-tests', version: '0.0.0', engines: { vscode: '*' }, description: 'Carries the host tests while Berth comes from the installed .vsix.' };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  // After Ctrl-C the failures are ours; the signal handler reports and exits.
  if (stopping()) await new Promise(() => {});
  console.error(`${label}: ERROR ${error instanceof Error ? error.message : String(error)}`);
  console.log(`${label}: 0 passed, 1 failed`);
}
await cleanup();
process.exit(exitCode);
