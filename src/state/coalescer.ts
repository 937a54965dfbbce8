/**
 * Collects refresh requests for a short window and flushes them as one set, so a
 * burst of 100 events (compose up, prune) costs one list call per store. Not a
 * poll: nothing runs unless something asked.
 */
import type { ResourceKind } from './eventRouter';

export class Coalescer {
  private pending = new Set<ResourceKind>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** How many flushes ran; the unit tests and the benchmark read it. */
  flushes = 0;

  constructor(
    private readonly flush: (kinds: Set<ResourceKind>) => void,
    private readonly windowMs = 50,
  ) {}

  request(kinds: Iterable<ResourceKind>): void {
    for (const kind of kinds) this.pending.add(kind);
    if (this.pending.size === 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const kinds = this.pending;
      this.pending = new Set();
      this.flushes++;
      this.flush(kinds);
    }, this.windowMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
