// Starts code-server (the real VS Code 1.100.3 workbench and extension host) in throwaway
// user-data and extensions folders, and installs .vsix files into an extensions folder.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { codeServerBinary } from './paths.mjs';
import { onCleanup, spawnGroup } from './processes.mjs';

const settings = {
  // Without this a trust dialog covers the window and extensions stay restricted.
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  // The workspace sits inside the repository; git's offer to open it would cover the screenshot.
  'git.openRepositoryInParentFolders': 'never',
  // In a remote window (code-server is one) the extension host otherwise scans /proc and runs
  // `ps` and `ls` every few seconds looking for ports to forward (code-server's tunnel provider
  // keeps the scan on unless the source is 'output'): CPU the tests and the idle benchmark
  // would count as theirs. A local VS Code window does not scan.
  'remote.autoForwardPorts': false,
  'remote.autoForwardPortsSource': 'output',
};

/** A fresh temp folder, removed when the run ends. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Folders code-server needs (throwaway ones unless `root` is given); `--config` keeps it
 * from writing ~/.config/code-server. `extraSettings` go into a new user settings file
 * on top of the harness's own (e.g. `berth.host` for a benchmark's engine).
 */
export function codeServerDirs(root = tempDir('berth-host-'), extraSettings = {}) {
  const dirs = { root, userData: path.join(root, 'user'), extensions: path.join(root, 'extensions'), config: path.join(root, 'config.yaml') };
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensions, { recursive: true });
  // A kept folder (npm start) keeps the person's own settings.
  const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, ...extraSettings }, null, 2));
  fs.writeFileSync(dirs.config, 'auth: none\n');
  return dirs;
}

function commonArgs(dirs) {
  return ['--config', dirs.config, '--disable-telemetry', '--disable-update-check', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** `code-server --install-extension F.vsix` into dirs.extensions; throws with its output on failure. */
export async function installExtension(dirs, vsix) {
  try {
    const { stdout } = await promisify(execFile)(codeServerBinary(), [...commonArgs(dirs), '--install-extension', vsix, '--force'], { timeout: 120_000 });
    return stdout.trim();
  } catch (error) {
    throw new Error(`code-server could not install ${vsix}:\n${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`);
  }
}

/**
 * Starts code-server on 127.0.0.1 (port 0 = a free one, read back from its log) and
 * resolves once it listens. Its output goes to `logFile`; `args` are more of its options
 * (e.g. `--locale ko`).
 */
export async function startCodeServer({ dirs, folder, env, port = 0, logFile, startTimeoutMs = 60_000, args: more = [] }) {
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--ignore-last-opened', ...commonArgs(dirs), ...more, folder];
  const log = fs.createWriteStream(logFile);
  const server = spawnGroup(process.execPath, [codeServerBinary(), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.child.stdout.pipe(log, { end: false });
  server.child.stderr.pipe(log, { end: false });
  onCleanup(() => log.end());

  const listening = new Promise((resolve, reject) => {
    let seen = '';
    server.child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(seen);
      if (match) resolve({ url: match[1], port: Number(match[2]) });
    });
    void server.exited.then((code) => reject(new Error(`code-server exited (${code}) before it listened; see ${logFile}`)));
    setTimeout(() => reject(new Error(`code-server did not listen within ${startTimeoutMs / 1000}s; see ${logFile}`)), startTimeoutMs).unref();
  });
  return { ...(await listening), stop: server.stop, exited: server.exited };
}
