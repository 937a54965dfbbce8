/**
 * Follows the engine's event stream: reconnects with backoff when the engine goes
 * away, resumes with `since` (the engine's clock, from the last event seen) so no
 * event is lost across a reconnect, drops the duplicates `since` brings back, and
 * reports its connection state. It never gives up until stopped.
 */
import * as l10n from '@vscode/l10n';
import type { Readable } from 'node:stream';
import { Api, filters } from './api';
import { EngineError } from './errors';
import { jsonLines } from './streams';
import type { EngineEvent } from './types';

export type ConnectionState =
  | { kind: 'connecting'; attempt: number }
  /** `resumed`: this is a reconnect; events missed while away were replayed, but a full refresh is still wise. */
  | { kind: 'connected'; resumed: boolean }
  | { kind: 'disconnected'; error: EngineError; retryInMs: number; attempt: number }
  | { kind: 'stopped' };

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface FollowOptions {
  types?: EngineEvent['type'][];
  onEvent: (event: EngineEvent) => void;
  onState?: (state: ConnectionState) => void;
  backoff?: Partial<Backoff>;
  /** Waits between attempts; replaceable so tests control time. Must reject or resolve when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultBackoff: Backoff = { initialMs: 500, maxMs: 30_000, factor: 2 };

/**
 * Pure: how fast to retry an endpoint that went away. A failed connect to a local socket
 * costs nothing, and an engine restarted on this machine should be followed again within
 * a couple of seconds; a tcp attempt may wait for a network timeout; an ssh attempt
 * starts an ssh process, so it backs off furthest.
 */
export function reconnectBackoff(url: string): Backoff {
  if (/^(unix|npipe):/.test(url)) return { initialMs: 250, maxMs: 2_000, factor: 2 };
  if (/^ssh:/.test(url)) return defaultBackoff;
  return { initialMs: 500, maxMs: 5_000, factor: 2 };
}

/** Pure: the delay before attempt `attempt` (1-based), capped. */
export function backoffDelay(attempt: number, backoff: Backoff = defaultBackoff): number {
  return Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(0, attempt - 1));
}

/** Pure: a `since` value the engine parses ("seconds.nanoseconds") from nanoseconds. */
export function sinceParam(timeNano: number): string {
  const seconds = Math.floor(timeNano / 1e9);
  const nanos = Math.max(0, Math.floor(timeNano - seconds * 1e9));
  return `${seconds}.${String(nanos).padStart(9, '0')}`;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the engine's event JSON */
export function toEngineEvent(raw: Record<string, any>): EngineEvent {
  const type = raw.Type ?? 'container';
  const action = raw.Action ?? raw.status ?? '';
  return {
    // Podman says `remove` where dockerd says `destroy` (a container is gone): one name for both.
    type, action: type === 'container' && action === 'remove' ? 'destroy' : action, id: raw.Actor?.ID ?? raw.id ?? '',
    attributes: raw.Actor?.Attributes ?? {}, time: raw.time ?? 0, timeNano: raw.timeNano ?? (raw.time ?? 0) * 1e9, scope: raw.scope,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const eventKey = (e: EngineEvent): string => `${e.timeNano}|${e.type}|${e.action}|${e.id}`;

export class EventFollower {
  private readonly controller = new AbortController();
  private readonly backoff: Backoff;
  private current: ConnectionState = { kind: 'connecting', attempt: 0 };
  /** Engine-clock nanoseconds of the newest event seen (or of the first connect). */
  private cursor: number | undefined;
  /** Keys of recent events, to drop what `since` replays (timeNano is rounded in JSON numbers). */
  private readonly recent = new Map<string, number>();
  private readonly done: Promise<void>;

  constructor(private readonly api: Api, private readonly options: FollowOptions) {
    this.backoff = { ...defaultBackoff, ...(options.backoff ?? {}) };
    this.done = this.loop();
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Settles (never rejects) once the follower stopped and its stream is closed. */
  get stopped(): Promise<void> {
    return this.done;
  }

  /** Stops following; resolves when the stream is closed. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.done;
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    try {
      this.options.onState?.(state);
    } catch {
      // A listener's failure must not stop the stream.
    }
  }

  private async loop(): Promise<void> {
    const signal = this.controller.signal;
    let attempt = 0;
    let everConnected = false;
    while (!signal.aborted) {
      this.setState({ kind: 'connecting', attempt });
      let stream: Readable | undefined;
      try {
        if (this.cursor === undefined) this.cursor = await this.engineNow(signal);
        stream = await this.api.stream({
          // The engine answers at once and then streams: an endpoint that does not answer in time is hanging.
          method: 'GET', path: '/events', signal, timeoutMs: this.api.timeoutMs,
          // Back off the cursor by 1 µs: JSON numbers round timeNano; duplicates are dropped below.
          query: { since: sinceParam(Math.max(0, this.cursor - 1000)), filters: filters({ type: this.options.types }) },
        });
        this.setState({ kind: 'connected', resumed: everConnected });
        everConnected = true;
        attempt = 0;
        for await (const raw of jsonLines<Record<string, unknown>>(stream)) this.deliver(toEngineEvent(raw));
        throw new EngineError('unreachable', l10n.t('The container engine at {0} closed its event stream.', this.api.label));
      } catch (error) {
        stream?.destroy();
        if (signal.aborted) break;
        attempt++;
        const delay = backoffDelay(attempt, this.backoff);
        this.setState({ kind: 'disconnected', error: this.api.fail(error) as EngineError, retryInMs: delay, attempt });
        await (this.options.sleep ?? sleep)(delay, signal).catch(() => undefined);
      }
    }
    this.setState({ kind: 'stopped' });
  }

  private deliver(event: EngineEvent): void {
    const key = eventKey(event);
    if (this.recent.has(key)) return;
    this.recent.set(key, event.timeNano);
    if (this.cursor === undefined || event.timeNano > this.cursor) this.cursor = event.timeNano;
    // Forget keys well behind the cursor: `since` never reaches back that far.
    if (this.recent.size > 256) for (const [k, t] of this.recent) if (t < (this.cursor ?? 0) - 1e6) this.recent.delete(k);
    try {
      this.options.onEvent(event);
    } catch {
      // A listener's failure must not stop the stream.
    }
  }

  /** The engine's clock, so `since` never depends on ours. */
  private async engineNow(signal: AbortSignal): Promise<number> {
    const info = await this.api.json<{ SystemTime?: string }>({ method: 'GET', path: '/info', signal });
    const parsed = info.SystemTime ? Date.parse(info.SystemTime) : NaN;
    return (Number.isFinite(parsed) ? parsed : Date.now()) * 1e6;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
