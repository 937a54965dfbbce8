/**
 * Follows one container's logs across stops and restarts, with no vscode import so the
 * benchmark runs exactly this code in plain Node. Frames go through LogDecoder and reach
 * `out.lines` as decoded lines, one batch per frame: the logs terminal formats them into
 * a bounded PendingOutput that an OutputPacer hands to the terminal at most every
 * `intervalMs`; the log view (src/logs) batches them for its webview. Either way memory
 * stays flat however fast the container writes.
 *
 * When the stream ends the follower asks the engine why: stopped (say so, wait for a
 * `start` event, then resume after the last line shown), removed (say so, end), or
 * still running (the connection dropped: resume).
 */
import * as l10n from '@vscode/l10n';
import type { Readable } from 'node:stream';
import { EngineError } from '../engine';
import type { ContainerFacts, Frame, TerminalStreams } from './engineStreams';
import { LogDecoder, LogLine, PendingOutput } from './logFormat';

/** Hands pending output to `write` in batches, at most one per interval. */
export class OutputPacer {
  readonly pending: PendingOutput;
  private timer: ReturnType<typeof setTimeout> | undefined;
  bytesWritten = 0;
  /** Lines skipped in all, because they came faster than the terminal is fed. */
  droppedLines = 0;

  constructor(private readonly write: (text: string) => void, options: { maxBytes?: number; maxLines?: number; intervalMs?: number } = {}) {
    this.pending = new PendingOutput(options.maxBytes, options.maxLines);
    this.intervalMs = options.intervalMs ?? 16;
  }

  private readonly intervalMs: number;

  push(text: string): void {
    this.pending.push(text);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.isEmpty && this.pending.dropped === 0) return;
    this.droppedLines += this.pending.dropped;
    const text = this.pending.take();
    this.bytesWritten += text.length;
    this.write(text);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export interface FollowOptions {
  tail: number | 'all';
  /** Unix seconds. */
  since?: number;
  /** Unix seconds: lines up to then, and the follower ends when the engine closes the stream. */
  until?: number;
}

export interface FollowerOutput {
  /** Lines decoded from one frame of the engine's stream. */
  lines(lines: LogLine[]): void;
  /** A note about the stream itself: stopped, restarted, removed, engine lost. */
  banner(text: string): void;
}

export type FollowerState = 'starting' | 'following' | 'waiting' | 'ended';

/** Failures that mean the engine itself went away (stopped, restarting, hanging), not this container. */
const engineGoneKinds: ReadonlySet<string> = new Set(['unreachable', 'timeout']);

export class LogFollower {
  state: FollowerState = 'starting';
  private stream: Readable | undefined;
  private streamAbort: AbortController | undefined;
  private events: { stop(): Promise<void> } | undefined;
  private lastTimestamp: string | undefined;
  private lastStartedAt: string | undefined;
  private startSeen = false;
  private checking = false;
  /** The "Lost the engine" banner is out for the current outage. */
  private lostShown = false;
  /** How many times the follower re-attached after the container started again. */
  restarts = 0;
  lines = 0;
  bytes = 0;
  private readonly stateListeners = new Set<(state: FollowerState) => void>();
  /** The reader asked for a pause (its consumer is behind): the engine's stream waits, and so does the next one. */
  private paused = false;

  constructor(
    private readonly engine: TerminalStreams,
    readonly containerId: string,
    private readonly options: FollowOptions,
    private readonly out: FollowerOutput,
  ) {}

  /** Stops reading the engine's stream (TCP backpressure: the engine waits, nothing is dropped) until resumeReading(). */
  pauseReading(): void {
    this.paused = true;
    this.stream?.pause();
  }

  resumeReading(): void {
    this.paused = false;
    this.stream?.resume();
  }

  onState(listener: (state: FollowerState) => void): void {
    this.stateListeners.add(listener);
  }

