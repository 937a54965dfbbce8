/**
 * Tar streams in and out of the engine's archive API: packing host files and folders
 * for an upload (streamed, one file open at a time), packing one in-memory file for a
 * save from the editor, and reading an archive's headers or its first file.
 */
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';

export interface EntryHeader {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: Date;
  linkname?: string;
}

function toEntryHeader(h: tar.Header): EntryHeader {
  const type = h.type === 'file' || h.type === 'contiguous-file' ? 'file'
    : h.type === 'directory' || h.type === 'symlink' || h.type === 'link' ? h.type : 'other';
  return {
    name: h.name,
    type,
    size: h.size ?? 0,
    mode: (h.mode ?? 0) & 0o7777,
    uid: h.uid ?? 0,
    gid: h.gid ?? 0,
    mtime: h.mtime ?? new Date(0),
    linkname: h.linkname ?? undefined,
  };
}

/** A tar of one file with the given content; ownership defaults to root like `docker cp`. */
export function packFile(name: string, content: Uint8Array, header: Partial<Omit<EntryHeader, 'name' | 'size' | 'type'>> = {}): Readable {
  const pack = tar.pack();
  pack.entry({
    name, type: 'file', size: content.byteLength, mode: header.mode ?? 0o644,
    uid: header.uid ?? 0, gid: header.gid ?? 0, mtime: header.mtime ?? new Date(),
  }, Buffer.from(content.buffer, content.byteOffset, content.byteLength));
  pack.finalize();
  return asReadable(pack);
}

/** A tar of one empty folder. */
export function packDirectory(name: string, mode = 0o755): Readable {
  const pack = tar.pack();
  pack.entry({ name, type: 'directory', mode, uid: 0, gid: 0, mtime: new Date() });
  pack.finalize();
  return asReadable(pack);
}

const smallFile = 256 * 1024;

export interface PackStats {
  files: number;
  directories: number;
  bytes: number;
}

/**
 * Streams host files and folders as one tar, each under its own base name, folders
 * recursively, symbolic links as links. Files are read one at a time, so a folder of
 * any size never sits in memory. `stats` fills in as the archive is read.
 */
export function packHostPaths(sources: string[], stats: PackStats = { files: 0, directories: 0, bytes: 0 }): Readable {
  const pack = tar.pack();
  const add = async (hostPath: string, name: string): Promise<void> => {
    const stat = await fsp.lstat(hostPath);
    const common = { name, mode: stat.mode & 0o7777, uid: 0, gid: 0, mtime: stat.mtime };
    if (stat.isSymbolicLink()) {
      await entryDone(pack, { ...common, type: 'symlink', linkname: await fsp.readlink(hostPath) });
    } else if (stat.isDirectory()) {
      await entryDone(pack, { ...common, type: 'directory' });
      stats.directories++;
      const names = (await fsp.readdir(hostPath)).sort();
      for (const child of names) await add(path.join(hostPath, child), `${name}/${child}`);
    } else if (stat.isFile()) {
      if (stat.size <= smallFile) {
        // One read instead of a stream per file: a folder of 10,000 small files packs in a blink.
        const content = await fsp.readFile(hostPath);
        if (content.length !== stat.size) throw new Error(l10n.t('{0} changed while it was being packed.', hostPath));
        await entryDone(pack, { ...common, type: 'file', size: stat.size }, content);
      } else {
        const entry = pack.entry({ ...common, type: 'file', size: stat.size });
        await pipeline(fs.createReadStream(hostPath), entry as unknown as Writable);
      }
      stats.files++;
      stats.bytes += stat.size;
    }
    // Sockets, fifos and devices on the host are not uploaded.
  };
  void (async () => {
    try {
      for (const source of sources) await add(source, path.basename(source));
      pack.finalize();
    } catch (error) {
      pack.destroy(error as Error);
    }
  })();
  return asReadable(pack);
}

/** tar-stream's streams are streamx ones: Node's pipe and pipeline accept them. */
export function asReadable(stream: tar.Pack): Readable {
  return stream as unknown as Readable;
}

/** Feeds `source` into a new tar extractor; a failing source fails the extractor. */
export function extractorFor(source: Readable): tar.Extract {
  const extract = tar.extract();
  if (source.errored) {
    extract.destroy(source.errored);
    return extract;
  }
  source.on('error', (error) => extract.destroy(error));
  source.pipe(extract as unknown as Writable);
  return extract;
}

function entryDone(pack: tar.Pack, header: Partial<tar.Header> & { name: string }, content?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error | null): void => (error ? reject(error) : resolve());
    if (content) pack.entry(header, content, done);
    else pack.entry(header, done);
  });
}

/** Every header of an archive, bodies skipped: a folder listing from one archive read. */
export async function readHeaders(source: Readable, onHeader: (header: EntryHeader) => void): Promise<void> {
  const extract = extractorFor(source);
  let count = 0;
  for await (const entry of extract) {
    onHeader(toEntryHeader(entry.header));
    entry.resume();
    // Let timers and other requests run now and then: a 10,000-entry folder must not freeze the host.
    if (++count % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The first entry of an archive and, for a file, its content. Stops reading after the
 * first entry, so asking for the header of a large file costs one tar block.
 */
export async function readFirstEntry(source: Readable, options: { withContent: boolean; maxBytes?: number }): Promise<{ header: EntryHeader; content?: Buffer } | undefined> {
  const extract = extractorFor(source);
  try {
    for await (const entry of extract) {
      const header = toEntryHeader(entry.header);
      if (!options.withContent || header.type !== 'file') return { header };
      if (options.maxBytes !== undefined && header.size > options.maxBytes) {
        throw new RangeError(l10n.t('The file is {0} bytes, more than the {1} bytes Berth opens in an editor.', header.size, options.maxBytes));
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      return { header, content: Buffer.concat(chunks) };
    }
    return undefined;
  } finally {
    source.destroy();
    extract.destroy();
  }
}
