/**
 * The extension host's side of a stats panel without the webview: one stream per member
 * (StatsFeed), the history it keeps (StatsHistory), and new samples batched into one
 * message per quarter second for the webview. No vscode, so `bench/stats.ts` measures
 * exactly this in plain Node, with a sink where the panel has postMessage.
 */
import type { StatsFeed as Feed, StatsSource } from './feed';
import { StatsFeed } from './feed';
import { isEmptySample, StatsHistory, toPoint } from './history';
import type { StatsMember, StatsPoint, ToView } from './protocol';

/** New samples wait this long to be sent together (one message for all containers of a moment). */
export const batchMs = 250;

export interface StreamerOptions {
  source: () => StatsSource;
  windowMs: number;
  /** Where messages for the webview go (the panel: postMessage while visible). */
  post(message: ToView): void;
  /** A stream that failed (not one that was closed on purpose). */
  failed?(member: StatsMember | undefined, error: unknown): void;
}

export class StatsStreamer {
  readonly feed: Feed;
  readonly history: StatsHistory;
  members: StatsMember[] = [];
  private pending: { id: string; point: StatsPoint }[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: StreamerOptions) {
    this.history = new StatsHistory(options.windowMs);
    this.feed = new StatsFeed(options.source, {
      sample: (id, stats) => {
        if (!isEmptySample(stats)) this.add(id, toPoint(stats, Date.now()));
      },
      ended: (id, error) => {
        if (error) options.failed?.(this.members.find((m) => m.id === id), error);
      },
    });
  }

  /** Streams exactly these members; true when the list differs from the last one. */
  follow(members: StatsMember[]): boolean {
    const changed = members.length !== this.members.length || members.some((m, i) => m.id !== this.members[i]?.id || m.name !== this.members[i]?.name);
    this.members = members;
    this.history.keepOnly(members.map((m) => m.id));
    this.feed.follow(members.map((m) => m.id));
    return changed;
  }

  /** Closes every stream and drops what was not sent (the webview is gone). */
  pause(): void {
    this.feed.closeAll();
    this.pending = [];
  }

  /** Everything a new webview needs; what was pending is in the history it carries. */
  reset(title: string, note: string | undefined): ToView {
    this.pending = [];
    return { type: 'reset', title, historySeconds: this.history.window / 1000, members: this.members, history: this.history.snapshot(), note };
  }

  dispose(): void {
    this.pause();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  private add(id: string, point: StatsPoint): void {
    this.history.add(id, point);
    this.pending.push({ id, point });
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      const points = this.pending;
      this.pending = [];
      if (points.length) this.options.post({ type: 'points', points });
    }, batchMs);
  }
}
