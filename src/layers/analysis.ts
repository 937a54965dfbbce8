/**
 * What each layer of an image did to the filesystem, as `dive` shows it: files added,
 * changed and removed (whiteouts), which layer last wrote each file, and the bytes a
 * layer carries that later layers overwrite or delete ("wasted": they are downloaded
 * and stored but not in the final image). Pure: layers in, report out.
 */
import type { LayerEntry, LayerEntryType } from './archive';

export type LayerChange = 'added' | 'changed' | 'removed';

export interface LayerFile {
  path: string;
  type: LayerEntryType;
  size: number;
  change: LayerChange;
  linkTarget?: string;
  /** The index of the later layer that overwrote or removed this file; undefined: it is in the final image. */
  replacedBy?: number;
}

export interface LayerReport {
  index: number;
  files: LayerFile[];
  /** Bytes of files this layer adds or changes. */
  bytes: number;
  /** Bytes of this layer's files that later layers overwrite or remove. */
  wastedBytes: number;
}

export interface ImageFilesReport {
  layers: LayerReport[];
  wastedBytes: number;
  /** Each path of the final image and the index of the layer that last wrote it. */
  lastWriter: Map<string, number>;
}

interface Current {
  layer: number;
  file: LayerFile;
}

/** Layers in order, base first. A layer's report is final once every earlier layer is in. */
export function analyseLayers(layers: readonly (readonly LayerEntry[])[]): ImageFilesReport {
  const current = new Map<string, Current>();
  const reports: LayerReport[] = [];
  const replace = (path: string, by: number): Current | undefined => {
    const was = current.get(path);
    if (!was) return undefined;
    current.delete(path);
    if (was.layer !== by) was.file.replacedBy = by;
    return was;
  };
  const under = (folder: string): string[] => {
    const prefix = folder === '' ? '' : `${folder}/`;
    return [...current.keys()].filter((p) => p.startsWith(prefix) && p !== folder);
  };
  layers.forEach((entries, index) => {
    const files: LayerFile[] = [];
    // Whiteouts apply to what lower layers hold, whatever their place in this tar.
    for (const e of entries) {
      if (e.whiteout === 'opaque') {
        for (const p of under(e.path)) if (current.get(p)!.layer !== index) replace(p, index);
      } else if (e.whiteout === 'path') {
        const was = current.get(e.path);
        for (const p of under(e.path)) replace(p, index);
        replace(e.path, index);
        files.push({ path: e.path, type: was?.file.type ?? 'other', size: was?.file.size ?? 0, change: 'removed' });
      }
    }
    for (const e of entries) {
      if (e.whiteout || e.path === '') continue;
      const was = current.get(e.path);
      // A folder that is already there is listed again by every layer that writes below it.
      if (e.type === 'directory' && was?.file.type === 'directory') continue;
      if (was) replace(e.path, index);
      const file: LayerFile = { path: e.path, type: e.type, size: e.size, change: was ? 'changed' : 'added', linkTarget: e.linkTarget };
      files.push(file);
      current.set(e.path, { layer: index, file });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    reports.push({ index, files, bytes: files.reduce((sum, f) => sum + (f.change === 'removed' ? 0 : f.size), 0), wastedBytes: 0 });
  });
  let wastedBytes = 0;
  for (const report of reports) {
    report.wastedBytes = report.files.reduce((sum, f) => sum + (f.change !== 'removed' && f.replacedBy !== undefined ? f.size : 0), 0);
    wastedBytes += report.wastedBytes;
  }
  const lastWriter = new Map<string, number>();
  for (const [path, at] of current) lastWriter.set(path, at.layer);
  return { layers: reports, wastedBytes, lastWriter };
}

/** A history row as the engine lists it (newest first). */
export interface HistoryRow {
  size: number;
  createdBy: string;
}

/** Whether a history row can have made a layer tar: the classic builder marks metadata-only steps "#(nop)". */
export function mayMakeLayer(row: HistoryRow): boolean {
  return row.size > 0 || !/#\(nop\)/.test(row.createdBy);
}

/**
 * Which history rows (newest first) made which layer tar (index into the image's diff
 * ids, base first); undefined for rows that made none (ENV, CMD, …). The config's
 * `empty_layer` flags (base first) say it exactly; without them, rows with bytes made
 * one, and so did zero-byte steps that are not "#(nop)" (a `RUN rm` only adds
 * whiteouts), which is exact when the count comes out right. Undefined: cannot tell.
 */
export function historyToDiffIndex(history: readonly HistoryRow[], diffIdCount: number, emptyLayerFlags?: readonly boolean[]): (number | undefined)[] | undefined {
  const baseFirst = [...history].reverse();
  const guesses = emptyLayerFlags && emptyLayerFlags.length === baseFirst.length
    ? [emptyLayerFlags.map((empty) => !empty)]
    : [baseFirst.map((h) => h.size > 0), baseFirst.map(mayMakeLayer)];
  for (const carries of guesses) {
    if (carries.filter(Boolean).length !== diffIdCount) continue;
    let next = 0;
    return carries.map((c) => (c ? next++ : undefined)).reverse();
  }
  return undefined;
}
