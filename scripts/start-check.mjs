// The `start` tier: a newcomer's first command, in a clone whose path is over 120 characters,
// with no engine of the user's, while this checkout's own environment may be up.
//
//   node scripts/start-check.mjs
//
// Clones this checkout's HEAD into a deep folder, runs `npm ci && npm start` there with
// DOCKER_HOST pointing at a socket nobody serves, waits in headless Chromium for the
// workbench and for the Containers view to list the sandbox's containers (screenshot in
// test-results/start-workbench.png), stops it with SIGINT to its process group (what a
// terminal's Ctrl-C does) and checks by pid that nothing it started is left running and that
// the sandbox engine is. Then it runs the engine tier from the deep clone against that
// sandbox, stops the clone's environment with `npm run env:down`, and checks that this
// checkout's environment (BERTH_TEST_DOCKER_HOST and its registries) still answers.
// The npm cache and the code-server cache (BERTH_CODE_SERVER_DIR) are reused.
// Prints each check and `start: N passed, N failed` last.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from './host/browser.mjs';
import { cacheDir, repoRoot, resultsDir } from './host/paths.mjs';
import { cleanup, onCleanup, spawnGroup } from './host/processes.mjs';
import { descendants, pidsAlive, pingUnixSocket, registryAnswers, waitForLine } from './start-check-support.mjs';

const results = { passed: 0, failed: 0 };
function check(name, ok, detail = '') {
  results[ok ? 'passed' : 'failed'] += 1;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  return ok;
}
const log = (line) => console.log(`start: ${line}`);
const minutes = 60_000;

/** A clone folder whose path is over 120 characters, removed at the end. */
function deepFolder() {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-start-check-'));
  // Readable by others like any clone: the engine tier probes the socket as the user nobody.
  fs.chmodSync(base, 0o755);
  onCleanup(() => fs.rmSync(base, { recursive: true, force: true }));
  let dir = base;
  for (const part of ['a-folder-as-deep-as-a-real-clone-can-be', 'projects-of-someone-with-long-folder-names', 'checkouts', 'berth']) dir = path.join(dir, part);
  return dir;
}

function clone(dir) {
  fs.mkdirSync(dir, { recursive: true });
  // HEAD may be detached (CI checks out a merge commit no branch names): fetch HEAD itself.
  execFileSync('git', ['init', '--quiet', dir]);
  execFileSync('git', ['-C', dir, 'fetch', '--quiet', '--depth=1', `file://${repoRoot}`, 'HEAD']);
  execFileSync('git', ['-C', dir, 'checkout', '--quiet', '--detach', 'FETCH_HEAD']);
}

/** The environment of a newcomer's shell: nothing of this checkout's test environment, no engine. */
function newcomerEnv(noEngine) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(BERTH_|DOCKER_|VSCODE_)/.test(key)) delete env[key];
  }
  // Reused caches: code-server is the one expensive install (npm's own cache is shared as is).
  env.BERTH_CODE_SERVER_DIR = process.env.BERTH_CODE_SERVER_DIR || path.join(cacheDir, 'code-server');
  // Berth's resolution: DOCKER_HOST wins over contexts and default sockets, and nobody serves this one.
  env.DOCKER_HOST = `unix://${noEngine}`;
  env.DOCKER_CONFIG = path.dirname(noEngine);
  // npm's cache is reused as it is; no need to ask the registry about what it holds.
  env.npm_config_prefer_offline = 'true';
  return env;
}

