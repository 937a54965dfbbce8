/**
 * The engine's multiplexed stream format (non-TTY logs, attach and exec): frames of an
 * 8-byte header (stream id, 3 zero bytes, big-endian payload length) and the payload.
 * Parsed incrementally: headers may be split across chunks, and payloads are handed on
 * as slices of the chunks they arrived in (no copy, no whole-frame buffering).
 */
export type StreamName = 'stdin' | 'stdout' | 'stderr';

export interface Frame {
  stream: StreamName;
  data: Buffer;
}

const streamNames: Record<number, StreamName> = { 0: 'stdin', 1: 'stdout', 2: 'stderr' };

export class Demuxer {
  private header = Buffer.alloc(8);
  private headerBytes = 0;
  private remaining = 0;
  private stream: StreamName = 'stdout';

  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - offset);
        frames.push({ stream: this.stream, data: chunk.subarray(offset, offset + take) });
        this.remaining -= take;
        offset += take;
        continue;
      }
      const take = Math.min(8 - this.headerBytes, chunk.length - offset);
      chunk.copy(this.header, this.headerBytes, offset, offset + take);
      this.headerBytes += take;
      offset += take;
      if (this.headerBytes === 8) {
        this.headerBytes = 0;
        // An unknown stream id means we are not looking at a multiplexed stream; treat as stdout.
        this.stream = streamNames[this.header[0]] ?? 'stdout';
        this.remaining = this.header.readUInt32BE(4);
      }
    }
    return frames;
  }

  /** True when the stream ended cleanly on a frame boundary. */
  get atBoundary(): boolean {
    return this.remaining === 0 && this.headerBytes === 0;
  }
}

/** Builds one frame, for tests and the benchmark's fixtures. */
export function encodeFrame(stream: StreamName, payload: Buffer | string): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = stream === 'stdin' ? 0 : stream === 'stdout' ? 1 : 2;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}
