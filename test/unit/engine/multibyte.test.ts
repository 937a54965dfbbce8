/**
 * Text whose characters are split between two chunks, at every byte offset: Korean
 * (3 bytes a character), accented Latin (2) and an emoji (4). Each stream reader that
 * turns engine bytes into text (JSON lines for build, pull, push, events and stats;
 * framed logs; plain streams for the interactive run task) must keep them whole.
 */
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { Demuxer, Frame, frameText, jsonLines, onText } from '../../../src/engine/streams';

const text = '한국어 빌드 — café, naïve, Ærø 🚢';

/** Every way to cut `bytes` in two. */
function cuts(bytes: Buffer): [Buffer, Buffer][] {
  const out: [Buffer, Buffer][] = [];
  for (let i = 1; i < bytes.length; i++) out.push([bytes.subarray(0, i), bytes.subarray(i)]);
  return out;
}

/** A stream that hands out exactly these chunks, one at a time. */
const chunks = (parts: Buffer[]): Readable => Readable.from(parts, { objectMode: false });

function frame(stream: 1 | 2, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('multi-byte text split across chunks', () => {
  it('JSON lines (build, pull, push, events, stats) keep every character', async () => {
    const line = Buffer.from(`${JSON.stringify({ stream: text })}\n${JSON.stringify({ status: text })}\n`);
    for (const [a, b] of cuts(line)) {
      const parsed: { stream?: string; status?: string }[] = [];
      for await (const item of jsonLines<{ stream?: string; status?: string }>(chunks([a, b]))) parsed.push(item);
      assert.deepEqual(parsed, [{ stream: text }, { status: text }], `cut at byte ${a.length}`);
    }
  });

  it('a last JSON line without a newline, cut inside a character, stays whole', async () => {
    const line = Buffer.from(JSON.stringify({ stream: text }));
    for (const [a, b] of cuts(line)) {
      const parsed: unknown[] = [];
      for await (const item of jsonLines(chunks([a, b]))) parsed.push(item);
      assert.deepEqual(parsed, [{ stream: text }], `cut at byte ${a.length}`);
    }
  });

  it('a plain stream (the interactive run task, ssh stderr) keeps every character', async () => {
    const bytes = Buffer.from(text);
    for (const [a, b] of cuts(bytes)) {
      const stream = chunks([a, b]);
      let out = '';
      onText(stream, (t) => (out += t));
      await new Promise((resolve) => stream.once('end', resolve));
      assert.equal(out, text, `cut at byte ${a.length}`);
    }
  });

  it('framed logs keep every character when a character straddles two frames', async () => {
    const bytes = Buffer.from(text);
    for (const [a, b] of cuts(bytes)) {
      // The engine frames each write: a program writing in two pieces gives two frames.
      const wire = Buffer.concat([frame(1, a), frame(2, Buffer.from(`é${text}`)), frame(1, b)]);
      for (const [x, y] of [[wire, Buffer.alloc(0)], [wire.subarray(0, 8 + a.length - 1), wire.subarray(8 + a.length - 1)]]) {
        const demuxer = new Demuxer();
        chunks([x, y].filter((c) => c.length > 0)).pipe(demuxer);
        const out = await frameText(demuxer as AsyncIterable<Frame>);
        assert.equal(out.stdout, text, `cut at byte ${a.length}`);
        assert.equal(out.stderr, `é${text}`);
      }
    }
  });
});
