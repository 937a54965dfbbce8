/**
 * Collects refresh requests and flushes them as one set, so a burst of events
 * (compose up, prune, a script creating 100 containers) costs a handful of list calls
 * per store instead of one per event. Not a poll: nothing runs unless something asked.
 *
 * A request after a quiet spell flushes `windowMs` later, so one action shows at once.
 * Requests that follow a flush within `burstMs` continue its chain. The first
 * `followUps` flushes of a chain still come one window later: one action sends several
 * events over a few dozen milliseconds (a stop's die, disconnect and stop), and its final state
 * must not wait for a pause. After those, the chain is a burst: it flushes once requests
 * stop for `quietMs`, or `maxWaitMs` after the first of them at the latest, so a long
 * burst still shows progress. Each flush within the same burst doubles both waits (up
 * to `maxDoublings` times): on a busy engine events come with pauses, and a burst of
 * any length then costs about as many list calls as doublings, plus three.
 */
import type { ResourceKind } from './eventRouter';

export interface CoalescerTiming {
  /** Delay of the first flush after a quiet spell. */
  windowMs: number;
  /** Requests this soon after a flush continue its chain. */
  burstMs: number;
  /** How many flushes of a chain, after its first, still come one window later. */
  followUps: number;
  /** In a burst: flush once no request came for this long... */
  quietMs: number;
  /** ...or this long after the burst's first pending request, whichever is sooner. */
  maxWaitMs: number;
  /** How many times successive flushes of one burst double quietMs and maxWaitMs. */
  maxDoublings: number;
}

export const defaultCoalescerTiming: CoalescerTiming = { windowMs: 25, burstMs: 1000, followUps: 1, quietMs: 250, maxWaitMs: 2000, maxDoublings: 2 };

/** Where the pending requests stand; all times are Date.now() values. */
export interface PendingState {
  /** The oldest request not flushed yet. */
  firstPendingAt: number;
  /** The previous flush, if any. */
  lastFlushAt: number | undefined;
  /** How many flushes of the current chain ran already, after its first. */
  burstFlushes: number;
  /** The flush time already set, if any. */
  scheduled: number | undefined;
}

/** Whether the pending requests continue a chain: they began soon after the previous flush. */
export function continuesChain(timing: CoalescerTiming, state: Pick<PendingState, 'firstPendingAt' | 'lastFlushAt'>): boolean {
  return state.lastFlushAt !== undefined && state.firstPendingAt - state.lastFlushAt < timing.burstMs;
}

/** Whether the pending requests are a burst: a chain past its follow-up flushes. */
export function inBurst(timing: CoalescerTiming, state: Pick<PendingState, 'firstPendingAt' | 'lastFlushAt' | 'burstFlushes'>): boolean {
  return continuesChain(timing, state) && state.burstFlushes >= timing.followUps;
}

/** When the pending requests should flush, given a request that came at `now`: a pure function. */
export function flushDue(timing: CoalescerTiming, now: number, state: PendingState): number {
  // After a quiet spell the window is fixed: later requests join it without pushing it back.
  if (!inBurst(timing, state)) return state.scheduled ?? state.firstPendingAt + timing.windowMs;
  const factor = 2 ** Math.min(state.burstFlushes - timing.followUps, timing.maxDoublings);
  return Math.min(now + timing.quietMs * factor, state.firstPendingAt + timing.maxWaitMs * factor);
}

export class Coalescer {
  private pending = new Set<ResourceKind>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due: number | undefined;
  private firstPendingAt: number | undefined;
  private lastFlushAt: number | undefined;
  private burstFlushes = 0;
  private readonly timing: CoalescerTiming;
  /** How many flushes ran; the unit tests and the benchmark read it. */
  flushes = 0;

  constructor(
    private readonly flush: (kinds: Set<ResourceKind>) => void,
    timing: Partial<CoalescerTiming> = {},
  ) {
    this.timing = { ...defaultCoalescerTiming, ...timing };
  }

  request(kinds: Iterable<ResourceKind>): void {
    for (const kind of kinds) this.pending.add(kind);
    if (this.pending.size === 0) return;
    const now = Date.now();
    this.firstPendingAt ??= now;
    const due = flushDue(this.timing, now, { firstPendingAt: this.firstPendingAt, lastFlushAt: this.lastFlushAt, burstFlushes: this.burstFlushes, scheduled: this.due });
    if (due === this.due) return;
    if (this.timer) clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => this.run(), Math.max(0, due - now));
  }

  private run(): void {
    const continued = this.firstPendingAt !== undefined && continuesChain(this.timing, { firstPendingAt: this.firstPendingAt, lastFlushAt: this.lastFlushAt });
    this.burstFlushes = continued ? this.burstFlushes + 1 : 0;
    this.timer = undefined;
    this.due = undefined;
    this.firstPendingAt = undefined;
    this.lastFlushAt = Date.now();
    const kinds = this.pending;
    this.pending = new Set();
    this.flushes++;
    this.flush(kinds);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.due = undefined;
    this.firstPendingAt = undefined;
    this.pending.clear();
  }
}
