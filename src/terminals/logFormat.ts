/**
 * The logs terminal's code path as plain functions: engine log frames in, terminal lines out.
 * The Pseudoterminal and bench/logs.ts both run this, so the benchmark measures what
 * users get. Logs are always fetched with timestamps: they let a re-attach after a
 * restart skip lines already shown, and are hidden unless the user asked for them.
 */
import * as l10n from '@vscode/l10n';
import type { StreamKind as StreamName } from '../engine';
import { LineDecoder, sanitizeLine } from './text';

export const ansi = {
  reset: '\x1b[0m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  inverse: '\x1b[7m',
};

/** docker compose's service colours, in its order. */
const serviceColours = ['\x1b[36m', '\x1b[33m', '\x1b[32m', '\x1b[35m', '\x1b[34m', '\x1b[96m', '\x1b[93m', '\x1b[92m', '\x1b[95m', '\x1b[94m'];

export function serviceColour(index: number): string {
  return serviceColours[((index % serviceColours.length) + serviceColours.length) % serviceColours.length];
}

/** Left column for a group's logs: the service name padded to the widest one, coloured. */
export function servicePrefix(service: string, index: number, width: number): string {
  return `${serviceColour(index)}${service.padEnd(width)} |${ansi.reset} `;
}

/**
 * Docker writes RFC 3339 timestamps with trailing zeros of the fraction trimmed, so two
 * of them do not compare as strings; this key (nine fraction digits) does.
 */
export function timestampKey(timestamp: string): string {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  if (!match) return timestamp;
  return `${match[1]}.${(match[2] ?? '').padEnd(9, '0').slice(0, 9)}${match[3]}`;
}

export interface LogLine {
  stream: StreamName;
  /** RFC 3339 with nanoseconds, as the engine sent it. */
  timestamp?: string;
  text: string;
}

/** Splits "2024-05-01T10:00:00.123456789Z message" into its timestamp and text. */
export function splitTimestamp(line: string): { timestamp?: string; text: string } {
  const space = line.indexOf(' ');
  if (space >= 20 && space <= 40 && line.charCodeAt(4) === 45 /* - */ && line.charCodeAt(10) === 84 /* T */) {
    return { timestamp: line.slice(0, space), text: line.slice(space + 1) };
  }
  return { text: line };
}

export interface LineStyle {
  showTimestamps: boolean;
  /** Already coloured, e.g. from servicePrefix. */
  prefix?: string;
}

/** One terminal line: stderr in red (kept red after the program's own colour resets), CRLF at the end. */
export function formatLogLine(line: LogLine, style: LineStyle): string {
  let text = sanitizeLine(line.text);
  // eslint-disable-next-line no-control-regex
  if (line.stream === 'stderr') text = `${ansi.red}${text.replace(/\x1b\[0?m/g, `${ansi.reset}${ansi.red}`)}${ansi.reset}`;
  const time = style.showTimestamps && line.timestamp ? `${ansi.dim}${line.timestamp}${ansi.reset} ` : '';
  return `${style.prefix ?? ''}${time}${text}\r\n`;
}

export interface LogDecoderOptions {
  /** Skip lines at or before this timestamp (already shown before a restart). */
  after?: string;
}

/** Log frames (already demultiplexed by the engine layer) to LogLines: per-stream line splitting, timestamps. */
export class LogDecoder {
  private readonly decoders: Record<StreamName, LineDecoder> = { stdin: new LineDecoder(), stdout: new LineDecoder(), stderr: new LineDecoder() };
  private afterKey: string | undefined;
  /** The newest timestamp seen, to resume from after a restart. */
  lastTimestamp: string | undefined;
  lines = 0;
  bytes = 0;

  constructor(options: LogDecoderOptions = {}) {
    this.afterKey = options.after ? timestampKey(options.after) : undefined;
  }

  push(stream: StreamName, data: Buffer): LogLine[] {
    this.bytes += data.length;
    const out: LogLine[] = [];
    this.collect(stream, this.decoders[stream].push(data), out);
    return out;
  }

  end(): LogLine[] {
    const out: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.decoders[stream].end();
      if (rest !== undefined) this.collect(stream, [rest], out);
    }
    return out;
  }

  private collect(stream: StreamName, raw: string[], out: LogLine[]): void {
    for (const line of raw) {
      const { timestamp, text } = splitTimestamp(line);
      if (timestamp) {
        if (this.afterKey !== undefined) {
          if (timestampKey(timestamp) <= this.afterKey) continue;
          this.afterKey = undefined;
        }
        this.lastTimestamp = timestamp;
      }
      this.lines++;
      out.push({ stream, timestamp, text });
    }
  }
}

/**
 * What has not reached the terminal yet, bounded: when output arrives faster than the
 * terminal is fed, the oldest pending lines are dropped (the terminal would scroll them
 * out of its scrollback anyway) and counted, so memory stays flat whatever the rate.
 */
export class PendingOutput {
  private lines: string[] = [];
  private head = 0;
  private size = 0;
  dropped = 0;

  constructor(private readonly maxBytes = 256 * 1024, private readonly maxLines = 1000) {}

  push(line: string): void {
    this.lines.push(line);
    this.size += line.length;
    while ((this.size > this.maxBytes || this.lines.length - this.head > this.maxLines) && this.lines.length - this.head > 1) {
      this.size -= this.lines[this.head].length;
      this.head++;
      this.dropped++;
    }
    // Compact now and then so the array does not hold dropped lines.
    if (this.head > 4096 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }

  get isEmpty(): boolean {
    return this.lines.length === this.head;
  }

  get pendingBytes(): number {
    return this.size;
  }

  /** Everything pending as one write, preceded by a note when lines were dropped. */
  take(): string {
    let text = '';
    if (this.dropped > 0) {
      text = `${ansi.dim}… ${this.dropped.toLocaleString('en-US')} line${this.dropped === 1 ? '' : 's'} skipped: they came faster than the terminal shows them (Open Logs as Document has them all) …${ansi.reset}\r\n`;
      this.dropped = 0;
    }
    text += this.lines.slice(this.head).join('');
    this.lines = [];
    this.head = 0;
    this.size = 0;
    return text;
  }
}

/** A banner line (stopped, restarted, removed), dim and inverse so it stands apart from log text. */
export function bannerLine(text: string): string {
  return `${ansi.inverse}${ansi.dim} ${text} ${ansi.reset}\r\n`;
}

/**
 * `berth.logs.since` / the "since" prompt: a duration ("10m", "1h30m", "45s"), Unix
 * seconds, or an RFC 3339 date. Returns Unix seconds, or undefined when empty.
 */
export function parseSince(value: string, nowMs: number = Date.now()): number | undefined {
  const text = value.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const duration = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (duration && text.length > 0) {
    const [, d, h, m, s] = duration.map((x) => Number(x ?? 0));
    return Math.floor(nowMs / 1000) - (((d * 24 + h) * 60 + m) * 60 + s);
  }
  const date = Date.parse(text);
  if (!Number.isNaN(date)) return Math.floor(date / 1000);
  throw new Error(l10n.t('"{0}" is not a duration (10m, 1h30m), Unix seconds or a date.', value));
}
