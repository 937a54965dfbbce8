/**
 * What the terminals ask of the engine, in their terms, over the engine layer's
 * operations (src/engine/containerIo.ts and friends): nothing here talks to the socket.
 * No vscode import, so bench/logs.ts runs the same calls in plain Node.
 */
import type { Readable } from 'node:stream';
import { EngineError, type Engine, type Frame, type Session as ProcessStreams } from '../engine';
import type { ContainerStats } from '../engine/types';
import type { ExecAs } from './execAs';

export type { ProcessStreams, Frame };

export interface ContainerFacts {
  id: string;
  name: string;
  running: boolean;
  status: string;
  exitCode: number;
  startedAt: string;
  tty: boolean;
  openStdin: boolean;
  labels: Record<string, string>;
}

export interface LogRequest {
  follow: boolean;
  tail?: number | 'all';
  /** Unix seconds. */
  since?: number;
  /** Unix seconds. */
  until?: number;
  tty: boolean;
  signal?: AbortSignal;
}

export interface EventConnectionListener {
  /** The event stream broke: the engine stopped, restarts or cannot be reached. */
  onLost?(error: EngineError): void;
  /** The event stream is back after a break; missed events were replayed. */
  onBack?(): void;
}

export class TerminalStreams {
  constructor(readonly engine: Engine) {}

  async inspect(id: string): Promise<ContainerFacts> {
    const c = await this.engine.containers.inspect(id);
    return {
      id: c.id, name: c.name, running: c.state.running, status: c.state.status, exitCode: c.state.exitCode,
      startedAt: c.state.startedAt, tty: c.config.tty, openStdin: c.config.openStdin, labels: c.config.labels,
    };
  }

  /** Whether a path exists in the container, without running anything in it (archive stat). */
  async pathExists(id: string, path: string): Promise<boolean> {
    try {
      await this.engine.containers.statPath(id, path);
      return true;
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'notFound') return false;
      throw error;
    }
  }

  /**
   * An interactive exec: TTY, stdin, TERM set, starting at the terminal's size. `marker`
   * ("BERTH_SESSION=…") goes into its environment so hangUp() can find it again; `as`
   * runs it as another user or in another folder (`docker exec -u -w`).
   */
  exec(id: string, cmd: string[], marker: string, size?: { cols: number; rows: number }, as: ExecAs = {}): Promise<ProcessStreams> {
    return this.engine.containers.exec(id, { cmd, tty: true, stdin: true, env: ['TERM=xterm-256color', marker], size, user: as.user, workdir: as.workdir });
  }

  /**
   * Sends SIGHUP to the processes of a closed exec session. The engine keeps a TTY exec
   * running when its connection closes and has no call to end it, so a second exec finds
   * the processes by the marker in their environment. The script is a constant; the
   * marker travels as an argument, never inside a shell string.
   */
  async hangUp(id: string, marker: string): Promise<void> {
    // environ is NUL-separated; command substitution drops the NULs, so a substring match
    // finds the marker (a UUID) with nothing but sh and cat.
    const script = 'for p in /proc/[0-9]*; do case "$(cat "$p/environ" 2>/dev/null)" in *"$1"*) kill -HUP "${p#/proc/}" 2>/dev/null;; esac; done; exit 0';
    await this.engine.containers.execRun(id, ['sh', '-c', script, 'berth-hangup', marker]);
  }

  /** Log frames, always with timestamps (the follower uses them to resume after a restart). */
  async logs(id: string, request: LogRequest): Promise<Readable> {
    const { frames } = await this.engine.containers.logs(id, { follow: request.follow, tail: request.tail, since: request.since, until: request.until, timestamps: true, tty: request.tty, signal: request.signal });
    return frames;
  }

  attach(id: string, options: { stdin: boolean; tty: boolean }): Promise<ProcessStreams> {
    return this.engine.containers.attach(id, options);
  }

  resize(id: string, size: { cols: number; rows: number }): Promise<void> {
    return this.engine.containers.resize(id, size.cols, size.rows);
  }

  /** A container for `docker run -it`: TTY and stdin open. */
  createInteractive(image: string, cmd: string[] | undefined, autoRemove: boolean): Promise<string> {
    return this.engine.containers.create({ image, cmd, tty: true, openStdin: true, autoRemove });
  }

  start(id: string): Promise<void> {
    return this.engine.containers.start(id);
  }

  stop(id: string): Promise<void> {
    return this.engine.containers.stop(id);
  }

  wait(id: string, condition: 'next-exit' | 'not-running' | 'removed'): Promise<number> {
    return this.engine.containers.wait(id, { condition });
  }

  kill(id: string): Promise<void> {
    return this.engine.containers.kill(id);
  }

  remove(id: string): Promise<void> {
    return this.engine.containers.remove(id, { force: true });
  }

  /** Stats samples (computed as `docker stats` does), about one a second, until the signal aborts or the container stops. */
  stats(id: string, signal: AbortSignal): AsyncGenerator<ContainerStats> {
    return this.engine.containers.statsStream(id, signal);
  }

  top(id: string): Promise<{ titles: string[]; processes: string[][] }> {
    return this.engine.containers.top(id);
  }

  async listRunning(): Promise<{ id: string; name: string }[]> {
    return (await this.engine.listContainers({ all: false })).map((c) => ({ id: c.id, name: c.name }));
  }

  /**
   * Container events (start, die, destroy, …) for `ids`, or every container when empty;
   * reconnects by itself and replays what happened meanwhile (`since`). `connection` hears
   * when the engine went away (once per outage) and when the stream is back after a break.
   */
  containerEvents(ids: string[], onEvent: (event: { action: string; id: string }) => void, connection: EventConnectionListener = {}): { stop(): Promise<void> } {
    const wanted = new Set(ids);
    return this.engine.follow({
      types: ['container'],
      onEvent: (event) => {
        if (wanted.size === 0 || wanted.has(event.id)) onEvent({ action: event.action, id: event.id });
      },
      onState: (state) => {
        if (state.kind === 'connected' && state.resumed) connection.onBack?.();
        else if (state.kind === 'disconnected' && state.attempt === 1) connection.onLost?.(state.error);
      },
    });
  }
}
