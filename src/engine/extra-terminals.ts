/**
 * Stream operations the terminals need (exec with a TTY, logs, attach, stats, top,
 * archive stat, events), as plain TypeScript over dockerode. Every failure becomes an
 * EngineError; streams are returned raw so the caller owns backpressure and teardown.
 */
import type { Duplex, Readable } from 'node:stream';
import Docker from 'dockerode';
import { Endpoint, toDockerodeOptions } from './endpoint';
import { EngineError, toEngineError } from './errors';

export interface ContainerDetails {
  id: string;
  name: string;
  image: string;
  running: boolean;
  paused: boolean;
  status: string;
  exitCode: number;
  startedAt: string;
  tty: boolean;
  openStdin: boolean;
  labels: Record<string, string>;
}

export interface ExecOptions {
  cmd: string[];
  tty: boolean;
  stdin: boolean;
  env?: string[];
  user?: string;
  workingDir?: string;
}

export interface LogStreamOptions {
  follow: boolean;
  tail?: number | 'all';
  /** Unix seconds, fractional allowed. */
  since?: number | string;
  timestamps: boolean;
}

export interface RunOptions {
  image: string;
  cmd?: string[];
  autoRemove: boolean;
  name?: string;
  env?: string[];
}

export interface ContainerEvent {
  action: string;
  id: string;
  time: number;
}

export interface TopResult {
  titles: string[];
  processes: string[][];
}

export class TerminalStreams {
  private readonly docker: Docker;
  private readonly label: string;

