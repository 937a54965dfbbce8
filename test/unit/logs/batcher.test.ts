import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inTimeOrder, LineBatcher } from '../../../src/logs/batcher';
import type { LineBatch } from '../../../src/logs/protocol';
import { parseRange } from '../../../src/logs/stream';
import type { LogLine } from '../../../src/terminals/logFormat';

const line = (text: string, timestamp = '2024-05-01T10:00:00Z'): LogLine => ({ stream: 'stdout', timestamp, text });

describe('LineBatcher (lines on their way to the webview)', () => {
  it('sends a batch once it holds maxBytes, and the rest after the interval', async () => {
    const sent: LineBatch[] = [];
    const batcher = new LineBatcher((b) => sent.push(b), () => undefined, { maxBytes: 100, intervalMs: 5 });
    batcher.add(0, [line('a'.repeat(30)), line('b'.repeat(30))]);
    assert.equal(sent.length, 1, 'two lines of 30 characters (+40 each for the other columns) reach 100 bytes');
    assert.deepEqual(sent[0].texts, ['a'.repeat(30), 'b'.repeat(30)]);
    batcher.add(1, [line('c')]);
    assert.equal(sent.length, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[1].containers, [1]);
    batcher.dispose();
  });

  it('held, keeps two containers\' histories until released, then sends them as one batch in time order', async () => {
    const sent: LineBatch[] = [];
    const batcher = new LineBatcher((b) => sent.push(b), () => undefined, { intervalMs: 1 });
    batcher.interleave = true;
    batcher.hold();
    batcher.add(1, [line('db ready', '2024-05-01T10:00:01Z')]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    batcher.add(0, [line('web ready', '2024-05-01T10:00:00Z'), line('web second', '2024-05-01T10:00:02Z')]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(sent.length, 0, 'nothing leaves while held');
    batcher.release();
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].texts, ['web ready', 'db ready', 'web second']);
    assert.deepEqual(sent[0].containers, [0, 1, 0]);
    batcher.dispose();
  });

  it('holds lines while the webview is behind, asks the readers to pause, and resumes on acknowledgement', () => {
    const sent: LineBatch[] = [];
    const pressure: boolean[] = [];
    const batcher = new LineBatcher((b) => sent.push(b), (pause) => pressure.push(pause), { maxBytes: 50, intervalMs: 1000, maxInFlight: 2 });
    batcher.add(0, [line('x'.repeat(20))]);
    batcher.add(0, [line('y'.repeat(20))]);
    assert.equal(sent.length, 2);
    batcher.add(0, [line('z'.repeat(20))]);
    assert.equal(sent.length, 2, 'two batches in flight: the third waits');
    assert.deepEqual(pressure, [true]);
    batcher.ack(sent[0].batch);
    assert.equal(sent.length, 3, 'an acknowledgement lets the waiting batch go');
    assert.deepEqual(sent[2].texts, ['z'.repeat(20)]);
    assert.deepEqual(pressure, [true, false]);
    batcher.dispose();
  });

  it('stable-sorts several containers\' lines by timestamp (trimmed fractions compared right)', () => {
    const batch: LineBatch = { type: 'lines', batch: 1, containers: [0, 0, 1, 1], stderr: [0, 0, 0, 1], texts: ['a1', 'a2', 'b1', 'b2'],
      times: ['2024-05-01T10:00:01.5Z', '2024-05-01T10:00:03Z', '2024-05-01T10:00:01.25Z', '2024-05-01T10:00:03Z'] };
    const sorted = inTimeOrder(batch);
    assert.deepEqual(sorted.texts, ['b1', 'a1', 'a2', 'b2']);
    assert.deepEqual(sorted.containers, [1, 0, 0, 1]);
    assert.deepEqual(sorted.stderr, [0, 0, 0, 1]);
    const inOrder = { ...batch, times: [...batch.times].sort() };
    assert.equal(inTimeOrder(inOrder), inOrder, 'a batch already in order is passed through');
  });
});

describe('log view range', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');
  it('reads since and until as the logs setting does', () => {
    assert.deepEqual(parseRange({ since: '10m', until: '' }, now), { since: now / 1000 - 600, until: undefined });
    assert.deepEqual(parseRange({ since: '2024-05-01T09:00:00Z', until: '5m' }, now), { since: now / 1000 - 3600, until: now / 1000 - 300 });
  });

  it('says in one sentence what is wrong', () => {
    assert.deepEqual(parseRange({ since: 'yesterday', until: '' }, now), { problem: 'Since: "yesterday" is not a duration (10m, 1h30m), Unix seconds or a date.' });
    assert.deepEqual(parseRange({ since: '5m', until: '10m' }, now), { problem: 'Until must be later than since.' });
  });
});
