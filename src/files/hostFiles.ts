/**
 * Streams between the engine and files on the host, never holding an archive in
 * memory: exports and saves go to a hidden file beside the destination and are
 * renamed into place only when complete; imports and loads read the file as a
 * stream. Byte counts feed the progress notification. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Buffers of 1 MB between the socket and the disk: fewer, larger writes (the default 16 kB costs ~30 % on a 1 GB export). */
const chunkBytes = 1024 * 1024;

/** Passes bytes through and reports how many went by (at most every `everyBytes`). */
export function byteCounter(onBytes: (total: number) => void, everyBytes = 4 * 1024 * 1024): Transform {
  let total = 0;
  let reported = 0;
  return new Transform({
    highWaterMark: chunkBytes,
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total - reported >= everyBytes) {
        reported = total;
        onBytes(total);
      }
      done(null, chunk);
    },
    flush(done) {
      onBytes(total);
      done();
    },
  });
}

/**
 * Writes `source` to `destination`, all or nothing: a failure or a cancel midway
 * removes the partial file and leaves an existing destination untouched.
 */
export async function streamToFile(source: Readable, destination: string, options: { signal?: AbortSignal; onBytes?: (total: number) => void } = {}): Promise<number> {
  const dir = path.dirname(path.resolve(destination));
  const partial = path.join(dir, `.${path.basename(destination)}.berth-partial-${process.pid}-${Date.now().toString(36)}`);
  let total = 0;
  try {
    await pipeline(
      source,
      byteCounter((n) => {
        total = n;
        options.onBytes?.(n);
      }),
      fs.createWriteStream(partial, { flags: 'wx', highWaterMark: chunkBytes }),
      { signal: options.signal },
    );
    await fsp.rename(partial, destination);
    return total;
  } catch (error) {
    source.destroy();
    await fsp.rm(partial, { force: true });
    throw error;
  }
}

/**
 * Whether `destination` can be written, checked before the engine is asked for
 * anything: its folder must exist and it must not be a folder itself. Returns one
 * sentence when it cannot, else undefined.
 */
export async function checkHostDestination(destination: string, options: { mayReplaceFolder?: boolean } = {}): Promise<string | undefined> {
  const folder = path.dirname(path.resolve(destination));
  const parent = await fsp.stat(folder).catch(() => undefined);
  if (!parent) return l10n.t('Cannot write {0}: the folder {1} does not exist.', destination, folder);
  if (!parent.isDirectory()) return l10n.t('Cannot write {0}: {1} is not a folder.', destination, folder);
  const existing = await fsp.stat(destination).catch(() => undefined);
  if (existing?.isDirectory() && !options.mayReplaceFolder) return l10n.t('Cannot write {0}: it is a folder; choose a file name.', destination);
  return undefined;
}

/** Whether every host path exists (files or folders to upload); one sentence for the first that does not. */
export async function checkHostSources(sources: readonly string[]): Promise<string | undefined> {
  for (const source of sources) {
    const found = await fsp.lstat(source).catch((error: NodeJS.ErrnoException) => error);
    if (found instanceof Error) return found.code === 'ENOENT' ? l10n.t('There is no file or folder at {0}.', source) : l10n.t('Cannot read {0} ({1}).', source, found.code ?? found.message);
  }
  return undefined;
}

/** Whether `file` is a regular file Berth can stat; one sentence when it is not. */
export async function checkHostFile(file: string): Promise<string | undefined> {
  const stat = await fsp.stat(file).catch((error: NodeJS.ErrnoException) => error);
  if (stat instanceof Error) return stat.code === 'ENOENT' ? l10n.t('There is no file at {0}.', file) : l10n.t('Cannot read {0} ({1}).', file, stat.code ?? stat.message);
  if (!stat.isFile()) return stat.isDirectory() ? l10n.t('{0} is a folder; choose a file.', file) : l10n.t('{0} is not a regular file; choose a file.', file);
  return undefined;
}

/** A file as a stream with its size, counting bytes as the engine reads them. */
export async function fileSource(file: string, onBytes?: (total: number) => void): Promise<{ stream: Readable; size: number }> {
  const problem = await checkHostFile(file);
  if (problem) throw new Error(problem);
  const stat = await fsp.stat(file);
  const stream = fs.createReadStream(file, { highWaterMark: chunkBytes });
  if (!onBytes) return { stream, size: stat.size };
  const counter = byteCounter(onBytes);
  stream.on('error', (error) => counter.destroy(error));
  return { stream: stream.pipe(counter), size: stat.size };
}

/** "commit-web.tar", "berth-app_dev.tar": a default file name from an engine name. */
export function tarNameFor(name: string): string {
  const safe = name.replace(/^\//, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');
  return `${safe || 'archive'}.tar`;
}

/** "45.2 MB of 1.0 GB" style progress with a percentage when the total is known. */
export function percentOf(done: number, total: number): number {
  return total > 0 ? Math.min(100, (done / total) * 100) : 0;
}

/** Why a host write failed, by error code, in the editor's language (a function: the bundle is set at activation). */
function hostError(code: string): string | undefined {
  switch (code) {
    case 'ENOSPC': return l10n.t('the disk is full');
    case 'EDQUOT': return l10n.t('the disk quota is used up');
    case 'EACCES':
    case 'EPERM': return l10n.t('permission denied');
    case 'EROFS': return l10n.t('the file system is read-only');
    case 'ENOENT': return l10n.t('the folder does not exist');
    case 'ENOTDIR': return l10n.t('a part of the path is not a folder');
    case 'EISDIR': return l10n.t('it is a folder');
    default: return undefined;
  }
}

/** A host-side write failure as one sentence that names the file and says nothing partial was left. */
export function describeHostWriteError(error: unknown, destination: string): Error {
  const code = (error as { code?: unknown } | undefined)?.code;
  const why = typeof code === 'string' ? hostError(code) : undefined;
  if (!why) return error instanceof Error ? error : new Error(String(error));
  return new Error(l10n.t('Could not write {0}: {1} ({2}). Nothing partial was left behind.', destination, why, String(code)), { cause: error });
}
