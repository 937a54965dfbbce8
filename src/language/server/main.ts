/**
 * The Dockerfile language server's entry point (dist/server.js). Runs over IPC when
 * started by the extension and over stdio with --stdio, so other editors can use it.
 * The same bundle is the analysis worker (see workerHost.ts): one file to ship.
 * Never imports vscode.
 */
import { isMainThread } from 'node:worker_threads';
import { startServer } from './server';
import { startWorker } from './worker';

if (isMainThread) startServer(__filename);
else startWorker();
