/**
 * ssh:// endpoints the way the docker CLI reaches them: each connection is a child
 * `ssh … HOST docker system dial-stdio` process whose stdin/stdout is the socket.
 * The user's ssh config, agent, keys and known_hosts all apply, so a remote context
 * that works with the CLI works here. The command is an argv array, never a shell line.
 */
import * as l10n from '@vscode/l10n';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as http from 'node:http';
import { Duplex } from 'node:stream';
import { onText } from './streams';

export interface SshTarget {
  host: string;
  user?: string;
  port?: number;
  /** Extra ssh arguments placed before the host (e.g. ["-i", key, "-F", config]). */
  extraArgs?: string[];
  /** The ssh binary (default "ssh" on PATH). */
  command?: string;
}

/** Pure: the argv for one connection. */
export function sshArgv(target: SshTarget): string[] {
  return [
    '-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T',
    ...(target.user ? ['-l', target.user] : []),
    ...(target.port ? ['-p', String(target.port)] : []),
    ...(target.extraArgs ?? []),
    '--', target.host, 'docker', 'system', 'dial-stdio',
  ];
}

function sshError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ESSH' });
}

/** A child process's stdio as a socket for Node's HTTP client. */
export class StdioSocket extends Duplex {
  private stderr = '';
  private idleTimer: NodeJS.Timeout | undefined;
  private idleMs = 0;
  readonly remoteAddress: string;

  constructor(private readonly child: ChildProcessWithoutNullStreams, label: string) {
    super({ allowHalfOpen: false });
    this.remoteAddress = label;
    child.stdout.on('data', (chunk: Buffer) => {
      this.touch();
      if (!this.push(chunk)) child.stdout.pause();
    });
    onText(child.stderr, (text) => {
      if (this.stderr.length < 4096) this.stderr += text;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      this.destroy(error.code === 'ENOENT' ? sshError(l10n.t('the ssh command was not found on PATH.')) : sshError(error.message));
    });
    // 'close' comes after both the exit and the end of stdout: only then is it known
    // whether the stream ended because ssh failed (say why) or because the engine hung up.
    child.on('close', (code) => {
      if (this.destroyed) return;
      if (code === 0) {
        this.push(null);
        return;
      }
      const said = this.stderr.trim().split('\n').filter(Boolean).pop();
      this.destroy(sshError(said ?? l10n.t('ssh exited with code {0}.', String(code))));
    });
    child.stdin.on('error', () => undefined);
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.touch();
    this.child.stdin.write(chunk, encoding, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.child.stdin.end(done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    done(error);
  }

  // The parts of net.Socket that http.Agent and ClientRequest call.
  setTimeout(ms: number, callback?: () => void): this {
    this.idleMs = ms;
    if (callback) this.once('timeout', callback);
    this.touch();
    return this;
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.idleMs > 0) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.idleMs);
      this.idleTimer.unref();
    }
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }
}

/** An HTTP agent whose connections are ssh dial-stdio processes, kept alive and reused. */
export class SshDialAgent extends http.Agent {
  constructor(private readonly target: SshTarget) {
    // Idle ssh processes end after 30 s.
    super({ keepAlive: true, timeout: 30_000, maxFreeSockets: 4 });
  }

  override createConnection(_options: unknown, callback?: (error: Error | null, socket: Duplex) => void): Duplex {
    const child = spawn(this.target.command ?? 'ssh', sshArgv(this.target), { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const socket = new StdioSocket(child, `ssh://${this.target.host}`);
    callback?.(null, socket);
    return socket;
  }
}
