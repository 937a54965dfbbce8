/**
 * The log view's bounded buffer, held by the webview: at most `capacity` lines in a ring
 * (the oldest dropped and counted), each with its container, severity and stream, plus
 * the sequence numbers of the lines the filter lets through, kept as lines arrive and
 * leave, so a filter applies while following and the rows to draw are an index away.
 * Notes (restarts, stops) are lines too, and every filter lets them through. A line's
 * severity is worked out when it is first drawn: most lines of a flood never are. Pure:
 * unit tests and bench/logs.ts run it in plain Node.
 */
import type { LineTest } from './filter';
import type { LineBatch } from './protocol';
import { Severity, severityOf } from './severity';

const knownFlag = 16;
const noteFlag = 8;
const stderrFlag = 4;
const severityMask = 3;

export interface ShownLine {
  seq: number;
  container: number;
  time: string;
  text: string;
  severity: Severity;
  stderr: boolean;
  note: boolean;
}

// SGR colours and other escape sequences: the view draws text, never a terminal's codes.
// eslint-disable-next-line no-control-regex
const escapes = /\x1b\[[0-9;:?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[\x20-\x7e]?|[\x00-\x08\x0b-\x1f\x7f]/g;

export function viewText(text: string): string {
  if (text.endsWith('\r')) text = text.slice(0, -1);
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x08\x0b-\x1f\x7f]/.test(text) ? text.replace(escapes, '') : text;
}

export class LineBuffer {
  private readonly texts: string[];
  private readonly times: string[];
  private readonly containers: Uint16Array;
  private readonly flags: Uint8Array;
  /** Sequence number of the next line; lines [first, next) are held. */
  next = 0;
  /** Sequence numbers of the lines that pass the filter, oldest first, in a ring of the same capacity. */
  private readonly matches: Float64Array;
  private matchHead = 0;
  private matchCount = 0;
  private test: LineTest | undefined;

  constructor(readonly capacity: number) {
    this.texts = new Array<string>(capacity);
    this.times = new Array<string>(capacity);
    this.containers = new Uint16Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.matches = new Float64Array(capacity);
  }

  /** The oldest line still held. */
  get first(): number {
    return Math.max(0, this.next - this.capacity);
  }

  /** Lines dropped so far to keep the newest `capacity`. */
  get dropped(): number {
    return this.first;
  }

  get held(): number {
    return this.next - this.first;
  }

  /** Rows the view shows: every held line, or only those the filter lets through. */
  get shown(): number {
    return this.test ? this.matchCount : this.held;
  }

  get filtered(): boolean {
    return this.test !== undefined;
  }

  addBatch(batch: LineBatch): void {
    const { containers, stderr, times, texts } = batch;
    for (let i = 0; i < texts.length; i++) {
      this.add(containers[i], times[i], viewText(texts[i]), stderr[i] === 1 ? stderrFlag : 0);
    }
  }

  addNote(container: number, text: string): void {
    this.add(container, '', text, noteFlag | knownFlag);
  }

  private add(container: number, time: string, text: string, flags: number): void {
    const seq = this.next++;
    const slot = seq % this.capacity;
    this.texts[slot] = text;
    this.times[slot] = time;
    this.containers[slot] = container;
    this.flags[slot] = flags;
    if (!this.test) return;
    // The ring overwrote a line: forget it as a match too.
    const first = this.first;
    while (this.matchCount > 0 && this.matches[this.matchHead] < first) {
      this.matchHead = (this.matchHead + 1) % this.capacity;
      this.matchCount--;
    }
    if ((flags & noteFlag) !== 0 || this.test(text)) this.pushMatch(seq);
  }

  private pushMatch(seq: number): void {
    this.matches[(this.matchHead + this.matchCount) % this.capacity] = seq;
    this.matchCount++;
  }

  /** A new filter (or none): the held lines are tested again. */
  setFilter(test: LineTest | undefined): void {
    this.test = test;
    this.matchHead = 0;
    this.matchCount = 0;
    if (!test) return;
    for (let seq = this.first; seq < this.next; seq++) {
      const slot = seq % this.capacity;
      if ((this.flags[slot] & noteFlag) !== 0 || test(this.texts[slot])) this.pushMatch(seq);
    }
  }

  clear(): void {
    this.next = 0;
    this.matchHead = 0;
    this.matchCount = 0;
    this.texts.fill('');
    this.times.fill('');
  }

  /** The `row`-th row shown (0 is the oldest). */
  row(row: number): ShownLine {
    const seq = this.test ? this.matches[(this.matchHead + row) % this.capacity] : this.first + row;
    const slot = seq % this.capacity;
    let flags = this.flags[slot];
    if ((flags & knownFlag) === 0) {
      flags |= knownFlag | severityOf(this.texts[slot], (flags & stderrFlag) !== 0);
      this.flags[slot] = flags;
    }
    return {
      seq, container: this.containers[slot], time: this.times[slot], text: this.texts[slot],
      severity: (flags & severityMask) as Severity, stderr: (flags & stderrFlag) !== 0, note: (flags & noteFlag) !== 0,
    };
  }
}
