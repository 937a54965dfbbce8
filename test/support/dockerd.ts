/**
 * A dedicated private dockerd for tests that must stop and restart an engine (the
 * shared one is never restarted): its own data root, exec root, pidfile and socket,
 * no bridge and no iptables. Stopped by its pid only.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import * as path from 'node:path';
import Docker from 'dockerode';
import { testDocker, testImage } from './engine';
import { waitFor } from './wait';

export class PrivateDockerd {
  readonly dir: string;
  readonly socket: string;
  private child: ChildProcess | undefined;

  constructor(prefix = 'berth-dockerd-') {
    // Short paths: containerd's sockets live under the exec root and unix paths are limited to 108 bytes.
    this.dir = mkdtempSync(path.join('/tmp', prefix));
    this.socket = path.join(this.dir, 'docker.sock');
  }

  get url(): string {
    return `unix://${this.socket}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('this dockerd is already running');
    const log = openSync(path.join(this.dir, 'dockerd.log'), 'a');
    const child = spawn('dockerd', [
      '--data-root', path.join(this.dir, 'data'), '--exec-root', path.join(this.dir, 'exec'), '--pidfile', path.join(this.dir, 'dockerd.pid'),
      '-H', this.url, '--bridge=none', '--iptables=false', '--ip-masq=false',
    ], { stdio: ['ignore', log, log] });
    closeSync(log);
    this.child = child;
    const failed = new Promise<never>((_, reject) => child.once('error', (e) => reject(new Error(`dockerd could not start (${e.message}); is docker.io installed?`))));
    await Promise.race([failed, waitFor(() => this.ping(), `the dedicated dockerd on ${this.socket} (log: ${path.join(this.dir, 'dockerd.log')})`, 60_000, 100)]);
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
