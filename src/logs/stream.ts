/**
 * The log view's extension-host side, with no vscode import so bench/logs.ts runs it in
 * plain Node: one LogFollower per container (the logs terminal's engine-side logic, which
 * follows across restarts), their lines into one LineBatcher, batches out to the webview.
 * The extension host keeps no copy of the lines: the webview holds the bounded buffer,
 * filters and highlights, in its own process.
 */
import * as l10n from '@vscode/l10n';
import type { TerminalStreams } from '../terminals/engineStreams';
import { parseSince } from '../terminals/logFormat';
import { LogFollower } from '../terminals/logFollower';
import { BatcherOptions, LineBatcher } from './batcher';
import type { ToView } from './protocol';

/** How long after the last stream opened a multi-container view waits for its history. */
const historySettleMs = 150;

export interface LogViewTarget {
  id: string;
  /** The container's name, or its compose service in a project's view. */
  name: string;
}

export interface LogViewRange {
  /** As typed: a duration (10m), Unix seconds or a date; empty for none. */
  since: string;
  until: string;
}

export interface LogViewSettings {
  /** Lines of history before following ('all' for the benchmark, which replays a whole log). */
  tail: number | 'all';
  maxLines: number;
  timestamps: boolean;
}

/** Unix seconds for a range as typed, or the one sentence that says what is wrong with it. */
export function parseRange(range: LogViewRange, nowMs = Date.now()): { since?: number; until?: number } | { problem: string } {
  let since: number | undefined;
  let until: number | undefined;
  try {
    since = parseSince(range.since, nowMs);
  } catch (error) {
    return { problem: l10n.t('Since: {0}', (error as Error).message) };
  }
  try {
    until = parseSince(range.until, nowMs);
  } catch (error) {
    return { problem: l10n.t('Until: {0}', (error as Error).message) };
  }
  if (since !== undefined && until !== undefined && until <= since) return { problem: l10n.t('Until must be later than since.') };
  return { since, until };
}

export class LogViewStream {
  private followers: LogFollower[] = [];
  readonly batcher: LineBatcher;
  private range: LogViewRange;
  private parsed: { since?: number; until?: number } = {};
  private newcomers: { stop(): Promise<void> } | undefined;
  /** Engine bytes and lines received, over every range shown. */
  bytes = 0;
  lines = 0;
  private disposed = false;

  constructor(
    private readonly engine: TerminalStreams,
    readonly targets: LogViewTarget[],
    private readonly settings: LogViewSettings,
    range: LogViewRange,
    private readonly post: (message: ToView) => void,
    batching: BatcherOptions = {},
    /** For a compose project: whether a container that just started belongs, and as what. */
    private readonly discover?: (id: string) => Promise<LogViewTarget | undefined>,
  ) {
    this.range = range;
    this.batcher = new LineBatcher((batch) => this.post(batch), (pause) => {
      for (const follower of this.followers) {
        if (pause) follower.pauseReading();
        else follower.resumeReading();
      }
    }, batching);
    this.batcher.interleave = targets.length > 1;
  }

  /** What the webview needs before the first batch. */
  initMessage(title: string): ToView {
    return { type: 'init', title, containers: this.targets.map((t) => ({ name: t.name })), maxLines: this.settings.maxLines, timestamps: this.settings.timestamps, ...this.range };
  }

  get followerStates(): string[] {
    return this.followers.map((f) => f.state);
  }

  get restarts(): number {
    return this.followers.reduce((sum, f) => sum + f.restarts, 0);
  }

  /** Starts following every container with the current range. */
  async start(): Promise<void> {
    const parsed = parseRange(this.range);
    if ('problem' in parsed) {
      this.post({ type: 'rangeError', message: parsed.problem });
      return;
    }
    // With a start time, every line since then that the view can hold: the engine applies
    // the tail after the start time, so a long history costs no more than the buffer keeps.
    const tail = parsed.since !== undefined && this.settings.tail !== 'all' ? Math.max(this.settings.tail, this.settings.maxLines) : this.settings.tail;
    this.parsed = parsed;
    const followers = this.targets.map((target, index) => this.follower(target, index, tail));
    this.followers = followers;
    // Several containers: their histories go out together once every stream is open (and a
    // moment for the last one's lines to arrive), so they interleave as they were written.
    if (followers.length > 1) this.batcher.hold();
    const results = await Promise.allSettled(followers.map((f) => f.start()));
    if (followers.length > 1) setTimeout(() => { if (!this.disposed) this.batcher.release(); }, historySettleMs);
    results.forEach((result, index) => {
      if (result.status === 'rejected' && !this.disposed && this.followers === followers) {
        this.post({ type: 'note', container: index, text: l10n.t('Cannot follow these logs: {0}', result.reason instanceof Error ? result.reason.message : String(result.reason)) });
      }
    });
    this.watchForNewcomers();
    this.postState();
  }

  private follower(target: LogViewTarget, index: number, tail: number | 'all'): LogFollower {
    const follower = new LogFollower(this.engine, target.id, { tail, since: this.parsed.since, until: this.parsed.until }, {
      lines: (lines) => {
        this.lines += lines.length;
        this.batcher.add(index, lines);
      },
      banner: (text) => {
        this.batcher.flush();
        this.post({ type: 'note', container: index, text });
      },
    });
    follower.onState(() => this.postState());
    return follower;
  }

  /**
   * A project's containers come and go (compose recreates a service's container when its
   * definition changed, or adds one on scale-up): each container that starts and belongs
   * joins the stream, with all its lines (they are all new).
   */
  private watchForNewcomers(): void {
    if (!this.discover || this.newcomers) return;
    this.newcomers = this.engine.containerEvents([], (event) => {
      if (event.action !== 'start' || this.targets.some((t) => t.id === event.id)) return;
      void this.discover!(event.id).then((target) => {
        if (!target || this.disposed || this.targets.some((t) => t.id === target.id)) return;
        const index = this.targets.push(target) - 1;
        this.batcher.interleave = true;
        this.post({ type: 'containers', containers: this.targets.map((t) => ({ name: t.name })) });
        const follower = this.follower(target, index, 'all');
        this.followers.push(follower);
        return follower.start();
      }).catch(() => undefined);
    });
  }

  private postState(): void {
    if (this.disposed) return;
    const following = this.followers.filter((f) => f.state === 'following').length;
    this.post({ type: 'state', following, ended: this.followers.every((f) => f.state === 'ended') });
  }

  ack(batch: number): void {
    this.batcher.ack(batch);
  }

  /** A new since/until: checked first (one sentence if wrong), then every line is fetched again for it. */
  async setRange(range: LogViewRange): Promise<void> {
    const parsed = parseRange(range);
    if ('problem' in parsed) {
      this.post({ type: 'rangeError', message: parsed.problem });
      return;
    }
    this.stopFollowers();
    this.batcher.reset();
    this.range = range;
    this.post({ type: 'reset', ...range });
    await this.start();
  }

  private stopFollowers(): void {
    for (const follower of this.followers) {
      this.bytes += follower.bytes;
      follower.dispose();
    }
    this.followers = [];
  }

  get engineBytes(): number {
    return this.bytes + this.followers.reduce((sum, f) => sum + f.bytes, 0);
  }

  dispose(): void {
    this.disposed = true;
    void this.newcomers?.stop();
    this.newcomers = undefined;
    this.stopFollowers();
    this.batcher.dispose();
  }
}
