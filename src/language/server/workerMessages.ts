/** Messages between the server's main thread and its analysis worker (same bundle). */
import type { LintSettings, LocalImage } from '../protocol';

/** What a worker is for: answering requests, or computing diagnostics (see server.ts). */
export type WorkerRole = 'requests' | 'checks' | 'both';

/** A worker's workerData when it starts through the code cache loader (workerLoader.ts). */
export interface LoaderData {
  role: WorkerRole;
  /** dist/serverWorker.js */
  bundle: string;
  /** The folder of V8's code cache. */
  codeCache: string;
}

/** Where the loader leaves the loaded bundle's cache (a LoadedBundle, codeCache.ts) for the worker to save. */
export const codeCacheHook = '__berthCodeCache';

export interface AnalysisConfig {
  localImages: LocalImage[];
  enginePlatform: string | undefined;
  lint: LintSettings;
  rulesDocsBase: string;
  /** Workspace folders as file system paths, for .hadolint.yaml and .dockerignore. */
  workspaceFolders: string[];
  snippetSupport: boolean;
  markdown: boolean;
  /** The client's translation bundle (a file: URI); absent for English. */
  l10nBundle?: string;
}

export type ToWorker =
  | { type: 'configure'; config: AnalysisConfig }
  | { type: 'sync'; uri: string; version: number; text: string; /** Parse ahead of requests (not on a restart's replay). */ eager?: boolean }
  | { type: 'close'; uri: string }
  | { type: 'prepare'; uri: string }
  | { type: 'request'; id: number; method: string; uri: string | undefined; params: unknown };

export type FromWorker =
  /** The worker began this request: its time limit runs from here, not from the queue. */
  | { type: 'start'; id: number }
  | { type: 'result'; id: number; result?: unknown; error?: string }
  | { type: 'log'; message: string };
