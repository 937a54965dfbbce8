import * as assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { Coalescer, defaultCoalescerTiming as timing, flushDue } from '../../../src/state/coalescer';
import type { ResourceKind } from '../../../src/state/eventRouter';

describe('flushDue', () => {
  const pending = (firstPendingAt: number, lastFlushAt?: number, burstFlushes = 0, scheduled?: number) => ({ firstPendingAt, lastFlushAt, burstFlushes, scheduled });

  it('flushes a request after a quiet spell one window later, and later requests join that window', () => {
    assert.equal(flushDue(timing, 1000, pending(1000)), 1000 + timing.windowMs);
    assert.equal(flushDue(timing, 1000, pending(1000, 1000 - timing.burstMs)), 1000 + timing.windowMs);
    assert.equal(flushDue(timing, 1030, pending(1000, undefined, 0, 1050)), 1050);
  });

  it('flushes the follow-up events of one action one window later too, not after a pause', () => {
    // The previous flush, the chain's first, was 100 ms before: a stop's die after its kill.
    assert.equal(flushDue(timing, 1000, pending(1000, 900, 0)), 1000 + timing.windowMs);
  });

  it('in a burst, waits for the requests to stop, but no longer than maxWaitMs after the first pending one', () => {
    // The previous flush was 100 ms before the first pending request, and the chain's follow-up ran: a burst.
    const burst = timing.followUps;
    assert.equal(flushDue(timing, 1000, pending(1000, 900, burst)), 1000 + timing.quietMs);
    assert.equal(flushDue(timing, 2000, pending(1000, 900, burst, 1300)), 2000 + timing.quietMs);
    assert.equal(flushDue(timing, 1000 + timing.maxWaitMs - 10, pending(1000, 900, burst, 3000)), 1000 + timing.maxWaitMs);
  });

  it('doubles both waits with each flush of the same burst, up to maxDoublings times', () => {
    const burst = timing.followUps;
    assert.equal(flushDue(timing, 1000, pending(1000, 900, burst + 1)), 1000 + 2 * timing.quietMs);
    assert.equal(flushDue(timing, 1000, pending(1000, 900, burst + 2)), 1000 + 4 * timing.quietMs);
    assert.equal(flushDue(timing, 1000, pending(1000, 900, burst + 9)), 1000 + 2 ** timing.maxDoublings * timing.quietMs);
    assert.equal(flushDue(timing, 50_000, pending(1000, 900, burst + 9)), 1000 + 2 ** timing.maxDoublings * timing.maxWaitMs);
  });
});

describe('Coalescer', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  /** Advances the mocked clock a millisecond at a time, so each flush sees its own time (one big tick reports its end). */
  function advance(ms: number): void {
    for (let i = 0; i < ms; i++) mock.timers.tick(1);
  }

  function recorder() {
    const flushes: { at: number; kinds: ResourceKind[] }[] = [];
    const coalescer = new Coalescer((kinds) => flushes.push({ at: Date.now(), kinds: [...kinds].sort() }));
    return { flushes, coalescer };
  }

  it('turns a burst of requests into one flush holding every kind asked for, one window after the first', () => {
    const { flushes, coalescer } = recorder();
    for (let i = 0; i < 100; i++) coalescer.request(i % 2 ? ['containers'] : ['images', 'containers']);
    advance(timing.windowMs - 1);
    assert.equal(flushes.length, 0);
    advance(1);
    assert.deepEqual(flushes, [{ at: timing.windowMs, kinds: ['containers', 'images'] }]);
    assert.equal(coalescer.flushes, 1);
  });

  it('does nothing for an empty request', () => {
    const { flushes, coalescer } = recorder();
    coalescer.request([]);
    advance(10 * timing.maxWaitMs);
    assert.equal(flushes.length, 0);
  });

  it('flushes a steady 200-event burst over 6 s four times: at its start, its follow-up, then after maxWaitMs, then twice that', () => {
    const { flushes, coalescer } = recorder();
    for (let i = 0; i < 200; i++) {
      coalescer.request(['containers']);
      advance(30);
    }
    advance(10 * timing.maxWaitMs);
    // One window (25) after the first request (25), and after the follow-up from 30 (55); the
    // burst's first batch (from 60) waits maxWaitMs (2060), the next one (from 2070) twice
    // that (6070), which covers the last request (5970).
    assert.equal(timing.windowMs, 25);
    assert.deepEqual(flushes.map((f) => f.at), [25, 55, 2060, 6070]);
  });

  it('flushes a 17 s burst full of pauses (a busy engine) six times, the last soon after it ends', () => {
    const { flushes, coalescer } = recorder();
    for (let i = 0; i < 200; i++) {
      coalescer.request(['containers']);
      // Every tenth event comes after a pause longer than quietMs, shorter than twice that.
      advance(i % 10 === 9 ? 400 : 45);
    }
    const lastRequest = Date.now() - 400;
    advance(10 * timing.maxWaitMs);
    // Its start and follow-up flush one window apart, the first pause flushes (quietMs);
    // after that each wait has doubled past the pauses.
    assert.equal(flushes.length, 6, `flushes at ${flushes.map((f) => f.at).join(', ')}`);
    assert.ok(flushes.at(-1)!.at - lastRequest <= 2 ** timing.maxDoublings * timing.quietMs, `the last flush at ${flushes.at(-1)!.at}, the last request at ${lastRequest}`);
  });

  it('shows an action\'s follow-up one window later, the end of a burst quietMs after its last request, and a later lone request one window after it', () => {
    const { flushes, coalescer } = recorder();
    coalescer.request(['containers']);
    advance(60);
    coalescer.request(['containers']);
    advance(timing.windowMs + 10);
    coalescer.request(['containers']);
    advance(timing.quietMs);
    assert.deepEqual(flushes.map((f) => f.at), [timing.windowMs, 60 + timing.windowMs, 60 + timing.windowMs + 10 + timing.quietMs]);
    advance(timing.burstMs);
    const lone = Date.now();
    coalescer.request(['volumes']);
    advance(timing.windowMs);
    assert.deepEqual(flushes.at(-1), { at: lone + timing.windowMs, kinds: ['volumes'] });
  });

  it('drops what is pending when disposed', () => {
    const { flushes, coalescer } = recorder();
    coalescer.request(['containers']);
    coalescer.dispose();
    advance(10 * timing.maxWaitMs);
    assert.equal(flushes.length, 0);
  });
});
