/** The analysis worker's loop: messages in, answers out (see workerHost.ts for why a worker). */
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from './analyzer';
import { initShellParser } from './shell/parser';
import { warmUp } from './warmUp';
import type { LoadedBundle } from './codeCache';
import { codeCacheHook, type FromWorker, type ToWorker, type WorkerRole } from './workerMessages';

/**
 * Requests that need the shell parser from their start: the whole lint at once, and
 * ShellCheck's scripts. `berth/lintPart` waits for it itself, just before hadolint's
 * first rule, so the quick checks run while the parser's WebAssembly compiles.
 */
const needsShell = new Set(['berth/diagnostics', 'berth/shellcheck']);

/** With no request for this long after one, the worker saves its code cache (when it has none yet). */
const codeCacheIdleMs = 2000;

export function startWorker(): void {
  const port = parentPort;
  // l10n-ignore: a programming error, never shown to users
  if (!port) throw new Error('startWorker() must run in a worker thread');
  const role = (workerData as { role?: WorkerRole } | undefined)?.role;
  const analyzer = new Analyzer();
  const reply = (message: FromWorker) => port.postMessage(message);
  analyzer.log = (message) => reply({ type: 'log', message });
  // Each worker has its own WebAssembly instance: the bundle ships the .wasm files
  // next to itself (scripts/build.mjs). Loading starts at once (main.ts); hadolint's
  // rules wait for it (tens of ms, mostly compiled off this thread, while the quick
  // checks run) rather than run blind and have the whole lint run again a moment later.
  let shellSettled = false;
  const shellReady = initShellParser(__dirname)
    // l10n-ignore: a line for the server's log, like its others
    .catch((error: unknown) => reply({ type: 'log', message: `The shell parser did not load; hadolint's shell rules are off: ${String(error)}` }))
    .finally(() => { shellSettled = true; });
  // Compile the hot paths while nothing else is asked: the first run of each feature is
  // several times slower than the next ones (JIT). Real work stops it: a document that
  // is already open warms the same code by being analysed.
  let busy = false;
  // V8's code cache (codeCache.ts; only when the loader started this worker) is saved once
  // the hot paths are compiled: after the warm-up, or when real work pauses.
  let cacheSettled = false;
  let idleTimer: NodeJS.Timeout | undefined;
  const saveCodeCache = () => {
    const cache = (globalThis as Record<string, unknown>)[codeCacheHook] as LoadedBundle | undefined;
    if (cacheSettled || !cache) return;
    cacheSettled = true;
    // l10n-ignore: a line for the server's log, like its others
    reply({ type: 'log', message: `code cache (${role ?? 'both'} worker): ${cache.use}, ${cache.save()}` });
  };
  const saveCodeCacheWhenIdle = () => {
    if (cacheSettled) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(saveCodeCache, codeCacheIdleMs);
  };
  void shellReady.finally(() => setImmediate(() => void warmUp(analyzer, role, () => busy).then((finished) => { if (finished) saveCodeCache(); })));
  const parseTimers = new Map<string, NodeJS.Timeout>();
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'configure': analyzer.configure(message.config); break;
      case 'sync':
        analyzer.sync(message.uri, message.version, message.text);
        // Parse once typing pauses, so the next request finds the tree ready.
        clearTimeout(parseTimers.get(message.uri));
        if (message.eager) parseTimers.set(message.uri, setTimeout(() => analyzer.doc(message.uri), 50));
        break;
      case 'close': analyzer.close(message.uri); break;
      case 'prepare': setImmediate(() => analyzer.doc(message.uri)); break;
      case 'request': {
        busy = true;
        const run = () => {
          reply({ type: 'start', id: message.id });
          // Errors become an empty answer plus a log line: one bad input never stops the worker.
          return analyzer.handle(message.method, message.uri, message.params).then(
            (result) => reply({ type: 'result', id: message.id, result }),
            (error: unknown) => reply({ type: 'result', id: message.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }),
          ).finally(saveCodeCacheWhenIdle);
        };
        if (shellSettled || !needsShell.has(message.method)) void run();
        else void shellReady.then(run);
        break;
      }
    }
  });
}
