import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActivationMark, ActivationTimings } from '../../src/timings';

/** A clock that returns the given times in order. */
function clock(...times: number[]): () => number {
  return () => {
    const next = times.shift();
    assert.ok(next !== undefined, 'the clock was read more often than the test expected');
    return next;
  };
}

describe('ActivationTimings', () => {
  it('measures each milestone from activate() starting', () => {
    const timings = new ActivationTimings(clock(1000, 1012.34, 1250));
    timings.mark('activateEnd');
    timings.mark('containersShown');
    assert.deepEqual(timings.summary(), {
      marks: { activateStart: 1000, activateEnd: 1012.34, containersShown: 1250 },
      activateMs: 12.3,
      firstContainersMs: 250,
      firstMessageMs: undefined,
    });
    assert.equal(timings.describe(), 'activated in 12.3 ms; first containers in 250 ms');
  });

  it('keeps the first time a milestone is reached and tells listeners once', () => {
    const timings = new ActivationTimings(clock(0, 40, 90));
    const heard: ActivationMark[] = [];
    timings.onMark((mark) => heard.push(mark));
    timings.mark('containersMessage');
    timings.mark('containersMessage');
    timings.mark('activateEnd');
    assert.deepEqual(heard, ['containersMessage', 'activateEnd']);
    assert.equal(timings.summary().firstMessageMs, 40);
    assert.equal(timings.describe(), 'activated in 90 ms; engine unreachable message in 40 ms');
  });

  it('says what it does not know yet', () => {
    assert.equal(new ActivationTimings(clock(5)).describe(), 'activated in ? ms');
  });
});
