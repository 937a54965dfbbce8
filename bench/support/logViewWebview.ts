/**
 * The log view's webview side for bench/logs.ts, in a process of its own as the real one
 * runs in a renderer process: each message arrives as the JSON text the extension host
 * serialised, is parsed, and batches go into the webview's LineBuffer (the ring, the
 * filter) before they are acknowledged, as src/logs/webview/main.ts does. It samples its
 * own RSS, reported apart from the extension host's.
 */
import { compileFilter } from '../../src/logs/filter';
import { LineBuffer } from '../../src/logs/lineBuffer';
import type { ToView } from '../../src/logs/protocol';

const buffer = new LineBuffer(Number(process.env.BERTH_BENCH_MAX_LINES));
const filter = compileFilter({ text: process.env.BERTH_BENCH_FILTER ?? '', regex: false });
if (filter.ok) buffer.setFilter(filter.test);
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
const send = (message: unknown): void => void process.send!(message);

process.on('message', (json: string) => {
  if (json === 'report') {
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    // Drawing asks each visible row for its severity; a screenful of rows, as the view draws.
    for (let row = Math.max(0, buffer.shown - 60); row < buffer.shown; row++) buffer.row(row);
    send({ report: { held: buffer.held, shown: buffer.shown, dropped: buffer.dropped, lines: buffer.next, peakRssMb: Math.round(peakRss / 1e5) / 10, cpuSeconds: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e4) / 100 } });
    return;
  }
  const message = JSON.parse(json) as ToView;
  if (message.type === 'lines') {
    buffer.addBatch(message);
    send({ ack: message.batch });
  } else if (message.type === 'note') {
    buffer.addNote(message.container, message.text);
  }
});
send({ ready: true });
