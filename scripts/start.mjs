// `npm start`: builds Berth and opens a real VS Code (code-server) with it, for a person.
//
//   npm start                          # http://127.0.0.1:8080, Berth finds the engine itself
//   npm start -- --port 9000
//   npm start -- --sandbox             # a private engine with sample content (scripts/test-env.sh up)
//   npm start -- --folder ~/project    # the folder to open (default .vscode-test/workspace)
//
// Runs until Ctrl-C, then stops code-server. The sandbox engine keeps running for the next
// start; `npm run env:down` stops it. code-server comes from `npm run env:up` (or --sandbox).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { codeServerDirs, startCodeServer } from './host/code-server.mjs';
import { cacheDir, codeServerBinary, repoRoot } from './host/paths.mjs';
import { cleanup, exitOnInterruptWith, stopping } from './host/processes.mjs';
import { createSampleContent } from './sandbox.mjs';

const { values: options } = parseArgs({
  options: { port: { type: 'string', default: '8080' }, sandbox: { type: 'boolean', default: false }, folder: { type: 'string' } },
});

/** The variables scripts/test-env.sh wrote, read the way a shell reads them. */
function sandboxEnv() {
  execFileSync('bash', [path.join(repoRoot, 'scripts', 'test-env.sh'), 'up'], { stdio: 'inherit' });
  const file = path.join(process.env.BERTH_ENV_DIR || path.join(cacheDir, 'env'), 'env.sh');
  const dump = execFileSync('bash', ['-c', 'set -a; source "$1"; env -0', 'env', file], { encoding: 'utf8' });
  return Object.fromEntries(dump.split('\0').filter((l) => l.startsWith('BERTH_')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** Berth from this checkout, linked into the kept extensions folder, so the plain URL loads it. */
function linkExtension(extensionsDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  for (const entry of fs.readdirSync(extensionsDir)) if (entry.startsWith(`${id}-`)) fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
  fs.symlinkSync(repoRoot, path.join(extensionsDir, `${id}-${manifest.version}`), 'dir');
}

async function main() {
  codeServerBinary(); // fails early, with the fix, when code-server is missing
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' });

  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_')) delete env[key];
  let engine = env.DOCKER_HOST ? `DOCKER_HOST=${env.DOCKER_HOST}` : 'the berth.host setting, the Docker context or the default sockets';
  if (options.sandbox) {
    const sandbox = sandboxEnv();
    Object.assign(env, sandbox, { DOCKER_HOST: sandbox.BERTH_TEST_DOCKER_HOST });
    delete env.DOCKER_CONTEXT;
    const samples = await createSampleContent(sandbox.BERTH_TEST_DOCKER_HOST);
    engine = `the sandbox engine ${sandbox.BERTH_TEST_DOCKER_HOST} with ${samples.join(', ')}`;
  }

  const folder = path.resolve(options.folder ?? path.join(cacheDir, 'workspace'));
  fs.mkdirSync(folder, { recursive: true });
  const dirs = codeServerDirs(path.join(cacheDir, 'start'));
  linkExtension(dirs.extensions);
  const logFile = path.join(dirs.root, 'code-server.log');
  const server = await startCodeServer({ dirs, folder, env, port: Number(options.port), logFile }).catch((error) => {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
    throw new Error(`${error.message}${/EADDRINUSE/.test(tail) ? `\nport ${options.port} is taken: try \`npm start -- --port ${Number(options.port) + 1}\`` : ''}\n${tail}`);
  });

  exitOnInterruptWith(0);
  console.log(`\nBerth is loaded in VS Code at ${server.url}/?folder=${encodeURIComponent(folder)}`);
  console.log(`engine: ${engine}`);
  console.log(`code-server log: ${path.relative(repoRoot, logFile)}. Ctrl-C stops it.`);
  const code = await server.exited;
  if (stopping()) return new Promise(() => {}); // Ctrl-C: the signal handler finishes and exits
  throw new Error(`code-server exited unexpectedly (${code}); see ${path.relative(repoRoot, logFile)}`);
}

try {
  await main();
} catch (error) {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  await cleanup();
  process.exit(1);
}