async function main() {
  const started = Date.now();
  fs.mkdirSync(resultsDir, { recursive: true });
  const dir = deepFolder();
  check('the clone folder is over 120 characters', dir.length > 120, `${dir.length} characters`);
  clone(dir);
  check('cloned HEAD', fs.existsSync(path.join(dir, 'package.json')));
  const noEngine = path.join(path.dirname(dir), 'no-engine', 'docker.sock');
  fs.mkdirSync(path.dirname(noEngine), { recursive: true });
  const env = newcomerEnv(noEngine);
  // Whatever happens below, the clone's sandbox engine is stopped before its folder goes.
  onCleanup(() => spawnSync('npm', ['run', '--silent', 'env:down'], { cwd: dir, env, stdio: 'inherit' }));

  log('npm ci in the clone (about a minute)');
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env, stdio: 'inherit' });
  if (!check('npm ci', ci.status === 0, `exit ${ci.status}`)) return;

  log('npm start in the clone (first start: packages, build, sandbox engine; about a minute)');
  const startLog = path.join(resultsDir, 'start.log');
  const out = fs.createWriteStream(startLog);
  const npmStart = spawnGroup('npm', ['start', '--', '--port', '0'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [npmStart.child.stdout, npmStart.child.stderr]) {
    stream.on('data', (chunk) => {
      output += chunk;
      out.write(chunk);
      for (const line of chunk.toString().split('\n')) if (line.trim()) console.log(`  | ${line}`);
    });
  }
  const loaded = await waitForLine(() => output, /Berth is loaded in VS Code at (http:\/\/\S+)/, npmStart.exited, 10 * minutes);
  if (!check('npm start printed the address', !!loaded, loaded ? loaded[1] : `log ${path.relative(repoRoot, startLog)}`)) return;
  check('it said no engine of the user\'s answered and it uses the sandbox engine',
    output.includes(`no engine of yours answered at unix://${noEngine}`) && /engine: the sandbox engine unix:\/\/\S+ with \d+ sample containers/.test(output));
  check('it printed where the log is and that env:down stops the sandbox', /code-server log: \S+/.test(output) && output.includes('`npm run env:down` stops it'));
  const socket = /engine: the sandbox engine unix:\/\/(\S+)/.exec(output)?.[1];
  check('the sandbox engine\'s socket path is short', !!socket && socket.length < 80, socket);

  const { page } = await launchBrowser();
  // Six views share the side bar (Compose and Registries below the four): a tall window gives
  // the Containers view room for every sample container, since a tree renders only the rows it shows.
  await page.setViewportSize({ width: 1440, height: 1600 });
  await page.goto(loaded[1]);
  const workbench = await page.waitForSelector('.monaco-workbench', { timeout: 3 * minutes }).then(() => true, () => false);
  check('the workbench loaded', workbench);
  await page.locator('.activitybar [aria-label^="Berth"]').first().click({ timeout: 2 * minutes }).catch(() => {});
  const names = ['sample-web', 'sample-paused', 'sample-exited'];
  const listed = await Promise.all(names.map((name) => page.getByRole('treeitem', { name: new RegExp(name) }).first().waitFor({ timeout: 2 * minutes }).then(() => true, () => false)));
  check('the Containers view lists the sandbox\'s containers', listed.every(Boolean), names.filter((_, i) => !listed[i]).map((n) => `${n} missing`).join(', '));
  await page.screenshot({ path: path.join(resultsDir, 'start-workbench.png') });
  check('screenshot', fs.existsSync(path.join(resultsDir, 'start-workbench.png')), 'test-results/start-workbench.png');

  const ours = descendants(npmStart.child.pid);
  check('npm start runs code-server', ours.some((p) => /code-server/.test(p.cmd)), `${ours.length} processes`);
  const envDir = path.join(dir, '.vscode-test', 'env');
  const sandboxPid = Number(fs.readFileSync(path.join(envDir, 'dockerd.started'), 'utf8'));
  process.kill(-npmStart.child.pid, 'SIGINT');
  const exit = await Promise.race([npmStart.exited, new Promise((resolve) => setTimeout(() => resolve('still running after 30 s'), 30_000))]);
  // npm itself ends by the signal, as in a terminal; the start script says it is stopping.
  check('SIGINT stopped npm start', (exit === 0 || exit === 'SIGINT') && output.includes('SIGINT: stopping what this run started'), `exit ${exit}`);
  const left = pidsAlive(ours.map((p) => p.pid));
  check('nothing npm start started is left running', left.length === 0, left.map((pid) => `${pid} ${ours.find((p) => p.pid === pid)?.cmd}`).join('; '));
  check('the sandbox engine keeps running for the next start', pidsAlive([sandboxPid]).length === 1, `dockerd ${sandboxPid}`);

  log('the engine tier from the deep clone, against its sandbox engine');
  const engineTier = spawnSync('bash', ['-c', 'source .vscode-test/env/env.sh && node scripts/node-tests.mjs engine', 'engine'], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  fs.writeFileSync(path.join(resultsDir, 'start-engine.log'), engineTier.stdout);
  const engineLine = /^engine: (\d+) passed, (\d+) failed$/m.exec(engineTier.stdout);
  check('the engine tier passes from the deep clone', engineTier.status === 0 && !!engineLine && engineLine[2] === '0', engineLine ? engineLine[0] : `exit ${engineTier.status}; log test-results/start-engine.log`);

  const registryPids = ['registry', 'registry-auth'].map((name) => Number(fs.readFileSync(path.join(envDir, name, 'pid'), 'utf8')));
  const down = spawnSync('npm', ['run', '--silent', 'env:down'], { cwd: dir, env, stdio: 'inherit' });
  check('npm run env:down in the clone stops its engine and registries', down.status === 0 && pidsAlive([sandboxPid, ...registryPids]).length === 0);

  const ownEngine = process.env.BERTH_TEST_DOCKER_HOST;
  if (ownEngine) {
    const engineOk = await pingUnixSocket(ownEngine.replace(/^unix:\/\//, ''));
    const registriesOk = await Promise.all([process.env.BERTH_TEST_REGISTRY, process.env.BERTH_TEST_AUTH_REGISTRY].map(registryAnswers));
    check('this checkout\'s environment was up beside it and still answers', engineOk && registriesOk.every(Boolean), ownEngine);
  } else {
    log('this checkout\'s environment is not up (no BERTH_TEST_DOCKER_HOST): the side-by-side check ran under `npm test` only');
  }
  log(`took ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

try {
  await main();
} catch (error) {
  check('the start check ran to its end', false, error instanceof Error ? error.stack : String(error));
}
await cleanup();
console.log(`start: ${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);
