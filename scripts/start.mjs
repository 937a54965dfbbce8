// `npm start`: sets up what is missing, builds Berth and opens a real VS Code (code-server)
// with it, for a person.
//
//   npm start                          # http://127.0.0.1:8080; your engine, else the sandbox engine
//   npm start -- --port 9000
//   npm start -- --sandbox             # always the private sandbox engine with sample content
//   npm start -- --engine              # always your engine; fails when none answers
//   npm start -- --folder ~/project    # the folder to open (default .vscode-test/workspace)
//
// The set-up (Debian packages, code-server, the build, the sandbox engine) is done by
// scripts/test-env.sh and reused on the next start. The engine is the one Berth itself
// would pick (scripts/start-engine.ts asks src/engine). Runs until Ctrl-C, then stops
// code-server; the sandbox engine keeps running for the next start (`npm run env:down`).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { codeServerDirs, startCodeServer } from './host/code-server.mjs';
import { cacheDir, repoRoot } from './host/paths.mjs';
import { cleanup, exitOnInterruptWith, stopping } from './host/processes.mjs';
import { createSampleContent } from './sandbox.mjs';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' }, sandbox: { type: 'boolean', default: false },
    engine: { type: 'boolean', default: false }, folder: { type: 'string' },
  },
});

class StartError extends Error {}
const say = (line) => console.log(`start: ${line}`);
const envScript = path.join(repoRoot, 'scripts', 'test-env.sh');
const envDir = process.env.BERTH_ENV_DIR || path.join(cacheDir, 'env');

/** Fails before anything starts when the port is taken (code-server would fail after the set-up). */
async function checkPortFree(port) {
  await new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error) => reject(error.code === 'EADDRINUSE'
      ? new StartError(`port ${port} on 127.0.0.1 is taken by another program: stop it, or run \`npm start -- --port ${port + 1}\`.`)
      : error));
    probe.listen(port, '127.0.0.1', () => probe.close(resolve));
  });
}

/** One scripts/test-env.sh step; it prints a line (with a rough duration) only for work it does. */
function environment(step) {
  const run = spawnSync('bash', [envScript, step], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (run.status === 0) return void process.stderr.write(run.stderr);
  // The script's last line is its one sentence with the cause and the fix.
  const reason = run.stderr.trim().split('\n').pop()?.replace(/^test-env: /, '');
  throw new StartError(reason || `the set-up step \`scripts/test-env.sh ${step}\` failed (exit ${run.status ?? run.signal}).`);
}

function build() {
  say('building Berth (about 10 s)');
  try {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'pipe' });
  } catch (error) {
    throw new StartError(`the build failed:\n${error.stderr?.toString() ?? error.message}`);
  }
}

/** The variables scripts/test-env.sh wrote, read the way a shell reads them. */
function sandboxEnv() {
  const dump = execFileSync('bash', ['-c', 'set -a; source "$1"; env -0', 'env', path.join(envDir, 'env.sh')], { encoding: 'utf8' });
  return Object.fromEntries(dump.split('\0').filter((l) => l.startsWith('BERTH_')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** berth.host from the kept user settings of `npm start`'s VS Code, as Berth would read it. */
function hostSetting(settingsFile) {
  try {
    return JSON.parse(fs.readFileSync(settingsFile, 'utf8'))['berth.host'] || undefined;
  } catch {
    return undefined; // no settings yet, or comments in them: Berth's own resolution still applies in VS Code
  }
}

/** Berth from this checkout, linked into the kept extensions folder, so the plain URL loads it. */
function linkExtension(extensionsDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  for (const entry of fs.readdirSync(extensionsDir)) if (entry.startsWith(`${id}-`)) fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
  fs.symlinkSync(repoRoot, path.join(extensionsDir, `${id}-${manifest.version}`), 'dir');
}

async function chooseEngine(mode, setting) {
  const { probeUserEngine, chooseEngine: choose } = await tsImport('./start-engine.ts', import.meta.url);
  const probe = mode === 'sandbox' ? undefined : await probeUserEngine(setting);
  const choice = choose(mode, probe);
  if (choice.use === 'none') throw new StartError(choice.error);
  say(choice.line);
  return { ...choice, probe };
}

async function main() {
  if (options.sandbox && options.engine) throw new StartError('--sandbox and --engine contradict each other: pass one.');
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StartError(`--port wants a port number (0 for any free one), got ${options.port}.`);
  if (port) await checkPortFree(port);

  environment('code-server');
  build();

  const dirs = codeServerDirs(path.join(cacheDir, 'start'));
  const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
  const setting = hostSetting(settingsFile);
  const choice = await chooseEngine(options.sandbox ? 'sandbox' : options.engine ? 'engine' : 'auto', setting);

  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_')) delete env[key];
  let engine = `${choice.probe?.url} (${choice.probe?.why}), ${choice.probe?.version}`;
  const logs = [];
  if (choice.use === 'sandbox') {
    environment('sandbox');
    const sandbox = sandboxEnv();
    Object.assign(env, { DOCKER_HOST: sandbox.BERTH_TEST_DOCKER_HOST });
    for (const key of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) delete env[key];
    const samples = await createSampleContent(sandbox.BERTH_TEST_DOCKER_HOST);
    engine = `the sandbox engine ${sandbox.BERTH_TEST_DOCKER_HOST} with ${samples.length} sample containers`;
    if (setting) engine += `; note: your berth.host setting (${setting}) in ${path.relative(repoRoot, settingsFile)} wins over it`;
    logs.push(`sandbox engine log: ${path.relative(repoRoot, path.join(envDir, 'dockerd.log'))}`);
  }

  const folder = path.resolve(options.folder ?? path.join(cacheDir, 'workspace'));
  fs.mkdirSync(folder, { recursive: true });
  linkExtension(dirs.extensions);
  const logFile = path.join(dirs.root, 'code-server.log');
  const server = await startCodeServer({ dirs, folder, env, port, logFile }).catch((error) => {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
    if (/EADDRINUSE/.test(tail)) throw new StartError(`port ${port} on 127.0.0.1 was taken by another program as code-server started: stop it, or run \`npm start -- --port ${port + 1}\`.`);
    throw new StartError(`${error.message}\n${tail}`);
  });

  exitOnInterruptWith(0);
  console.log(`\nBerth is loaded in VS Code at ${server.url}/?folder=${encodeURIComponent(folder)}`);
  console.log(`engine: ${engine}`);
  console.log(`code-server log: ${path.relative(repoRoot, logFile)}${logs.map((l) => `; ${l}`).join('')}`);
  console.log(`Ctrl-C stops code-server${choice.use === 'sandbox' ? '; the sandbox engine keeps running for the next start, `npm run env:down` stops it' : ''}.`);
  const code = await server.exited;
  if (stopping()) return new Promise(() => {}); // Ctrl-C: the signal handler finishes and exits
  throw new StartError(`code-server exited unexpectedly (${code}); see ${path.relative(repoRoot, logFile)}`);
}

try {
  await main();
} catch (error) {
  console.error(`start: ${error instanceof StartError ? error.message : error instanceof Error ? error.stack : String(error)}`);
  await cleanup();
  process.exit(1);
}
