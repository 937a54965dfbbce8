// Small helpers of the start check (scripts/start-check.mjs): processes by pid from /proc,
// and whether an engine or a registry answers.
import * as fs from 'node:fs';
import * as http from 'node:http';

/** Every process whose chain of parents leads to `root`, with its command line. */
export function descendants(root) {
  const parents = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(entry, 'stat');
    // The command name in parentheses may hold spaces: the fields after its last ')' are fixed.
    if (stat) parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const found = [];
  const walk = (pid) => {
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      found.push({ pid: child, cmd: (readProc(child, 'cmdline') ?? '').split('\0').join(' ').trim() });
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** The pids that still run (a zombie waiting for its parent counts as ended). */
export function pidsAlive(pids) {
  return pids.filter((pid) => {
    const stat = readProc(pid, 'stat');
    return stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  });
}

function readProc(pid, file) {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether a Docker engine answers GET /_ping on this unix socket. */
export function pingUnixSocket(socketPath) {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/_ping', timeout: 5000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/** Whether a registry answers /v2/ at host:port (401 from one with auth counts). */
export async function registryAnswers(hostPort) {
  if (!hostPort) return false;
  try {
    const response = await fetch(`http://${hostPort}/v2/`, { signal: AbortSignal.timeout(5000) });
    return response.status === 200 || response.status === 401;
  } catch {
    return false;
  }
}

/** Waits until `text()` matches `pattern` (the match), `exited` settles or the time is up (undefined). */
export async function waitForLine(text, pattern, exited, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void exited.then(() => (ended = true));
  while (Date.now() < deadline) {
    const match = pattern.exec(text());
    if (match) return match;
    if (ended) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}
