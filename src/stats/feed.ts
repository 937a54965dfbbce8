/**
 * One stats stream per shown container (GET /containers/{id}/stats?stream=1), opened and
 * closed to match the list it is given: `follow(ids)` opens the missing ones and aborts
 * the others, `closeAll()` aborts every one (the panel is hidden or closed). No vscode,
 * so the engine tier and the benchmark run exactly this in plain Node.
 */
import type { ContainerStats } from '../engine/types';

export interface StatsSource {
  statsStream(id: string, signal: AbortSignal): AsyncIterable<ContainerStats>;
}

export interface FeedListener {
  sample(id: string, stats: ContainerStats): void;
  /** The stream ended on its own (the container stopped, the engine dropped it) or failed. */
  ended?(id: string, error?: unknown): void;
}

export class StatsFeed {
  private readonly streams = new Map<string, AbortController>();
  /** Streams opened since creation (tests and the benchmark read it). */
  opened = 0;

  /** `source` is asked at each open, so a stream opened after an engine switch uses the new engine. */
  constructor(private readonly source: () => StatsSource, private readonly listener: FeedListener) {}

  /** Streams open now. */
  get openStreams(): number {
    return this.streams.size;
  }

  get ids(): string[] {
    return [...this.streams.keys()];
  }

  /** Streams exactly these containers: opens the new ones, closes those not listed. */
  follow(ids: Iterable<string>): void {
    const wanted = new Set(ids);
    for (const [id, abort] of this.streams) {
      if (wanted.has(id)) continue;
      abort.abort();
      this.streams.delete(id);
    }
    for (const id of wanted) if (!this.streams.has(id)) this.open(id);
  }

  closeAll(): void {
    for (const abort of this.streams.values()) abort.abort();
    this.streams.clear();
  }

  private open(id: string): void {
    const abort = new AbortController();
    this.streams.set(id, abort);
    this.opened++;
    void (async () => {
      let failure: unknown;
      try {
        for await (const stats of this.source().statsStream(id, abort.signal)) {
          if (abort.signal.aborted) break;
          this.listener.sample(id, stats);
        }
      } catch (error) {
        failure = error;
      } finally {
        // Only when this stream is still the one listed: an aborted one was already replaced or removed.
        if (this.streams.get(id) === abort) {
          this.streams.delete(id);
          if (!abort.signal.aborted) this.listener.ended?.(id, failure);
        }
      }
    })();
  }
}
