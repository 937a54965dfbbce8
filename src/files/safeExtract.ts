/**
 * Host-side tar extraction that nothing can escape. Entry names that are absolute,
 * name a drive or contain `..` fail the whole extraction (nothing is "cleaned" into
 * something else); symbolic links that point outside the folder are not created and
 * are reported; every write checks, after resolving links, that its folder is still
 * inside the target; an existing link at an entry's place is replaced, never written
 * through. Downloads extract into a hidden folder beside the destination and move the
 * result into place only when the archive was read to its end, so a failure midway
 * leaves no partial file.
 */
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extractorFor } from './tarPack';
import { entrySegments, isWithinHostPath, linkTargetWithin, unsafeEntryMessage, unsafeEntryName } from './paths';

export class UnsafeArchiveError extends Error {
  override readonly name = 'UnsafeArchiveError';
}

export interface SkippedEntry {
  name: string;
  reason: string;
}

export interface ExtractResult {
  files: number;
  directories: number;
  links: number;
  bytes: number;
  skipped: SkippedEntry[];
  /** First segments of the entries, in order of appearance ("app" for app/a, app/b). */
  topNames: string[];
}

export interface ExtractOptions {
  signal?: AbortSignal;
}

/** Extracts `source` (a tar stream) under `root`, which must exist. */
export async function extractTarSafely(source: Readable, root: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const realRoot = await fsp.realpath(root);
  const result: ExtractResult = { files: 0, directories: 0, links: 0, bytes: 0, skipped: [], topNames: [] };
  const directories: { target: string; mode: number; mtime?: Date }[] = [];
  const extract = extractorFor(source);
  const abort = (): void => {
    const reason = options.signal?.reason instanceof Error ? options.signal.reason : abortError();
    source.destroy(reason);
    extract.destroy(reason);
  };
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    for await (const entry of extract) {
      const header = entry.header;
      const unsafe = unsafeEntryName(header.name);
      if (unsafe) throw new UnsafeArchiveError(unsafeEntryMessage(header.name, unsafe));
      const segments = entrySegments(header.name);
      if (segments.length === 0) {
        entry.resume();
        continue;
      }
      if (!result.topNames.includes(segments[0])) result.topNames.push(segments[0]);
      const target = await placeWithin(realRoot, segments, header.name);
      switch (header.type) {
        case 'directory': {
          await removeUnlessDirectory(target);
          await fsp.mkdir(target, { recursive: true, mode: 0o700 });
          directories.push({ target, mode: (header.mode ?? 0o755) & 0o777, mtime: header.mtime });
          result.directories++;
          entry.resume();
          break;
        }
        case 'file':
        case 'contiguous-file': {
          await removeIfPresent(target);
          await pipeline(entry as unknown as Readable, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
          await fsp.chmod(target, (header.mode ?? 0o644) & 0o777);
          if (header.mtime) await fsp.utimes(target, header.mtime, header.mtime);
          result.files++;
          result.bytes += header.size ?? 0;
          break;
        }
        case 'symlink': {
          entry.resume();
          const linkname = header.linkname ?? '';
          if (!linkTargetWithin(realRoot, target, linkname)) {
            result.skipped.push({ name: header.name, reason: l10n.t('links to {0}, outside the folder', linkname) });
            break;
          }
          await removeIfPresent(target);
          await fsp.symlink(linkname, target);
          // Lexically inside is not enough when an earlier link is on the way: check where it really lands.
          const real = await fsp.realpath(target).catch(() => undefined);
          if (real && !isWithinHostPath(realRoot, real)) {
            await fsp.unlink(target);
            result.skipped.push({ name: header.name, reason: l10n.t('links to {0}, which resolves outside the folder', linkname) });
            break;
          }
          result.links++;
          break;
        }
        case 'link': {
          entry.resume();
          const linkname = header.linkname ?? '';
          const linkUnsafe = unsafeEntryName(linkname);
          const source = linkUnsafe ? undefined : path.join(realRoot, ...entrySegments(linkname));
          const real = source ? await fsp.realpath(source).catch(() => undefined) : undefined;
          if (!real || !isWithinHostPath(realRoot, real) || !(await fsp.lstat(real)).isFile()) {
            result.skipped.push({ name: header.name, reason: l10n.t('hard link to {0}, which is not a file extracted into the folder', linkname) });
            break;
          }
          await removeIfPresent(target);
          await fsp.link(real, target);
          result.links++;
          break;
        }
        default:
          entry.resume();
          result.skipped.push({ name: header.name, reason: l10n.t('{0} entries are not extracted', header.type ?? 'unknown') });
      }
    }
  } catch (error) {
    source.destroy();
    throw options.signal?.aborted && !(error instanceof UnsafeArchiveError) ? abortError() : error;
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  // Folders get their own modes last, deepest first, so a read-only folder still received its files.
  for (const dir of directories.reverse()) {
    await fsp.chmod(dir.target, dir.mode | 0o700);
    if (dir.mtime) await fsp.utimes(dir.target, dir.mtime, dir.mtime);
  }
  return result;
}

/**
 * Creates the entry's parent folders one segment at a time and returns where the entry
 * goes. A segment that is a link is followed only when it resolves inside the root, so
 * not even an empty folder is created outside it.
 */
async function placeWithin(realRoot: string, segments: string[], name: string): Promise<string> {
  let current = realRoot;
  for (const segment of segments.slice(0, -1)) {
    const next = path.join(current, segment);
    const stat = await fsp.lstat(next).catch(() => undefined);
    if (!stat) {
      await fsp.mkdir(next, { mode: 0o700 });
      current = next;
    } else if (stat.isSymbolicLink()) {
      const real = await fsp.realpath(next).catch(() => undefined);
      if (!real || !isWithinHostPath(realRoot, real) || !(await fsp.stat(real)).isDirectory()) {
        throw new UnsafeArchiveError(l10n.t('The archive entry "{0}" would be written through a link that leaves the folder; the archive was not extracted.', name));
      }
      current = real;
    } else if (stat.isDirectory()) {
      current = next;
    } else {
      throw new UnsafeArchiveError(l10n.t('The archive entry "{0}" needs {1} to be a folder, but the archive made it a file.', name, segment));
    }
  }
  return path.join(current, segments[segments.length - 1]);
}

async function removeIfPresent(target: string): Promise<void> {
  const stat = await fsp.lstat(target).catch(() => undefined);
  if (!stat) return;
  if (stat.isDirectory()) await fsp.rm(target, { recursive: true, force: true });
  else await fsp.unlink(target);
}

async function removeUnlessDirectory(target: string): Promise<void> {
  const stat = await fsp.lstat(target).catch(() => undefined);
  if (stat && !stat.isDirectory()) await fsp.unlink(target);
}

function abortError(): Error {
  const error = new Error(l10n.t('The operation was cancelled.'));
  error.name = 'AbortError';
  return error;
}

export interface DownloadOptions extends ExtractOptions {
  /** Replace an existing file or folder at the destination (the caller asked the person). */
  overwrite?: boolean;
}

/**
 * Extracts an archive of one file or folder (as the engine's archive API returns it:
 * one top entry named after the path) to `destination` on the host. All or nothing:
 * it lands in a hidden folder beside the destination first and is renamed into place.
 */
export async function downloadArchive(source: Readable, destination: string, options: DownloadOptions = {}): Promise<ExtractResult> {
  // An error before extraction starts is kept on the stream (source.errored), not thrown unhandled.
  source.on('error', () => undefined);
  const parent = path.dirname(path.resolve(destination));
  const staging = await fsp.mkdtemp(path.join(parent, '.berth-download-'));
  try {
    const result = await extractTarSafely(source, staging, options);
    if (result.topNames.length !== 1) {
      throw new UnsafeArchiveError(l10n.t('Expected the archive to hold one file or folder, found {0}.', result.topNames.length));
    }
    const produced = path.join(staging, result.topNames[0]);
    const existing = await fsp.lstat(destination).catch(() => undefined);
    if (existing) {
      if (!options.overwrite) throw Object.assign(new Error(l10n.t('{0} already exists.', destination)), { code: 'EEXIST' });
      await fsp.rm(destination, { recursive: true, force: true });
    }
    await fsp.rename(produced, destination);
    return result;
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

