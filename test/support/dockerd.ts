/**
 * A dedicated private dockerd for tests that must stop and restart an engine (the
 * shared one is never restarted): its own data root, exec root, pidfile and socket,
 * no bridge and no iptables. Stopped by its pid only. With `tcp`, it also listens on
 * 127.0.0.1:<port> with --tlsverify (mutual TLS with the given files).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import * as path from 'node:path';
import Docker from 'dockerode';
import { testDocker, testImage } from './engine';
import { waitFor } from './wait';

export interface DockerdOptions {
  /** Also listen on tcp://127.0.0.1:<port>, TLS only, verifying clients against `ca`. */
  tcp?: { port: number; ca: string; cert: string; key: string };
}

export class PrivateDockerd {
  readonly dir: string;
  readonly socket: string;
  private child: ChildProcess | undefined;

  constructor(prefix = 'berth-dockerd-', private readonly options: DockerdOptions = {}) {
    // Short paths: containerd's sockets live under the exec root and unix paths are limited to 108 bytes.
    this.dir = mkdtempSync(path.join('/tmp', prefix));
    this.socket = path.join(this.dir, 'docker.sock');
  }

  get url(): string {
    return `unix://${this.socket}`;
  }

  /** The TLS endpoint, when there is one. */
  get tcpUrl(): string | undefined {
    return this.options.tcp ? `tcp://127.0.0.1:${this.options.tcp.port}` : undefined;
  }

  private tcpArgs(): string[] {
    const tcp = this.options.tcp;
    return tcp ? ['-H', `tcp://127.0.0.1:${tcp.port}`, '--tlsverify', '--tlscacert', tcp.ca, '--tlscert', tcp.cert, '--tlskey', tcp.key] : [];
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('this dockerd is already running');
    const log = openSync(path.join(this.dir, 'dockerd.log'), 'a');
    const child = spawn('dockerd', [
      '--data-root', path.join(this.dir, 'data'), '--exec-root', path.join(this.dir, 'exec'), '--pidfile', path.join(this.dir, 'dockerd.pid'),
      '-H', this.url, '--bridge=none', '--iptables=false', '--ip-masq=false', ...this.tcpArgs(),
    ], { stdio: ['ignore', log, log] });
    closeSync(log);
    this.child = child;
    const failed = new Promise<never>((_, reject) => child.once('error', (e) => reject(new Error(`dockerd could not start (${e.message}); is docker.io installed?`))));
    await Promise.race([failed, waitFor(() => this.ping(), `the dedicated dockerd on ${this.socket} (log: ${path.join(this.dir, 'dockerd.log')})`, 60_000, 100)]);
    const tcp = this.options.tcp;
    if (tcp) await waitFor(() => this.accepts(tcp.port), `the dedicated dockerd's TLS listener on 127.0.0.1:${tcp.port}`, 30_000, 100);
  }

  /** SIGTERM by pid, then waits for the process to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) {
      this.child = undefined;
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
  }

  /** A raw client of this engine, independent of Berth's engine layer. */
  client(): Docker {
    return new Docker({ socketPath: this.socket });
  }

  /** Gives this engine the test image (busybox:local): saved from the shared test engine, loaded here. */
  async loadTestImage(): Promise<void> {
    const saved = await testDocker().getImage(testImage).get();
    const loading = await this.client().loadImage(saved);
    // The load has finished when its progress stream ends.
    for await (const chunk of loading) void chunk;
  }

  /** Stops the engine and deletes its folder. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private accepts(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const req = request({ socketPath: this.socket, path: '/_ping', timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
  }
}