  constructor(readonly endpoint: Endpoint) {
    this.docker = new Docker(toDockerodeOptions(endpoint));
    this.label = `${endpoint.url} (${endpoint.why})`;
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toEngineError(error, this.label);
    }
  }

  async inspect(id: string): Promise<ContainerDetails> {
    const c = await this.call(() => this.docker.getContainer(id).inspect());
    return {
      id: c.Id,
      name: c.Name.replace(/^\//, ''),
      image: c.Config.Image,
      running: c.State.Running,
      paused: c.State.Paused,
      status: c.State.Status,
      exitCode: c.State.ExitCode,
      startedAt: c.State.StartedAt,
      tty: c.Config.Tty,
      openStdin: c.Config.OpenStdin,
      labels: c.Config.Labels ?? {},
    };
  }

  /** Whether a path exists in the container's filesystem, without running anything in it (archive stat). */
  async pathExists(id: string, path: string): Promise<boolean> {
    try {
      await this.call(() => this.docker.getContainer(id).infoArchive({ path }));
      return true;
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'notFound') return false;
      throw error;
    }
  }

  async createExec(id: string, options: ExecOptions): Promise<string> {
    const exec = await this.call(() =>
      this.docker.getContainer(id).exec({
        Cmd: options.cmd,
        Tty: options.tty,
        AttachStdin: options.stdin,
        AttachStdout: true,
        AttachStderr: true,
        Env: options.env,
        User: options.user,
        WorkingDir: options.workingDir,
      }),
    );
    return exec.id;
  }

  /** Starts an exec and returns its hijacked connection: write to it for stdin, read output (multiplexed unless TTY). */
  async startExec(execId: string, options: { tty: boolean; stdin: boolean }): Promise<Duplex> {
    const stream = await this.call(() => this.docker.getExec(execId).start({ hijack: true, stdin: options.stdin, Tty: options.tty }));
    return stream as Duplex;
  }

  async resizeExec(execId: string, size: { rows: number; columns: number }): Promise<void> {
    await this.call(() => this.docker.getExec(execId).resize({ h: size.rows, w: size.columns }));
  }

  async inspectExec(execId: string): Promise<{ running: boolean; exitCode: number | null; pid: number }> {
    const e = await this.call(() => this.docker.getExec(execId).inspect());
    return { running: e.Running, exitCode: e.ExitCode, pid: e.Pid };
  }

  async logs(id: string, options: LogStreamOptions): Promise<Readable> {
    const stream = await this.call(() =>
      this.docker.getContainer(id).logs({
        follow: true,
        stdout: true,
        stderr: true,
        timestamps: options.timestamps,
        tail: options.tail === undefined ? 'all' : options.tail,
        since: options.since,
        // dockerode's types know only the follow/no-follow overloads by literal.
      } as unknown as Docker.ContainerLogsOptions & { follow: true }),
    );
    return stream as Readable;
  }

  /** The logs so far, without following: the whole body as it arrived. */
  async logsSnapshot(id: string, options: Omit<LogStreamOptions, 'follow'>): Promise<Readable> {
    // With follow=false dockerode buffers the body; ask for the raw stream instead.
    const stream = await this.call(
      () =>
        new Promise<Readable>((resolve, reject) => {
          this.docker.modem.dial(
            {
              path: `/containers/${encodeURIComponent(id)}/logs?`,
              method: 'GET',
              isStream: true,
              statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
              options: { follow: false, stdout: true, stderr: true, timestamps: options.timestamps, tail: options.tail ?? 'all', since: options.since },
            },
            (error: unknown, result: unknown) => (error ? reject(error) : resolve(result as Readable)),
          );
        }),
    );
    return stream;
  }

  /** `docker attach`: the main process's streams; stdin only when asked (and the container keeps one open). */
  async attach(id: string, options: { stdin: boolean; detachKeys?: string; logs?: boolean }): Promise<Duplex> {
    const stream = await this.call(() =>
      this.docker.getContainer(id).attach({ stream: true, stdin: options.stdin, stdout: true, stderr: true, hijack: true, logs: options.logs ?? false, detachKeys: options.detachKeys }),
    );
    return stream as Duplex;
  }

  async resizeContainer(id: string, size: { rows: number; columns: number }): Promise<void> {
    await this.call(() => this.docker.getContainer(id).resize({ h: size.rows, w: size.columns }));
  }

  /** Creates a container for an interactive run: TTY, stdin open once (as `docker run -it`). */
  async createInteractive(options: RunOptions): Promise<string> {
    const container = await this.call(() =>
      this.docker.createContainer({
        Image: options.image,
        Cmd: options.cmd,
        name: options.name,
        Env: options.env,
        Tty: true,
        OpenStdin: true,
        StdinOnce: true,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        HostConfig: { AutoRemove: options.autoRemove },
      }),
    );
    return container.id;
  }

  async start(id: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).start());
  }

  /** Resolves with the exit code; `condition` as the API: next-exit (call before start), not-running, removed. */
  async wait(id: string, condition: 'next-exit' | 'not-running' | 'removed' = 'not-running'): Promise<number> {
    const result = await this.call(() => this.docker.getContainer(id).wait({ condition }));
    return (result as { StatusCode: number }).StatusCode;
  }

  async kill(id: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).kill());
  }

  async remove(id: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).remove({ force: true }));
  }

  /** The stats stream: one JSON document per line, about one a second. */
  async stats(id: string): Promise<Readable> {
    const stream = await this.call(() => this.docker.getContainer(id).stats({ stream: true }));
    return stream as unknown as Readable;
  }

  async top(id: string, psArgs?: string): Promise<TopResult> {
    const result = await this.call(() => this.docker.getContainer(id).top(psArgs ? { ps_args: psArgs } : {}));
    return { titles: result.Titles ?? [], processes: result.Processes ?? [] };
  }

  async listRunning(): Promise<{ id: string; name: string }[]> {
    const list = await this.call(() => this.docker.listContainers({ all: false }));
    return list.map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '') }));
  }

  /** Container events (start, die, destroy, ...) for some containers, or all when `ids` is empty. */
  async containerEvents(ids: string[], onEvent: (event: ContainerEvent) => void, signal: AbortSignal): Promise<Readable> {
    const filters: Record<string, string[]> = { type: ['container'], event: ['start', 'die', 'destroy', 'pause', 'unpause'] };
    if (ids.length > 0) filters.container = ids;
    const stream = (await this.call(() => this.docker.getEvents({ filters, abortSignal: signal } as Docker.GetEventsOptions))) as unknown as Readable;
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          const e = JSON.parse(line) as { Action?: string; status?: string; id?: string; Actor?: { ID?: string }; time?: number };
          onEvent({ action: e.Action ?? e.status ?? '', id: e.Actor?.ID ?? e.id ?? '', time: e.time ?? 0 });
        } catch {
          // A line that is not JSON is not an event; skip it.
        }
      }
    });
    stream.on('error', () => undefined);
    return stream;
  }
}
