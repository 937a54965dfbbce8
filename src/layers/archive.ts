/**
 * Reads an image's `docker save` archive as a stream and lists, for each layer, the
 * entries its own tar holds (headers only: no file body is kept). A layer is known by
 * the sha256 of its uncompressed tar, which is the image's diff id for that layer, so
 * both save formats work: `<id>/layer.tar` (Docker 20–24, Podman) and `blobs/sha256/…`
 * (OCI layout, Docker 25+). Each layer is reported the moment its tar has been read,
 * so the first layers show long before a large image's archive ends.
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import * as tar from 'tar-stream';
import { EntrySink, ScanHeader, TarScanner } from './tarScan';

export type LayerEntryType = 'file' | 'directory' | 'symlink' | 'link' | 'other';

export interface LayerEntry {
  /** Relative, without "./" or a trailing slash: "usr/bin/env". */
  path: string;
  type: LayerEntryType;
  size: number;
  /** A whiteout (".wh.NAME") deletes `path`; an opaque one (".wh..wh..opq") empties the folder `path`. */
  whiteout?: 'path' | 'opaque';
  linkTarget?: string;
}

export interface ReadLayer {
  /** "sha256:…" of the layer's uncompressed tar. */
  diffId: string;
  /** Where this layer's tar sits in the saved archive (to read one of its files again). */
  archiveName: string;
  entries: LayerEntry[];
  bytes: number;
}

const whiteoutPrefix = '.wh.';
const opaqueMarker = '.wh..wh..opq';

/** A tar entry name as a clean relative path ("./a/b/" → "a/b"). */
export function cleanEntryPath(name: string): string {
  return name.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.').join('/');
}

/** One header of a layer's tar as a LayerEntry, whiteouts decoded. */
export function toLayerEntry(header: Pick<tar.Header, 'name' | 'type' | 'size' | 'linkname'>): LayerEntry {
  const path = cleanEntryPath(header.name);
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === opaqueMarker) return { path: dir, type: 'directory', size: 0, whiteout: 'opaque' };
  if (base.startsWith(whiteoutPrefix)) {
    return { path: dir ? `${dir}/${base.slice(whiteoutPrefix.length)}` : base.slice(whiteoutPrefix.length), type: 'other', size: 0, whiteout: 'path' };
  }
  const type: LayerEntryType = header.type === 'file' || header.type === 'contiguous-file' ? 'file'
    : header.type === 'directory' || header.type === 'symlink' || header.type === 'link' ? header.type : 'other';
  return { path, type, size: type === 'file' ? header.size ?? 0 : 0, linkTarget: header.linkname ?? undefined };
}

/** Outer entries that may hold a layer or the image's config: `…/layer.tar` or `<diff id>.tar`, `<id>.json`, an OCI blob. */
function kindOf(header: ScanHeader): 'layer' | 'json' | 'blob' | undefined {
  if (header.flag !== '0' && header.flag !== '7') return undefined;
  if (header.name.endsWith('/layer.tar')) return 'layer';
  // Podman's archive holds each layer once as `<diff id>.tar`, its `<id>/layer.tar` being a symlink to it.
  if (/^[0-9a-f]{64}\.tar$/.test(header.name)) return 'layer';
  if (/^[0-9a-f]{64}\.json$/.test(header.name)) return 'json';
  return header.name.startsWith('blobs/sha256/') ? 'blob' : undefined;
}

/** What of the image's config matters here: which history rows made no layer. */
export interface SavedConfig {
  history?: { empty_layer?: boolean }[];
  rootfs?: { diff_ids?: string[] };
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** The image's config, when the archive holds it (before or after the layers). */
  onConfig?: (config: SavedConfig) => void;
}

const maxConfigBytes = 4 * 1024 * 1024;

function parseConfig(text: string): SavedConfig | undefined {
  try {
    const json = JSON.parse(text) as SavedConfig;
    return json && typeof json === 'object' && json.rootfs ? json : undefined;
  } catch {
    return undefined;
  }
}

const flagTypes: Record<string, LayerEntryType> = { '0': 'file', '7': 'file', '5': 'directory', '2': 'symlink', '1': 'link' };

/** A layer tar's body: hashed, and its headers listed (bodies skipped). A body that is not a tar lists nothing. */
function layerSink(archiveName: string, onLayer: (layer: ReadLayer) => void): EntrySink {
  const hash = createHash('sha256');
  const entries: LayerEntry[] = [];
  let bytes = 0;
  let isTar = true;
  const inner = new TarScanner((h) => {
    entries.push(toLayerEntry({ name: h.name, type: flagTypes[h.flag] ?? 'other', size: h.size, linkname: h.linkname || undefined } as tar.Header));
    return undefined;
  });
  return {
    write(chunk) {
      hash.update(chunk);
      bytes += chunk.length;
      if (!isTar) return;
      try {
        inner.push(chunk);
      } catch {
        isTar = false;
      }
    },
    end() {
      onLayer({ diffId: `sha256:${hash.digest('hex')}`, archiveName, entries: isTar ? entries : [], bytes });
    },
  };
}

