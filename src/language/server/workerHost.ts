/**
 * Runs the analysis (dockerfile-language-service, our rules, our features) in a worker
 * thread, so that no request can freeze the server: JavaScript cannot interrupt a
 * synchronous library call, but it can terminate a worker. A request that outlives its
 * budget is answered empty, the worker is replaced (documents and settings replayed),
 * and the same request on the same document version is not tried again.
 */
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import type { AnalysisConfig, ToWorker, FromWorker, LoaderData, WorkerRole } from './workerMessages';

/** What the host posts: the Dockerfile server's messages, or the same shapes with another settings record (the compose server's). */
type Posted<Config> = Exclude<ToWorker, { type: 'configure' }> | { type: 'configure'; config: Config };

interface Pending {
  resolve: (value: unknown) => void;
  /** Until the worker starts it: how long it may wait in the queue (no kill, no blame). */
  timer: NodeJS.Timeout;
  limit: number;
  key: string;
}

export interface HostOptions {
  /** The script that runs the worker: dist/serverWorker.js, or dist/composeServer.js itself. */
  entry: string;
  /** Hard limit per request, in ms, after which the worker is replaced. */
  timeoutMs: number;
  /**
   * Extra allowance per 1,000 lines of the document. Parsing a version costs time in
   * proportion to its size (a few hundred ms at 10,000 lines on a busy machine); the
   * limit is there for runaway work, not for big files.
   */
  perThousandLinesMs?: number;
  log: (message: string) => void;
  /** What the worker is for: it warms up only that. */
  role?: WorkerRole;
  /**
   * No thread until `start()` or the first request: settings and documents are kept
   * here and replayed then. A second thread booting beside the one computing the first
   * diagnostics competes with it for the same two cores.
   */
  lazy?: boolean;
  /** A worker already booting for this host (`spawnAnalysisWorker`, started before the LSP code loaded). */
  booting?: Worker;
  /** The folder of V8's code cache for `entry` (codeCache.ts); without it the worker compiles from scratch. */
  codeCache?: string;
}

/**
 * Starts an analysis worker thread: `entry` runs `startWorker()` off the main thread.
 * With a code cache folder, the loader beside it (dist/serverWorkerLoader.js) runs
 * `entry` with V8's cache of its compiled code.
 */
export function spawnAnalysisWorker(entry: string, role: WorkerRole, codeCache?: string): Worker {
  if (!codeCache) return new Worker(entry, { argv: ['--berth-worker'], workerData: { role } });
  const data: LoaderData = { role, bundle: entry, codeCache };
  return new Worker(path.join(path.dirname(entry), 'serverWorkerLoader.js'), { argv: ['--berth-worker'], workerData: data });
}

export interface RequestOptions {
  /** Which part of a method's work this is: a part cut by the time limit blocks only itself. */
  part?: string;
  /** A limit of its own, for work that waits on another program with limits of its own (ShellCheck). */
  limitMs?: number;
}

/** `Config` is what `configure` carries to the worker: each server's own settings record. */
export class AnalysisHost<Config = AnalysisConfig> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly documents = new Map<string, { version: number; text: string; lines: number }>();
  private readonly poisoned = new Set<string>();
  private config: Config | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: HostOptions) {}

  configure(config: Config): void {
    this.config = config;
    this.post({ type: 'configure', config });
  }

  /** `eager`: parse as soon as typing pauses, before any request asks. */
  sync(uri: string, version: number, text: string, eager = true): void {
    let lines = 1;
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) lines++;
    this.documents.set(uri, { version, text, lines });
    this.post({ type: 'sync', uri, version, text, eager });
  }

  /** Boots the worker now (it loads the bundle and warms up), ahead of the first request. */
  start(): void {
    if (!this.disposed) this.ensureWorker();
  }

  /** Parse the document's current version now, ahead of requests (boots a lazy worker). */
  prepare(uri: string): void {
    this.start();
    if (this.documents.has(uri)) this.post({ type: 'prepare', uri });
  }

  close(uri: string): void {
    this.documents.delete(uri);
    this.post({ type: 'close', uri });
  }

  /**
   * Asks the worker; resolves with its answer, or with undefined when it failed, timed
   * out, or was cut short by `signal` (a client's $/cancelRequest).
   */
  request<T>(method: string, uri: string | undefined, params: unknown, signal?: { isCancellationRequested: boolean; onCancellationRequested: (listener: () => void) => unknown }, options: RequestOptions = {}): Promise<T | undefined> {
    const version = uri === undefined ? -1 : this.documents.get(uri)?.version ?? -1;
    const key = `${method}${options.part ? `[${options.part}]` : ''} ${uri ?? ''} ${version}`;
    if (this.poisoned.has(key) || this.disposed) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise<T | undefined>((resolve) => {
      const lines = uri === undefined ? 0 : this.documents.get(uri)?.lines ?? 0;
      const limit = options.limitMs ?? this.options.timeoutMs + ((this.options.perThousandLinesMs ?? 0) * lines) / 1000;
      // Waiting behind other work (or for a fresh worker to boot) is not this request's
      // fault: it may wait a while, then answers empty without blaming anyone.
      const timer = setTimeout(() => this.settle(id, undefined), limit * 4);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, timer, limit, key });
      signal?.onCancellationRequested(() => this.settle(id, undefined));
      this.post({ type: 'request', id, method, uri, params }, true);
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const id of [...this.pending.keys()]) this.settle(id, undefined);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** `boot`: this message needs the worker; others wait in `config`/`documents` for a lazy one. */
  private post(message: Posted<Config>, boot = false): void {
    if (this.disposed) return;
    if (!this.worker && this.options.lazy && !boot) return;
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.options.booting ?? spawnAnalysisWorker(this.options.entry, this.options.role ?? 'both', this.options.codeCache);
    this.options.booting = undefined;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'log') this.options.log(message.message);
      else if (message.type === 'start') this.started(message.id);
      else this.settle(message.id, message.error === undefined ? message.result : undefined, message.error);
    });
    worker.on('error', (error) => this.restart(`the analysis worker failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker && !this.disposed) this.restart(`the analysis worker exited (${code})`);
    });
    this.worker = worker;
    // A fresh worker knows nothing: replay settings and every open document.
    if (this.config) worker.postMessage({ type: 'configure', config: this.config } satisfies Posted<Config>);
    for (const [uri, doc] of this.documents) worker.postMessage({ type: 'sync', uri, version: doc.version, text: doc.text } satisfies ToWorker);
    return worker;
  }

  private settle(id: number, result: unknown, error?: string): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error !== undefined) this.options.log(`${pending.key}: ${error}`);
    pending.resolve(result ?? undefined);
  }

  private started(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => this.timedOut(id, pending.limit), pending.limit);
  }

  private timedOut(id: number, limit: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.poisoned.add(pending.key);
    if (this.poisoned.size > 1000) this.poisoned.clear();
    this.restart(`${pending.key} ran over ${Math.round(limit)} ms; cancelled it and restarted the analysis worker`);
  }

  private restart(reason: string): void {
    this.options.log(reason);
    const old = this.worker;
    this.worker = undefined;
    // Everything queued behind the stuck request is lost with the worker: answer it empty.
    for (const id of [...this.pending.keys()]) this.settle(id, undefined);
    if (old) void old.terminate();
  }
}
