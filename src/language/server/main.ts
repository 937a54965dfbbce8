/**
 * The Dockerfile language server's entry point (dist/server.js). Runs over IPC when
 * started by the extension and over stdio with --stdio, so other editors can use it.
 * Never imports vscode.
 *
 * The analysis runs in worker threads from a bundle of its own (dist/serverWorker.js,
 * workerMain.ts): this thread never loads the analysis libraries, and a worker never the
 * LSP connection code. Each thread compiles only its half, so both boot sooner, and the
 * first thing this file does is start the diagnostics worker: it loads beside the LSP
 * code rather than after it (measured: `initialize` answered about 60 ms sooner than with
 * one bundle for both threads).
 */
import * as path from 'node:path';
import { spawnAnalysisWorker } from './workerHost';

const workerEntry = path.join(__dirname, 'serverWorker.js');
// `--code-cache <folder>`: where V8's cache of the workers' compiled code is kept (codeCache.ts).
const codeCacheAt = process.argv.indexOf('--code-cache');
const codeCache = codeCacheAt > 0 ? process.argv[codeCacheAt + 1] : undefined;
const checks = spawnAnalysisWorker(workerEntry, 'checks', codeCache);
/* eslint-disable-next-line @typescript-eslint/no-require-imports */
(require('./server') as typeof import('./server')).startServer(workerEntry, checks, codeCache);
