/**
 * The analysis worker's entry point when the server has a code cache folder
 * (dist/serverWorkerLoader.js, a few KB): loads dist/serverWorker.js with V8's code cache
 * (codeCache.ts) and leaves the worker the means to save a new one (worker.ts).
 */
import { workerData } from 'node:worker_threads';
import { loadWithCodeCache } from './codeCache';
import { codeCacheHook, type LoaderData } from './workerMessages';

const { bundle, codeCache } = workerData as LoaderData;
(globalThis as Record<string, unknown>)[codeCacheHook] = loadWithCodeCache(bundle, codeCache);
