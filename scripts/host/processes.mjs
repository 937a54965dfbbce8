// Everything this launcher starts is registered here and stopped on exit, on failure and on
// Ctrl-C, so no code-server or Chromium outlives the run. Only processes we started are touched.
import { spawn } from 'node:child_process';

const cleanups = [];
let cleaning;

/** Registers `fn` to run (last registered first) when the launcher stops. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** True once the launcher is stopping: processes exiting now do so because we asked them to. */
export function stopping() {
  return cleaning !== undefined;
}

export function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (error) {
        console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}

let interruptExitCode = 130;
/** `npm start` ends by Ctrl-C on purpose: it exits 0 then, the test launchers 130. */
export function exitOnInterruptWith(code) {
  interruptExitCode = code;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping what this run started`);
    void cleanup().then(() => process.exit(interruptExitCode));
  });
}

/**
 * Spawns a command in a process group of its own, so stopping it also stops its children
 * (code-server's extension host, file watcher, language servers). Resolves `exited`
 * with the exit code or the signal name.
 */
export function spawnGroup(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // The leader is gone; children that ignored SIGTERM still share its group id.
    killGroup(child.pid, 'SIGKILL');
  };
  onCleanup(stop);
  return { child, exited, stop };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
