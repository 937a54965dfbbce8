/**
 * The Dockerfile language server's entry point (dist/server.js). Runs over IPC when
 * started by the extension and over stdio with --stdio, so other editors can use it.
 * The same bundle is the analysis worker (see workerHost.ts): one file to ship.
 * Never imports vscode.
 *
 * Each thread initializes only its own half of the bundle (the require()s below are
 * lazy in the bundle): the worker never sets up the LSP connection code, and the main
 * thread never the analysis libraries. A worker that boots faster computes the first
 * diagnostics sooner.
 */
import { isMainThread } from 'node:worker_threads';
import { spawnAnalysisWorker } from './workerHost';

/* eslint-disable @typescript-eslint/no-require-imports */
if (isMainThread) {
  // The diagnostics worker starts loading before this thread sets up the LSP connection:
  // the two boot side by side, and the worker is further along when the first file arrives.
  const checks = spawnAnalysisWorker(__filename, 'checks');
  (require('./server') as typeof import('./server')).startServer(__filename, checks);
} else {
  // The shell parser's WebAssembly compiles off this thread: start it before the
  // analysis libraries initialize, so it is ready when hadolint's rules need it.
  void (require('./shell/parser') as typeof import('./shell/parser')).initShellParser(__dirname).catch(() => undefined);
  (require('./worker') as typeof import('./worker')).startWorker();
}
