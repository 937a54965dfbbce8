import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineBuffer, viewText } from '../../../src/logs/lineBuffer';
import type { LineBatch } from '../../../src/logs/protocol';

let batchNo = 0;
function batch(texts: string[], container = 0, stderr = 0): LineBatch {
  return { type: 'lines', batch: ++batchNo, containers: texts.map(() => container), stderr: texts.map(() => stderr), times: texts.map((_, i) => `2024-05-01T10:00:0${i % 10}Z`), texts };
}

const shownTexts = (buffer: LineBuffer) => Array.from({ length: buffer.shown }, (_, i) => buffer.row(i).text);

describe('LineBuffer (the log view\'s bounded buffer)', () => {
  it('keeps the newest lines up to its capacity and counts the dropped ones', () => {
    const buffer = new LineBuffer(3);
    buffer.addBatch(batch(['1', '2', '3', '4', '5']));
    assert.deepEqual(shownTexts(buffer), ['3', '4', '5']);
    assert.equal(buffer.dropped, 2);
    assert.equal(buffer.held, 3);
  });

  it('applies a filter to what it holds and to what arrives, and forgets matches that were dropped', () => {
    const buffer = new LineBuffer(4);
    buffer.addBatch(batch(['tick 1', 'tock', 'tick 2']));
    buffer.setFilter((t) => t.startsWith('tick'));
    assert.deepEqual(shownTexts(buffer), ['tick 1', 'tick 2']);
    buffer.addBatch(batch(['tock', 'tick 3', 'tick 4']));
    // Capacity 4: 'tick 1', 'tock' dropped.
    assert.deepEqual(shownTexts(buffer), ['tick 2', 'tick 3', 'tick 4']);
    buffer.setFilter(undefined);
    assert.deepEqual(shownTexts(buffer), ['tick 2', 'tock', 'tick 3', 'tick 4']);
  });

  it('lets notes through every filter and marks them', () => {
    const buffer = new LineBuffer(10);
    buffer.setFilter((t) => t === 'match');
    buffer.addBatch(batch(['match', 'other']));
    buffer.addNote(0, 'Container restarted');
    assert.deepEqual(shownTexts(buffer), ['match', 'Container restarted']);
    assert.equal(buffer.row(1).note, true);
  });

  it('records severity, stream and container per line', () => {
    const buffer = new LineBuffer(10);
    buffer.addBatch(batch(['ERROR x'], 1));
    buffer.addBatch(batch(['plain'], 2, 1));
    assert.deepEqual([buffer.row(0).severity, buffer.row(0).container, buffer.row(0).stderr], [3, 1, false]);
    assert.deepEqual([buffer.row(1).severity, buffer.row(1).container, buffer.row(1).stderr], [3, 2, true]);
  });

  it('clears for a new range', () => {
    const buffer = new LineBuffer(10);
    buffer.addBatch(batch(['a', 'b']));
    buffer.clear();
    assert.equal(buffer.shown, 0);
    assert.equal(buffer.dropped, 0);
  });

  it('draws text, never terminal codes', () => {
    assert.equal(viewText('\x1b[31mred\x1b[0m and \x1b]0;title\x07plain\r'), 'red and plain');
    assert.equal(viewText('tab\tkept'), 'tab\tkept');
  });
});