/** A small JSON body (the config); kept only when it parses as one. */
function configSink(onConfig: (config: SavedConfig) => void): EntrySink {
  const chunks: Buffer[] = [];
  return {
    write: (chunk) => void chunks.push(Buffer.from(chunk)),
    end() {
      const config = parseConfig(Buffer.concat(chunks).toString('utf8'));
      if (config) onConfig(config);
    },
  };
}

/** An OCI blob: a config when its body starts with "{", a layer otherwise. */
function blobSink(name: string, size: number, onLayer: (layer: ReadLayer) => void, onConfig: (config: SavedConfig) => void): EntrySink {
  let chosen: EntrySink | undefined;
  return {
    write(chunk) {
      chosen ??= chunk[0] === 0x7b && size <= maxConfigBytes ? configSink(onConfig) : layerSink(name, onLayer);
      chosen.write(chunk);
    },
    end: () => chosen?.end(),
  };
}

/**
 * Streams `archive` to its end, calling `onLayer` for each layer tar found. Memory holds
 * one chunk of the archive and the entry lists, never a file's content.
 */
export async function readSavedLayers(archive: Readable, onLayer: (layer: ReadLayer) => void, options: ReadOptions = {}): Promise<void> {
  const onConfig = options.onConfig ?? (() => undefined);
  const outer = new TarScanner((header) => {
    const kind = kindOf(header);
    if (kind === 'layer') return layerSink(header.name, onLayer);
    if (kind === 'json' && header.size <= maxConfigBytes) return configSink(onConfig);
    if (kind === 'blob') return blobSink(header.name, header.size, onLayer, onConfig);
    return undefined;
  });
  // Flowing mode, not for-await: the scanner is synchronous, and an async iterator over a
  // 16 KB-buffered response halves the throughput of a gigabyte archive.
  await new Promise<void>((resolve, reject) => {
    const abort = (): void => {
      archive.destroy(new Error(l10n.t('The layer listing was cancelled.')));
    };
    const finish = (error?: unknown): void => {
      options.signal?.removeEventListener('abort', abort);
      archive.off('data', onData);
      archive.destroy();
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer): void => {
      try {
        outer.push(chunk);
      } catch (error) {
        finish(error);
        return;
      }
      if (outer.done) finish();
    };
    if (options.signal?.aborted) {
      finish(new Error(l10n.t('The layer listing was cancelled.')));
      return;
    }
    options.signal?.addEventListener('abort', abort, { once: true });
    archive.on('data', onData);
    archive.once('end', () => finish());
    archive.once('error', (error) => finish(error));
    archive.once('close', () => finish(outer.done ? undefined : new Error(l10n.t('The engine closed the image archive before its end.'))));
  });
}

/**
 * The content of one file of one layer: streams the archive to that layer's tar and
 * that file, and stops there. Refuses files larger than `maxBytes`.
 */
export async function readLayerFile(archive: Readable, archiveName: string, filePath: string, maxBytes: number): Promise<Buffer> {
  const outer = tar.extract();
  archive.on('error', (error) => outer.destroy(error));
  archive.pipe(outer as unknown as Writable);
  const wanted = cleanEntryPath(filePath);
  try {
    for await (const entry of outer) {
      if (entry.header.name !== archiveName) {
        entry.resume();
        continue;
      }
      const inner = tar.extract();
      const feeding = (async () => {
        for await (const chunk of entry) if (!inner.write(chunk)) await new Promise<void>((resolve) => inner.once('drain', () => resolve()));
        inner.end(undefined);
      })();
      // Once the file is found the archive is closed under the feeder: that is not an error.
      feeding.catch(() => undefined);
      for await (const e of inner) {
        if (cleanEntryPath(e.header.name) !== wanted || e.header.type !== 'file') {
          e.resume();
          continue;
        }
        if ((e.header.size ?? 0) > maxBytes) throw new RangeError(l10n.t('The file is {0} bytes, more than the {1} bytes Berth opens in an editor.', e.header.size ?? 0, maxBytes));
        const chunks: Buffer[] = [];
        for await (const chunk of e) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      }
      await feeding;
      break;
    }
    throw new Error(l10n.t('{0} is not a file of this layer.', wanted));
  } finally {
    archive.destroy();
    outer.destroy();
  }
}
