/**
 * V8's code cache for the analysis worker's bundle (dist/serverWorker.js, 1.3 MB).
 *
 * A fresh worker compiles the bundle before it can run, then compiles each function the
 * first time it is called: on a cold start that is a large part of the time to the first
 * diagnostics. V8 can serialize what it compiled and take it back on the next start; this
 * module loads the bundle through `vm.Script` with that cache and writes a new one once
 * the worker has run its hot paths (the cache then holds them too).
 *
 * The cache lives in a folder the editor gives the server (`--code-cache <folder>`; the
 * extension passes a folder in its global storage). Its file name carries a hash of the
 * bundle, Node's version and the architecture, so an update never meets an old cache; V8
 * checks the rest (its own version and flags) and rejects a cache that does not fit, in
 * which case the bundle compiles as usual and the cache is written again.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** What the start found: a cache V8 took, one it rejected, or none. */
export type CacheUse = 'used' | 'rejected' | 'none';

export interface LoadedBundle {
  use: CacheUse;
  /** Writes the cache when this start had no usable one; says what it did, once. */
  save(): string;
}

const prefix = 'serverWorker-';

export function cacheFileName(source: string): string {
  const hash = createHash('sha256').update(source).update(process.version).update(process.arch).digest('hex').slice(0, 24);
  return `${prefix}${hash}.v8cache`;
}

/** Runs `entry` (a CommonJS bundle) as `require` would, with the code cache from `folder` when there is one. */
export function loadWithCodeCache(entry: string, folder: string): LoadedBundle {
  const source = fs.readFileSync(entry, 'utf8');
  const file = path.join(folder, cacheFileName(source));
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    // no cache yet: the first start in this folder, or after an update
  }
  const script = new vm.Script(Module.wrap(source), { filename: entry, cachedData });
  const use: CacheUse = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(entry), module, entry, path.dirname(entry));
  let saved: string | undefined;
  return {
    use,
    save: () => (saved ??= use === 'used' ? 'kept' : write(folder, file, script)),
  };
}

/** Writes beside, then renames: a second worker reading meanwhile sees the old file or the new one, never half of one. */
function write(folder: string, file: string, script: vm.Script): string {
  try {
    const data = script.createCachedData();
    fs.mkdirSync(folder, { recursive: true });
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, file);
    // Caches of earlier bundles or Node versions are never read again.
    for (const name of fs.readdirSync(folder)) {
      if (name.startsWith(prefix) && name.endsWith('.v8cache') && path.join(folder, name) !== file) fs.rmSync(path.join(folder, name), { force: true });
    }
    return `written (${Math.round(data.length / 1024)} KB)`;
  } catch (error) {
    return `not written: ${error instanceof Error ? error.message : String(error)}`;
  }
}