  private setState(state: FollowerState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  async start(): Promise<void> {
    const details = await this.engine.inspect(this.containerId);
    this.lastStartedAt = details.startedAt;
    this.events = this.engine.containerEvents([this.containerId], (event) => this.onEvent(event.action), {
      onLost: (error) => this.engineLost(error),
      onBack: () => this.onReconnect(),
    });
    await this.attach(details, false);
  }

  private onEvent(action: string): void {
    if (this.state === 'ended') return;
    if (action === 'start') {
      if (this.checking) this.startSeen = true;
      else if (this.state === 'waiting') void this.resume();
    } else if (action === 'destroy' && this.state === 'waiting') {
      this.finish(l10n.t('The container was removed.'));
    }
  }

  /**
   * The event stream is back after the engine went away. The `start` that ended the wait is
   * normally replayed (`since`), but an engine keeps only its last events, so look too.
   */
  private onReconnect(): void {
    this.lostShown = false;
    if (this.state === 'waiting' && !this.checking) void this.resume();
  }

  /** Says once per outage that the engine itself went away, whatever the logs stream said before. */
  private engineLost(error: EngineError): void {
    if (this.state === 'ended' || this.lostShown) return;
    this.lostShown = true;
    this.out.banner(l10n.t('Lost the engine: {0} Waiting for it to come back; the logs continue when the container runs again.', error.message));
  }

  private async resume(): Promise<void> {
    try {
      const details = await this.engine.inspect(this.containerId);
      if (details.running) await this.attach(details, true);
    } catch (error) {
      this.onFailure(error);
    }
  }

  private async attach(details: ContainerFacts, restarted: boolean): Promise<void> {
    if (this.state === 'ended' || this.state === 'following') return;
    this.setState('following');
    if (restarted) {
      this.restarts++;
      this.lastStartedAt = details.startedAt;
      this.out.banner(l10n.t('Container restarted at {0}: following its logs again.', new Date().toLocaleTimeString()));
    }
    // The first attach shows the last `tail` lines; a re-attach resumes after the last line shown.
    const resumeFrom = this.lastTimestamp;
    const since = resumeFrom ? Math.floor(Date.parse(resumeFrom) / 1000) : this.options.since;
    const decoder = new LogDecoder({ after: resumeFrom });
    const abort = new AbortController();
    let stream: Readable;
    try {
      // The engine keeps following past `until` (it only filters), so a range that has ended
      // is fetched once, and one that ends later is cut off when it does.
      const untilMs = this.options.until === undefined ? undefined : this.options.until * 1000;
      const follow = untilMs === undefined || untilMs > Date.now();
      stream = await this.engine.logs(this.containerId, { follow, tty: details.tty, tail: resumeFrom ? 'all' : this.options.tail, since, until: this.options.until, signal: abort.signal });
      if (follow && untilMs !== undefined) {
        const timer = setTimeout(() => stream.destroy(), untilMs - Date.now() + 1000);
        stream.once('close', () => clearTimeout(timer));
      }
    } catch (error) {
      this.setState('waiting');
      this.onFailure(error);
      return;
    }
    // The session may have closed while the request was in flight.
    if ((this.state as FollowerState) !== 'following') {
      abort.abort();
      stream.destroy();
      return;
    }
    this.stream = stream;
    this.streamAbort = abort;
    stream.on('data', (frame: Frame) => {
      if (frame.stream !== 'stdin') this.emit(decoder, decoder.push(frame.stream, frame.data), frame.data.length);
    });
    stream.once('error', () => undefined);
    stream.once('close', () => void this.streamEnded(stream, decoder));
    if (this.paused) stream.pause();
  }

  private emit(decoder: LogDecoder, lines: ReturnType<LogDecoder['push']>, bytes: number): void {
    this.bytes += bytes;
    this.lines += lines.length;
    if (lines.length > 0) this.out.lines(lines);
    if (decoder.lastTimestamp) this.lastTimestamp = decoder.lastTimestamp;
  }

  private async streamEnded(stream: Readable, decoder: LogDecoder): Promise<void> {
    if (this.stream !== stream || this.state === 'ended') return;
    this.emit(decoder, decoder.end(), 0);
    this.stream = undefined;
    // With an end time the engine closes the stream once it has sent everything up to it.
    if (this.options.until !== undefined) return this.finish(l10n.t('End of the logs up to {0}.', new Date(this.options.until * 1000).toLocaleString()));
    this.setState('waiting');
    this.checking = true;
    this.startSeen = false;
    try {
      const details = await this.engine.inspect(this.containerId);
      this.checking = false;
      if (details.running && (details.startedAt !== this.lastStartedAt || this.startSeen)) {
        await this.attach(details, true);
      } else if (details.running) {
        // Still the same run: the connection dropped. Pick up where it stopped.
        await this.attach(details, false);
      } else {
        this.out.banner(l10n.t('Container stopped (exit code {0}) at {1}. Waiting for it to start again…', String(details.exitCode), new Date().toLocaleTimeString()));
        if (this.startSeen) await this.resume();
      }
    } catch (error) {
      this.checking = false;
      this.onFailure(error);
    }
  }

  private onFailure(error: unknown): void {
    if (error instanceof EngineError && error.kind === 'notFound') this.finish(l10n.t('The container was removed.'));
    else if (this.state === 'ended') return;
    else if (error instanceof EngineError && engineGoneKinds.has(error.kind)) this.engineLost(error);
    else this.out.banner(l10n.t('Logs interrupted: {0}', error instanceof Error ? error.message : String(error)));
  }

  private finish(message: string): void {
    if (this.state === 'ended') return;
    this.out.banner(message);
    this.dispose();
  }

  dispose(): void {
    this.setState('ended');
    this.streamAbort?.abort();
    this.stream?.destroy();
    this.stream = undefined;
    void this.events?.stop();
    this.events = undefined;
  }
}
