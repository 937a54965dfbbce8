/**
 * The analysis worker's entry point (dist/serverWorker.js), started by the server's
 * main thread (main.ts, workerHost.ts). The shell parser's WebAssembly starts compiling
 * first, off this thread, before the analysis libraries initialize: it is then ready
 * when hadolint's rules need it.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
void (require('./shell/parser') as typeof import('./shell/parser')).initShellParser(__dirname).catch(() => undefined);
(require('./worker') as typeof import('./worker')).startWorker();
