/**
 * Lines on their way to the log view's webview, in columns, a batch at a time: a batch
 * leaves when it holds `maxBytes` of text or `intervalMs` after its first line, whichever
 * comes first, so no message is big enough to stall the extension host while it is
 * serialised (48 KB: its JSON stays a young-generation string, not a large object that
 * only a full collection frees), and a quiet container's line shows at once. The webview acknowledges each
 * batch; with `maxInFlight` unacknowledged, lines wait here and, once a batch's worth is
 * waiting, the readers are asked to pause (the engine holds the rest: nothing is dropped
 * and nothing piles up in the extension host).
 */
import type { LogLine } from '../terminals/logFormat';
import { timestampKey } from '../terminals/logFormat';
import type { LineBatch } from './protocol';

export interface BatcherOptions {
  maxBytes?: number;
  intervalMs?: number;
  maxInFlight?: number;
}

export class LineBatcher {
  private containers: number[] = [];
  private stderr: number[] = [];
  private times: string[] = [];
  private texts: string[] = [];
  private bytes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextBatch = 1;
  private readonly inFlight = new Set<number>();
  private paused = false;
  private readonly maxBytes: number;
  private readonly intervalMs: number;
  private readonly maxInFlight: number;
  /** Whether lines of several containers may arrive: then a batch is put in timestamp order. */
  interleave = false;
  private held = false;
  batchesSent = 0;
  linesSent = 0;

  constructor(
    private readonly send: (batch: LineBatch) => void,
    private readonly pressure: (pause: boolean) => void,
    options: BatcherOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 48 * 1024;
    this.intervalMs = options.intervalMs ?? 20;
    this.maxInFlight = options.maxInFlight ?? 32;
  }

  add(container: number, lines: LogLine[]): void {
    for (const line of lines) {
      this.containers.push(container);
      this.stderr.push(line.stream === 'stderr' ? 1 : 0);
      this.times.push(line.timestamp ?? '');
      this.texts.push(line.text);
      this.bytes += line.text.length + 40;
    }
    if (this.bytes >= this.maxBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  get pendingLines(): number {
    return this.texts.length;
  }

  get unacknowledged(): number {
    return this.inFlight.size;
  }

  /**
   * Keeps every line until `release()`: several containers' histories arrive on streams that
   * open one after another, and only lines sent in one batch are put in time order.
   */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    this.flush();
  }

  /** Sends what is waiting, unless the webview is behind or the batcher is held; then the readers pause once a batch's worth waits. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.texts.length === 0) return;
    if (this.held || this.inFlight.size >= this.maxInFlight) {
      if (this.bytes >= this.maxBytes) this.setPaused(true);
      return;
    }
    const batch: LineBatch = this.interleave ? inTimeOrder(this.take()) : this.take();
    this.inFlight.add(batch.batch);
    this.batchesSent++;
    this.linesSent += batch.texts.length;
    this.send(batch);
  }

  private take(): LineBatch {
    const batch: LineBatch = { type: 'lines', batch: this.nextBatch++, containers: this.containers, stderr: this.stderr, times: this.times, texts: this.texts };
    this.containers = [];
    this.stderr = [];
    this.times = [];
    this.texts = [];
    this.bytes = 0;
    return batch;
  }

  ack(batch: number): void {
    if (!this.inFlight.delete(batch)) return;
    if (this.texts.length > 0) this.flush();
    // Room for another batch's worth: read on (flush pauses again if the webview stays behind).
    if (this.bytes < this.maxBytes) this.setPaused(false);
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    this.pressure(paused);
  }

  /** Forgets what waits and what is in flight (the range changed, or the view closed). */
  reset(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.take();
    this.inFlight.clear();
    this.setPaused(false);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * Several containers' lines in timestamp order (stable), so their histories interleave
 * as they happened. A batch already in order, the usual case, costs one pass.
 */
export function inTimeOrder(batch: LineBatch): LineBatch {
  const keys = batch.times.map(timestampKey);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) if (keys[i] < keys[i - 1]) sorted = false;
  if (sorted) return batch;
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
  return {
    ...batch,
    containers: order.map((i) => batch.containers[i]),
    stderr: order.map((i) => batch.stderr[i]),
    times: order.map((i) => batch.times[i]),
    texts: order.map((i) => batch.texts[i]),
  };
}
