/**
 * Container I/O: logs, exec, attach, stats, top, diff, commit, export and the archive
 * endpoints (copy files both ways, stat). Output of non-TTY streams is demultiplexed.
 */
import * as l10n from '@vscode/l10n';
import type { IncomingMessage } from 'node:http';
import { Duplex, Readable } from 'node:stream';
import { Api, readAll } from './api';
import { EngineError } from './errors';
import { splitTopRow, splitTopTitles, withSha256 } from './podman';
import { RawStats, toStats } from './stats';
import { Demuxer, Frame, frameText, jsonLines, splitStreams } from './streams';
import { packFiles, readTar, TarEntry, TarFile } from './tar';
import { validateContainerDirectory, validateExecUser } from './validate';
import type { ContainerStats, FileChange, PathStat, TopResult } from './types';

const enc = encodeURIComponent;

/** How long an attach whose output ended waits for the engine to record the container's exit. */
const attachExitGraceMs = 2_000;

export interface LogOptions {
  follow?: boolean;
  /** Lines from the end, or 'all'. */
  tail?: number | 'all';
  /** Unix seconds (or a Date). */
  since?: number | Date;
  until?: number | Date;
  timestamps?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  /** Skip the inspect call when the caller already knows whether the container has a TTY. */
  tty?: boolean;
  signal?: AbortSignal;
}

export interface ExecOptions {
  cmd: string[];
  tty?: boolean;
  stdin?: boolean;
  env?: string[];
  workdir?: string;
  user?: string;
  privileged?: boolean;
  /** Initial size for a TTY. */
  size?: { cols: number; rows: number };
  signal?: AbortSignal;
}

/** A live process stream (exec or attach): stdin to write, stdout/stderr to read. */
export interface Session {
  id: string;
  tty: boolean;
  /** The hijacked connection; write stdin here (end() closes stdin). */
  stdin: Duplex;
  stdout: Readable;
  stderr: Readable;
  resize(cols: number, rows: number): Promise<void>;
  /** Resolves when the output ends: the exit code for exec, the container's for attach (when known). */
  exit: Promise<number | undefined>;
  close(): void;
}

export class ContainerIo {
  constructor(readonly api: Api) {}

  /** Log frames; for a TTY container everything arrives as stdout. Aborting the signal ends the frames. */
  async logs(id: string, options: LogOptions = {}): Promise<{ frames: Readable; tty: boolean }> {
    const tty = options.tty ?? (await this.isTty(id));
    const raw = await this.api.stream({
      method: 'GET', path: `/containers/${enc(id)}/logs`, signal: options.signal,
      query: {
        follow: options.follow ?? false, stdout: options.stdout ?? true, stderr: options.stderr ?? true,
        timestamps: options.timestamps ?? false, tail: options.tail === undefined ? undefined : String(options.tail),
        since: toSeconds(options.since), until: toSeconds(options.until),
      },
    });
    if (tty) {
      const frames = new Readable({ objectMode: true, read: () => undefined });
      raw.on('data', (data: Buffer) => frames.push({ stream: 'stdout', data } satisfies Frame));
      raw.on('end', () => frames.push(null));
      // Aborting is how a follower stops: the frames then simply end.
      raw.on('error', (error) => (options.signal?.aborted ? frames.push(null) : frames.destroy(this.api.fail(error, options.signal))));
      frames.on('close', () => raw.destroy());
      return { frames, tty };
    }
    const demuxer = new Demuxer();
    raw.on('error', (error) => (options.signal?.aborted ? demuxer.end() : demuxer.destroy(this.api.fail(error, options.signal))));
    demuxer.on('close', () => raw.destroy());
    return { frames: raw.pipe(demuxer), tty };
  }

  /** The whole log (no follow) as two strings. */
  async readLogs(id: string, options: Omit<LogOptions, 'follow'> = {}): Promise<{ stdout: string; stderr: string }> {
    const { frames } = await this.logs(id, { ...options, follow: false });
    return frameText(frames as AsyncIterable<Frame>);
  }

