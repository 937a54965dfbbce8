/**
 * Stream plumbing shared by logs, attach, exec, pull, push, build and events:
 * demultiplexing the engine's 8-byte framed stdout/stderr, and splitting JSON lines.
 */
import { PassThrough, Readable, Transform, TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export type StreamKind = 'stdin' | 'stdout' | 'stderr';

export interface Frame {
  stream: StreamKind;
  data: Buffer;
}

const kinds: StreamKind[] = ['stdin', 'stdout', 'stderr'];

/**
 * Splits a multiplexed (non-TTY) stream into frames. Each frame on the wire is a header
 * of [type, 0, 0, 0, size as uint32 big-endian] followed by `size` bytes.
 *
 * Each chunk is read in place (a frame split across chunks is carried over, nothing is
 * re-concatenated), and consecutive frames of one stream within a chunk leave as one
 * Frame: a log of 100-byte lines arrives as ~600 frames per 64 KB chunk, and one object
 * per chunk instead of one per line is what keeps logs near the engine's own speed.
 * The order of stdout and stderr is kept; frame boundaries are not (nobody needs them).
 */
export class Demuxer extends Transform {
  /** A header split across chunks. */
  private readonly header = Buffer.alloc(8);
  private headerLength = 0;
  /** The frame being read: its stream and the payload bytes still to come. */
  private kind: StreamKind = 'stdout';
  private remaining = 0;
  /** Set once the stream turned out not to be framed (a TTY stream): the rest passes through as stdout. */
  private raw = false;
  /** This chunk's payload, copied without the headers; runs of one stream leave as slices of it. */
  private out = Buffer.alloc(0);
  private outLength = 0;
  private runStart = 0;
  private runKind: StreamKind | undefined;

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // Payload never exceeds the chunk plus a header carried over from the last one.
    this.out = Buffer.allocUnsafe(chunk.length + 8);
    this.outLength = 0;
    this.runStart = 0;
    this.runKind = undefined;
    let offset = 0;
    while (offset < chunk.length) {
      if (this.raw) {
        this.add('stdout', chunk, offset, chunk.length);
        break;
      }
      if (this.remaining > 0) {
        const end = Math.min(chunk.length, offset + this.remaining);
        this.add(this.kind, chunk, offset, end);
        this.remaining -= end - offset;
        offset = end;
        continue;
      }
      let type: number;
      let size: number;
      if (this.headerLength === 0 && chunk.length - offset >= 8) {
        type = chunk[offset];
        size = chunk.readUInt32BE(offset + 4);
        if (type > 2) {
          this.raw = true;
          continue;
        }
        offset += 8;
      } else {
        const take = Math.min(8 - this.headerLength, chunk.length - offset);
        chunk.copy(this.header, this.headerLength, offset, offset + take);
        this.headerLength += take;
        offset += take;
        if (this.headerLength < 8) break;
        this.headerLength = 0;
        type = this.header[0];
        size = this.header.readUInt32BE(4);
        if (type > 2) {
          // Not framed after all (a TTY stream): this header's bytes and everything after are stdout.
          this.raw = true;
          this.add('stdout', this.header, 0, 8);
          continue;
        }
      }
      this.kind = kinds[type];
      this.remaining = size;
      // An empty frame still counts (a consumer may wait for its stream to speak).
      if (size === 0) this.add(this.kind, chunk, offset, offset);
    }
    this.endRun();
    this.out = Buffer.alloc(0);
    done();
  }

  override _flush(done: TransformCallback): void {
    // A header cut short by the end of the stream: its bytes, as they came.
    if (this.headerLength > 0) this.push({ stream: 'stdout', data: Buffer.from(this.header.subarray(0, this.headerLength)) } satisfies Frame);
    this.headerLength = 0;
    done();
  }

  private add(kind: StreamKind, source: Buffer, start: number, end: number): void {
    if (this.runKind !== undefined && this.runKind !== kind) this.endRun();
    this.runKind = kind;
    this.outLength += source.copy(this.out, this.outLength, start, end);
  }

  private endRun(): void {
    if (this.runKind === undefined) return;
    this.push({ stream: this.runKind, data: this.out.subarray(this.runStart, this.outLength) } satisfies Frame);
    this.runStart = this.outLength;
    this.runKind = undefined;
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

/**
 * Calls `write` with the stream's text as it comes. One decoder for the whole stream:
 * a character whose bytes arrive in two chunks (Korean, accents, emoji) stays whole
 * instead of becoming two U+FFFD.
 */
export function onText(stream: Readable, write: (text: string) => void): void {
  const decoder = new StringDecoder('utf8');
  stream.on('data', (chunk: Buffer | string) => {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) write(text);
  });
  stream.once('end', () => {
    const rest = decoder.end();
    if (rest) write(rest);
  });
}

/** A whole framed stream as text per stream; one decoder each, since the engine frames every write and a character can straddle two frames. */
export async function frameText(frames: AsyncIterable<Frame>): Promise<{ stdout: string; stderr: string }> {
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  const out = { stdout: '', stderr: '' };
  for await (const frame of frames) if (frame.stream !== 'stdin') out[frame.stream] += decoders[frame.stream].write(frame.data);
  out.stdout += decoders.stdout.end();
  out.stderr += decoders.stderr.end();
  return out;
}

/** Yields one parsed object per JSON line (progress, events, stats), decoding across chunk boundaries. */
export async function* jsonLines<T>(stream: Readable): AsyncGenerator<T> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of stream) {
    pending += Buffer.isBuffer(chunk) ? decoder.write(chunk) : String(chunk);
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) yield JSON.parse(line) as T;
    }
  }
  const last = (pending + decoder.end()).trim();
  if (last) yield JSON.parse(last) as T;
}
