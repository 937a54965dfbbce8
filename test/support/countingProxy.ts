/**
 * A recording proxy in front of a real engine: a unix socket that forwards every request
 * to the engine's socket unchanged (streams and hijacked attach/exec connections too)
 * and remembers each request's method and path. Tests point Berth at the proxy and then
 * count what reached the engine: how many list calls a burst of events cost, or that a
 * rejected input sent nothing at all. Nothing is faked: the engine answers every call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

export interface RecordedRequest {
  method: string;
  /** The path without the API version prefix or the query: `/containers/json`. */
  path: string;
  query: string;
  at: number;
  /** When the request's connection to the client closed (a stream's end); unset while it is open. */
  closedAt?: number;
}

/** Strips `/v1.41` so tests need not know which API version Berth negotiated. */
export function unversionedPath(url: string): { path: string; query: string } {
  const [rawPath, query = ''] = url.split('?', 2);
  return { path: rawPath.replace(/^\/v\d+(\.\d+)?(?=\/)/, ''), query };
}

export class CountingProxy {
  readonly socket: string;
  readonly requests: RecordedRequest[] = [];
  private readonly dir: string;
  private readonly server: http.Server;
  private readonly open = new Set<net.Socket>();

  /** `target` is the engine's socket path (not a URL). */
  constructor(private readonly target: string) {
    // Short path: unix socket paths are limited to 108 bytes.
    this.dir = mkdtempSync(path.join('/tmp', 'berth-proxy-'));
    this.socket = path.join(this.dir, 'docker.sock');
    this.server = http.createServer((req, res) => this.forward(req, res));
    this.server.on('upgrade', (req, client: net.Socket, head: Buffer) => this.tunnel(req, client, head));
    this.server.on('connection', (s: net.Socket) => {
      this.open.add(s);
      s.once('close', () => this.open.delete(s));
    });
  }

  get url(): string {
    return `unix://${this.socket}`;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.socket, () => resolve());
    });
  }

  /** Requests since `since` (a Date.now() value) matching the method and a path test. */
  count(method: string, pathTest: RegExp | string, since = 0): number {
    return this.matching(method, pathTest, since).length;
  }

  matching(method: string, pathTest: RegExp | string, since = 0): RecordedRequest[] {
    const test = typeof pathTest === 'string' ? (p: string) => p === pathTest : (p: string) => pathTest.test(p);
    return this.requests.filter((r) => r.at >= since && (method === '*' || r.method === method) && test(r.path));
  }

  /**
   * Requests still open now (their response has not closed): streams such as
   * /containers/{id}/stats?stream=1, /events or followed logs.
   */
  openNow(method: string, pathTest: RegExp | string): RecordedRequest[] {
    return this.matching(method, pathTest).filter((r) => r.closedAt === undefined);
  }

  /** Every request since `since` that could change the engine's state (anything but GET and HEAD). */
  changes(since = 0): RecordedRequest[] {
    return this.requests.filter((r) => r.at >= since && r.method !== 'GET' && r.method !== 'HEAD');
  }

  async dispose(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private record(req: http.IncomingMessage): RecordedRequest {
    const entry: RecordedRequest = { method: req.method ?? 'GET', ...unversionedPath(req.url ?? '/'), at: Date.now() };
    this.requests.push(entry);
    return entry;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const entry = this.record(req);
    const upstream = http.request({ socketPath: this.target, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
      // Streams such as /events and followed logs: flush each chunk as it comes.
      res.flushHeaders();
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `the test proxy could not reach the engine: ${error.message}` }));
    });
    res.on('close', () => {
      entry.closedAt = Date.now();
      upstream.destroy();
    });
    req.pipe(upstream);
  }

  /** attach and exec start hijack the connection: replay the head, then splice the raw sockets. */
  private tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const entry = this.record(req);
    client.once('close', () => (entry.closedAt = Date.now()));
    const engine = net.connect(this.target, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      engine.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) engine.write(head);
      engine.pipe(client);
      client.pipe(engine);
    });
    const close = () => {
      engine.destroy();
      client.destroy();
    };
    engine.on('error', close);
    client.on('error', close);
    engine.on('close', close);
    client.on('close', close);
  }
}
