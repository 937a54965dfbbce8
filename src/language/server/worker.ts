/** The analysis worker's loop: messages in, answers out (see workerHost.ts for why a worker). */
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from './analyzer';
import { initShellParser } from './shell/parser';
import { warmUp } from './warmUp';
import type { FromWorker, ToWorker, WorkerRole } from './workerMessages';

export function startWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('startWorker() must run in a worker thread');
  const analyzer = new Analyzer();
  analyzer.log = (message) => reply({ type: 'log', message });
  // Compile the hot paths before the first real request: the first run of each feature
  // is several times slower than the next ones (JIT), and that first one is a person's.
  const reply = (message: FromWorker) => port.postMessage(message);
  // Each worker has its own WebAssembly instance: the bundle ships the .wasm files
  // next to itself (scripts/build.mjs). Until they load, the shell rules stay silent;
  // the main thread re-lints open documents on `shellReady`. Warm-up waits for the
  // parser so that the shell rules get compiled too.
  initShellParser(__dirname).then(
    () => reply({ type: 'shellReady' }),
    (error: unknown) => reply({ type: 'log', message: `The shell parser did not load; hadolint's shell rules are off: ${String(error)}` }),
  ).finally(() => setImmediate(() => void warmUp(analyzer, (workerData as { role?: WorkerRole } | undefined)?.role)));
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
      case 'request':
        reply({ type: 'start', id: message.id });
        // Errors become an empty answer plus a log line: one bad input never stops the worker.
        analyzer.handle(message.method, message.uri, message.params).then(
          (result) => reply({ type: 'result', id: message.id, result }),
          (error: unknown) => reply({ type: 'result', id: message.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }),
        );
        break;
    }
  });
}
