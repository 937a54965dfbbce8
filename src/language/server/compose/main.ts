/**
 * The compose language server's entry point (dist/composeServer.js), a process of its own
 * beside the Dockerfile server (docs/ARCHITECTURE.md says why). IPC when the extension
 * starts it, `--stdio` for other editors; the same bundle is its analysis worker.
 * Never imports vscode.
 */
import { isMainThread } from 'node:worker_threads';
import { startComposeServer } from './server';
import { startComposeWorker } from './worker';

if (isMainThread) startComposeServer(__filename);
else startComposeWorker();
