/**
 * A minimal LSP client over stdio for the wire tests, the fuzzer and the benchmark:
 * spawns a server process and speaks JSON-RPC with vscode-jsonrpc, nothing mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const serverScript = path.join(repoRoot, 'dist', 'server.js');
export const composeServerScript = path.join(repoRoot, 'dist', 'composeServer.js');

export interface Diagnostics { uri: string; version?: number; diagnostics: Array<{ code?: string | number; source?: string; message: string; range: { start: { line: number; character: number } }; data?: unknown; severity?: number; codeDescription?: { href: string } }> }

export class LspClient {
  readonly connection: MessageConnection;
  private readonly diagnostics = new Map<string, Diagnostics>();
  private readonly waiters: Array<{ uri: string; test: (d: Diagnostics) => boolean; resolve: (d: Diagnostics) => void; partial: boolean }> = [];
  /** Per document, the last `berth/lintProgress` (Berth's server says when a published set is the whole lint). */
  readonly progress = new Map<string, { version: number; complete: boolean; unchecked: string[] }>();
  /** Every set Berth's server published, with whether it was complete, in order. */
  readonly sets: Array<{ uri: string; version: number; complete: boolean; diagnostics: Diagnostics['diagnostics'] }> = [];
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** What the server showed the person (window/showMessage). */
  readonly shown: string[] = [];
  private versions = new Map<string, number>();

  private constructor(readonly child: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: Diagnostics) => {
      this.diagnostics.set(params.uri, params);
      this.wake(params.uri);
    });
    this.connection.onNotification('berth/lintProgress', (params: { uri: string; version: number; complete: boolean; unchecked: string[] }) => {
      this.progress.set(params.uri, params);
      this.sets.push({ ...params, diagnostics: this.diagnostics.get(params.uri)?.diagnostics ?? [] });
      this.wake(params.uri);
    });
    this.connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.shown.push(params.message);
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('workspace/configuration', () => []);
    this.connection.onRequest('client/registerCapability', () => null);
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection.listen();
  }

  /**
   * Starts `node <script> --stdio` (Berth's server by default) and runs `initialize`.
   * The capabilities are VS Code's where a server's answers depend on them;
   * `plainCompletion` leaves out completion lists' shared defaults (LSP 3.17 `itemDefaults`).
   */
  static async start(options: { script?: string; args?: string[]; env?: Record<string, string>; initializationOptions?: unknown; rootPath?: string; plainCompletion?: boolean } = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [options.script ?? serverScript, ...(options.args ?? ['--stdio'])], { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspClient(child);
    const rootUri = options.rootPath ? pathToFileURL(options.rootPath).href : null;
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      initializationOptions: options.initializationOptions,
      capabilities: {
        textDocument: {
          completion: {
            completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
            ...(options.plainCompletion ? {} : { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } }),
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true },
        },
        workspace: { configuration: false },
      },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  open(uri: string, text: string, languageId = 'dockerfile'): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Is `d` the whole lint of its version (Berth's server says so with berth/lintProgress)? */
  isComplete(d: Diagnostics): boolean {
    const progress = this.progress.get(d.uri);
    return progress !== undefined && progress.complete && progress.version === d.version;
  }

  private wake(uri: string): void {
    const current = this.diagnostics.get(uri);
    if (!current) return;
    for (const waiter of [...this.waiters]) {
      if (waiter.uri === uri && (waiter.partial || this.isComplete(current)) && waiter.test(current)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(current);
      }
    }
  }

  /**
   * Resolves with the next diagnostics for `uri` that pass `test` (or the current ones if
   * they do). Berth publishes a version in parts; only the complete set counts unless
   * `partial` (any publication, as any server's first one for the benchmark).
   */
  waitForDiagnostics(uri: string, test: (d: Diagnostics) => boolean = () => true, timeoutMs = 30_000, partial = false): Promise<Diagnostics> {
    const current = this.diagnostics.get(uri);
    if (current && (partial || this.isComplete(current)) && test(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, test, partial, resolve: (d) => { clearTimeout(timer); resolve(d); } });
    });
  }

  /** Forgets diagnostics seen so far, so the next wait sees only new ones. */
  resetDiagnostics(uri: string): void {
    this.diagnostics.delete(uri);
    this.progress.delete(uri);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Times one request in ms, wall clock, as an editor would see it. */
  async timed<T>(method: string, params: unknown): Promise<{ ms: number; result: T }> {
    const start = performance.now();
    const result = await this.request<T>(method, params);
    return { ms: performance.now() - start, result };
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      await Promise.race([new Promise((resolve) => this.child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (this.child.exitCode === null) this.child.kill();
    }
  }
}
