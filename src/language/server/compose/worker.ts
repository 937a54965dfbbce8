/** The compose analysis worker's loop: the same messages as the Dockerfile worker's (workerMessages.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { ResponseError } from 'vscode-languageserver/node';
import { ComposeAnalyzer } from './analyzer';
import type { ComposeConfig } from './types';
import { warmUpCompose } from './warmUp';

type Incoming =
  | { type: 'configure'; config: ComposeConfig }
  | { type: 'sync'; uri: string; version: number; text: string; eager?: boolean }
  | { type: 'close'; uri: string }
  | { type: 'prepare'; uri: string }
  | { type: 'request'; id: number; method: string; uri: string | undefined; params: unknown };

export function startComposeWorker(): void {
  const port = parentPort;
  // l10n-ignore: a programming error, never shown to users
  if (!port) throw new Error('startComposeWorker() must run in a worker thread');
  const analyzer = new ComposeAnalyzer();
  analyzer.log = (message) => port.postMessage({ type: 'log', message });
  // Before any message is handled: messages wait in the port's queue meanwhile.
  setImmediate(() => warmUpCompose(analyzer, (workerData as { role?: string } | undefined)?.role));
  const parseTimers = new Map<string, NodeJS.Timeout>();
  port.on('message', (message: Incoming) => {
    switch (message.type) {
      case 'configure': analyzer.configure(message.config); break;
      case 'sync':
        analyzer.sync(message.uri, message.version, message.text);
        clearTimeout(parseTimers.get(message.uri));
        if (message.eager) parseTimers.set(message.uri, setTimeout(() => analyzer.model(message.uri), 30));
        break;
      case 'close': analyzer.close(message.uri); break;
      case 'prepare': setImmediate(() => analyzer.model(message.uri)); break;
      case 'request':
        port.postMessage({ type: 'start', id: message.id });
        analyzer.handle(message.method, message.uri, message.params).then(
          (result) => port.postMessage({ type: 'result', id: message.id, result }),
          (error: unknown) => {
            // A refusal meant for the person (an invalid new name) travels as such; anything else is a bug, logged.
            if (error instanceof ResponseError) port.postMessage({ type: 'result', id: message.id, result: { berthResponseError: { code: error.code, message: error.message } } });
            else port.postMessage({ type: 'result', id: message.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
          },
        );
        break;
    }
  });
}
