/**
 * Stream plumbing shared by logs, attach, exec, pull, push, build and events:
 * demultiplexing the engine's 8-byte framed stdout/stderr, and splitting JSON lines.
 */
import { PassThrough, Readable, Transform, TransformCallback } from 'node:stream';

export type StreamKind = 'stdin' | 'stdout' | 'stderr';

export interface Frame {
  stream: StreamKind;
  data: Buffer;
}

const kinds: StreamKind[] = ['stdin', 'stdout', 'stderr'];

/**
 * Splits a multiplexed (non-TTY) stream into frames. Each frame is a header of
 * [type, 0, 0, 0, size as uint32 big-endian] followed by `size` bytes.
 */
export class Demuxer extends Transform {
  private buffer: Buffer = Buffer.alloc(0);

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 8) {
      const type = this.buffer.readUInt8(0);
      const size = this.buffer.readUInt32BE(4);
      if (type > 2) {
        // Not framed after all (a TTY stream): pass the rest through as stdout.
        this.push({ stream: 'stdout', data: this.buffer } satisfies Frame);
        this.buffer = Buffer.alloc(0);
        break;
      }
      if (this.buffer.length < 8 + size) break;
      this.push({ stream: kinds[type], data: this.buffer.subarray(8, 8 + size) } satisfies Frame);
      this.buffer = this.buffer.subarray(8 + size);
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.buffer.length > 0) this.push({ stream: 'stdout', data: this.buffer } satisfies Frame);
    done();
  }
}

/** Pure: demultiplexes a whole buffer (used by tests and one-shot reads). */
export function demuxBuffer(buffer: Buffer): Frame[] {
  const frames: Frame[] = [];
  let rest = buffer;
  while (rest.length >= 8) {
    const type = rest.readUInt8(0);
    const size = rest.readUInt32BE(4);
    if (type > 2 || rest.length < 8 + size) break;
    frames.push({ stream: kinds[type], data: rest.subarray(8, 8 + size) });
    rest = rest.subarray(8 + size);
  }
  return frames;
}

/** Splits a raw stream into stdout and stderr streams. */
export function splitStreams(source: Readable, tty: boolean): { stdout: Readable; stderr: Readable } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const fail = (error: Error): void => {
    stdout.destroy(error);
    stderr.destroy(error);
  };
  if (tty) {
    source.on('error', fail);
    source.pipe(stdout);
    stderr.end();
    return { stdout, stderr };
  }
  const demuxer = new Demuxer();
  source.on('error', fail);
  source.pipe(demuxer);
  demuxer.on('data', (frame: Frame) => (frame.stream === 'stderr' ? stderr : stdout).write(frame.data));
  demuxer.on('end', () => {
    stdout.end();
    stderr.end();
  });
  return { stdout, stderr };
}

/** Yields one parsed object per JSON line (progress, events, stats). */
export async function* jsonLines<T>(stream: Readable): AsyncGenerator<T> {
  let pending = '';
  for await (const chunk of stream) {
    pending += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) yield JSON.parse(line) as T;
    }
  }
  const last = pending.trim();
  if (last) yield JSON.parse(last) as T;
}