  async exec(id: string, options: ExecOptions): Promise<Session> {
    const problem = (options.user !== undefined ? validateExecUser(options.user) : undefined) ?? (options.workdir !== undefined ? validateContainerDirectory(options.workdir) : undefined);
    if (problem) throw new EngineError('badRequest', problem);
    const created = await this.api.json<{ Id: string }>({
      method: 'POST', path: `/containers/${enc(id)}/exec`, signal: options.signal,
      body: {
        Cmd: options.cmd, Tty: options.tty ?? false, AttachStdin: options.stdin ?? false, AttachStdout: true, AttachStderr: true,
        Env: options.env, WorkingDir: options.workdir, User: options.user, Privileged: options.privileged ?? false,
        ConsoleSize: options.size ? [options.size.rows, options.size.cols] : undefined,
      },
    });
    const execId = created.Id;
    const socket = await this.api.hijack({
      method: 'POST', path: `/exec/${execId}/start`, signal: options.signal,
      body: { Detach: false, Tty: options.tty ?? false }, headers: { Upgrade: 'tcp', Connection: 'Upgrade' },
    });
    const resize = async (cols: number, rows: number): Promise<void> => {
      await this.api.json({ method: 'POST', path: `/exec/${execId}/resize`, query: { h: rows, w: cols } });
    };
    return this.session(execId, socket, options.tty ?? false, resize, async () => {
      const info = await this.api.json<{ ExitCode: number | null; Running: boolean }>({ method: 'GET', path: `/exec/${execId}/json` });
      return info.ExitCode ?? undefined;
    });
  }

