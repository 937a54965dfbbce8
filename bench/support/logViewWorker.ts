/**
 * The log view's webview side for bench/logs.ts, in a worker thread as the real one runs
 * in a renderer process of its own: each message arrives as the JSON text the extension
 * host serialised, is parsed, and batches go into the webview's LineBuffer (severity,
 * the ring, the filter) before they are acknowledged, as src/logs/webview/main.ts does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileFilter } from '../../src/logs/filter';
import { LineBuffer } from '../../src/logs/lineBuffer';
import type { ToView } from '../../src/logs/protocol';

const port = parentPort!;
const buffer = new LineBuffer(Number(workerData.maxLines));
const filter = compileFilter({ text: String(workerData.filter ?? ''), regex: false });
if (filter.ok) buffer.setFilter(filter.test);

port.on('message', (json: string) => {
  if (json === 'report') {
    port.postMessage({ report: { held: buffer.held, shown: buffer.shown, dropped: buffer.dropped, lines: buffer.next, heapMb: Math.round(process.memoryUsage().heapUsed / 1e5) / 10 } });
    return;
  }
  const message = JSON.parse(json) as ToView;
  if (message.type === 'lines') {
    buffer.addBatch(message);
    port.postMessage({ ack: message.batch });
  } else if (message.type === 'note') {
    buffer.addNote(message.container, message.text);
  }
});