  /** Runs a command to completion and returns its output (no TTY, no stdin). */
  async execRun(id: string, cmd: string[], options: Omit<ExecOptions, 'cmd' | 'tty' | 'stdin'> = {}): Promise<{ exitCode: number | undefined; stdout: string; stderr: string }> {
    const session = await this.exec(id, { ...options, cmd });
    const [stdout, stderr, exitCode] = await Promise.all([readAll(session.stdout), readAll(session.stderr), session.exit]);
    return { exitCode, stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') };
  }

  /** Attaches to the container's main process (like `docker attach`). */
  async attach(id: string, options: { stdin?: boolean; logs?: boolean; signal?: AbortSignal; tty?: boolean } = {}): Promise<Session> {
    const tty = options.tty ?? (await this.isTty(id));
    const socket = await this.api.hijack({
      method: 'POST', path: `/containers/${enc(id)}/attach`, signal: options.signal,
      query: { stream: true, stdin: options.stdin ?? false, stdout: true, stderr: true, logs: options.logs ?? false },
      headers: { Upgrade: 'tcp', Connection: 'Upgrade' },
    });
    return this.session(id, socket, tty, (cols, rows) => this.resize(id, cols, rows), async () => {
      const info = await this.api.json<{ State?: { Running: boolean; ExitCode: number } }>({ method: 'GET', path: `/containers/${enc(id)}/json` }).catch(() => undefined);
      if (!info?.State) return undefined;
      if (!info.State.Running) return info.State.ExitCode;
      // The output can end a moment before the engine records the exit (Podman does): wait a
      // little for it. A container still running after that was detached from, not ended.
      const waited = await this.api.json<{ StatusCode: number }>({ method: 'POST', path: `/containers/${enc(id)}/wait`, query: { condition: 'not-running' }, signal: AbortSignal.timeout(attachExitGraceMs) }).catch(() => undefined);
      return waited?.StatusCode;
    });
  }

  /** Resizes the container's TTY. */
  async resize(id: string, cols: number, rows: number): Promise<void> {
    await this.api.json({ method: 'POST', path: `/containers/${enc(id)}/resize`, query: { h: rows, w: cols } });
  }

  private session(id: string, socket: Duplex, tty: boolean, resize: Session['resize'], exitCode: () => Promise<number | undefined>): Session {
    const { stdout, stderr } = splitStreams(socket, tty);
    const exit = new Promise<number | undefined>((resolve, reject) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        exitCode().then(resolve, reject);
      };
      stdout.on('end', finish);
      socket.on('close', finish);
      socket.on('error', (error) => {
        if (!done) {
          done = true;
          reject(this.api.fail(error));
        }
      });
    });
    exit.catch(() => undefined);
    return { id, tty, stdin: socket, stdout, stderr, resize, exit, close: () => socket.destroy() };
  }

  private async isTty(id: string): Promise<boolean> {
    const info = await this.api.json<{ Config?: { Tty?: boolean } }>({ method: 'GET', path: `/containers/${enc(id)}/json` });
    return !!info.Config?.Tty;
  }

  /** One sample (the engine waits for a second sample so the CPU % is real). */
  async stats(id: string, signal?: AbortSignal): Promise<ContainerStats> {
    const raw = await this.api.json<RawStats>({ method: 'GET', path: `/containers/${enc(id)}/stats`, query: { stream: false }, signal });
    return toStats(raw);
  }

  /** A sample about every second; ends when the signal aborts or the container goes away. */
  async *statsStream(id: string, signal?: AbortSignal): AsyncGenerator<ContainerStats> {
    const stream = await this.api.stream({ method: 'GET', path: `/containers/${enc(id)}/stats`, query: { stream: true }, signal });
    try {
      for await (const raw of jsonLines<RawStats>(stream)) yield toStats(raw);
    } catch (error) {
      if (signal?.aborted) return;
      throw this.api.fail(error, signal);
    } finally {
      stream.destroy();
    }
  }

  async top(id: string, psArgs?: string): Promise<TopResult> {
    const result = await this.api.json<{ Titles: string[]; Processes: string[][] }>({ method: 'GET', path: `/containers/${enc(id)}/top`, query: { ps_args: psArgs } });
    const titles = splitTopTitles(result.Titles ?? []);
    return { titles, processes: (result.Processes ?? []).map((row) => splitTopRow(row, titles.length)) };
  }

  /** Filesystem changes against the image, like `docker diff`. */
  async diff(id: string): Promise<FileChange[]> {
    const changes = await this.api.json<{ Path: string; Kind: number }[] | null>({ method: 'GET', path: `/containers/${enc(id)}/changes` });
    return (changes ?? []).map((c) => ({ path: c.Path, kind: c.Kind === 1 ? 'added' : c.Kind === 2 ? 'deleted' : 'changed' }));
  }

  /** Makes an image from the container; `changes` are Dockerfile instructions like "ENV A=b". Returns the image id. */
  async commit(id: string, options: { repo?: string; tag?: string; author?: string; message?: string; changes?: string[]; pause?: boolean } = {}): Promise<string> {
    const result = await this.api.json<{ Id: string }>({
      method: 'POST', path: '/commit', body: {}, sendEmptyBody: true, timeoutMs: 0,
      query: { container: id, repo: options.repo, tag: options.tag, author: options.author, comment: options.message, changes: options.changes, pause: options.pause ?? true },
    });
    return withSha256(result.Id);
  }

  /** The container's filesystem as a tar stream. */
  export(id: string, signal?: AbortSignal): Promise<Readable> {
    return this.api.stream({ method: 'GET', path: `/containers/${enc(id)}/export`, signal });
  }

  /** Stat of a path inside the container (like `docker cp` asks first). */
  async statPath(id: string, path: string): Promise<PathStat> {
    const response = (await this.api.stream({ method: 'HEAD', path: `/containers/${enc(id)}/archive`, query: { path } })) as IncomingMessage;
    response.resume();
    return parsePathStat(response.headers['x-docker-container-path-stat']);
  }

  /** A tar stream of `path` inside the container, and its stat. */
  async getArchive(id: string, path: string, signal?: AbortSignal): Promise<{ stat: PathStat; tar: Readable }> {
    const response = (await this.api.stream({ method: 'GET', path: `/containers/${enc(id)}/archive`, query: { path }, signal })) as IncomingMessage;
    return { stat: parsePathStat(response.headers['x-docker-container-path-stat']), tar: response };
  }

  /** Extracts a tar stream into `path` (a directory that must exist) inside the container. */
  async putArchive(id: string, path: string, tar: Readable | Buffer, options: { noOverwriteDirNonDir?: boolean; signal?: AbortSignal } = {}): Promise<void> {
    await this.api.json({
      method: 'PUT', path: `/containers/${enc(id)}/archive`, file: tar, contentType: 'application/x-tar', signal: options.signal, timeoutMs: 0,
      query: { path, noOverwriteDirNonDir: options.noOverwriteDirNonDir ?? false },
    });
  }

  /** Copies files into the container under `dir`. */
  copyTo(id: string, dir: string, files: TarFile[], signal?: AbortSignal): Promise<void> {
    return this.putArchive(id, dir, packFiles(files), { signal });
  }

  /** Copies `path` out of the container: every entry of the archive with its content. */
  async copyFrom(id: string, path: string, signal?: AbortSignal): Promise<TarEntry[]> {
    const { tar } = await this.getArchive(id, path, signal);
    return readTar(tar);
  }
}

function toSeconds(value: number | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
}

export function parsePathStat(header: string | string[] | undefined): PathStat {
  const text = Array.isArray(header) ? header[0] : header;
  if (!text) throw new EngineError('server', l10n.t('The engine did not say what the path is (no X-Docker-Container-Path-Stat header).'));
  const raw = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as { name: string; size: number; mode: number; mtime: string; linkTarget: string };
  // Go's os.ModeDir is bit 31.
  return { name: raw.name, size: raw.size, mode: raw.mode, mtime: raw.mtime, linkTarget: raw.linkTarget, isDirectory: (raw.mode & 0x80000000) !== 0 };
}
