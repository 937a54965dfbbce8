/**
 * The files of an image's layers, read once per image from its saved archive and kept
 * for the last few images looked at. A layer's report waits only for the layers below
 * it (what it added, changed or removed depends on them), never for the whole archive.
 * No vscode here: the tree and the read-only file system sit on top.
 */
import * as l10n from '@vscode/l10n';
import type { Readable } from 'node:stream';
import { analyseLayers, historyToDiffIndex, HistoryRow, ImageFilesReport, LayerReport } from './analysis';
import { readLayerFile, readSavedLayers, ReadLayer, SavedConfig } from './archive';

/** The two engine calls this needs (the engine layer's `images` has them). */
export interface LayerEngine {
  save(refs: string[], signal?: AbortSignal): Promise<Readable>;
  inspect(ref: string): Promise<{ raw: Record<string, unknown> }>;
}

export interface LayerView {
  /**
   * False while layers below this one are still being read: the files are this layer's,
   * but "changed" cannot yet be told from "added" (all show as added; removals are known).
   */
  complete: boolean;
  report: LayerReport;
  /** Every layer's report, once the whole archive was read. */
  image?: ImageFilesReport;
  layerCount: number;
}

interface Waiter {
  index: number;
  /** Answer as soon as this layer itself is read, before the layers below it. */
  partial: boolean;
  resolve(view: LayerView): void;
  reject(error: unknown): void;
}

class Listing {
  readonly read: (ReadLayer | undefined)[];
  private readonly waiters: Waiter[] = [];
  private readonly reports = new Map<number, ImageFilesReport>();
  private whole?: ImageFilesReport;
  private failure?: unknown;
  private finished = false;
  readonly controller = new AbortController();
  /** The config's `empty_layer` flags (base first), once the archive gave them; undefined when it holds none. */
  readonly emptyFlags: Promise<boolean[] | undefined>;
  knownFlags?: boolean[];
  private settleFlags!: (flags: boolean[] | undefined) => void;

  constructor(readonly diffIds: readonly string[]) {
    this.read = diffIds.map(() => undefined);
    this.emptyFlags = new Promise((resolve) => (this.settleFlags = resolve));
  }

  config(config: SavedConfig): void {
    if (!config.history) return;
    this.knownFlags = config.history.map((h) => h.empty_layer === true);
    this.settleFlags(this.knownFlags);
  }

  /** Layers 0..n-1 are in. */
  private get prefix(): number {
    const gap = this.read.findIndex((l) => l === undefined);
    return gap < 0 ? this.read.length : gap;
  }

  add(layer: ReadLayer): void {
    // The same layer tar can sit at two places of one image (two identical steps).
    const index = this.diffIds.findIndex((id, i) => id === layer.diffId && this.read[i] === undefined);
    if (index < 0) return;
    this.read[index] = layer;
    this.settle();
  }

  finish(error?: unknown): void {
    this.finished = true;
    this.settleFlags(this.knownFlags);
    if (error !== undefined) this.failure = error;
    else if (this.prefix < this.read.length) this.failure = new Error(l10n.t('The engine\'s archive of this image holds {0} of its {1} layers.', this.read.filter(Boolean).length, this.read.length));
    this.settle();
  }

  view(index: number, partial = false): Promise<LayerView> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ index, partial, resolve, reject });
      this.settle();
    });
  }

  /** Called when more layers became complete (their changes known). */
  onProgress?: () => void;
  private lastPrefix = 0;

  private reportUpTo(count: number): ImageFilesReport {
    if (count === this.read.length && this.whole) return this.whole;
    let report = this.reports.get(count);
    if (!report) {
      report = analyseLayers(this.read.slice(0, count).map((l) => l!.entries));
      if (count === this.read.length) this.whole = report;
      else this.reports.set(count, report);
    }
    return report;
  }

  private settle(): void {
    const ready = this.prefix;
    for (const waiter of [...this.waiters]) {
      if (waiter.index < 0 || waiter.index >= this.read.length) {
        this.drop(waiter);
        waiter.reject(new Error(l10n.t('This image has {0} layers; there is no layer {1}.', this.read.length, waiter.index + 1)));
      } else if (waiter.index < ready) {
        this.drop(waiter);
        // While later layers are still being read, a report knows nothing of them yet.
        const image = ready === this.read.length ? this.reportUpTo(ready) : undefined;
        waiter.resolve({ complete: true, report: (image ?? this.reportUpTo(waiter.index + 1)).layers[waiter.index], image, layerCount: this.read.length });
      } else if (waiter.partial && this.read[waiter.index]) {
        this.drop(waiter);
        const alone = analyseLayers([this.read[waiter.index]!.entries]).layers[0];
        waiter.resolve({ complete: false, report: { ...alone, index: waiter.index }, layerCount: this.read.length });
      } else if (this.finished) {
        this.drop(waiter);
        waiter.reject(this.failure ?? new Error(l10n.t('The image archive ended early.')));
      }
    }
    if (ready === this.read.length) this.reports.clear();
    if (ready > this.lastPrefix) {
      this.lastPrefix = ready;
      this.onProgress?.();
    }
  }

  private drop(waiter: Waiter): void {
    this.waiters.splice(this.waiters.indexOf(waiter), 1);
  }
}

export class ImageLayerFiles {
  private readonly listings = new Map<string, Listing>();

  constructor(private readonly engine: () => LayerEngine, private readonly keep = 3) {}

  /**
   * What layer `diffIndex` (base first) of `imageId` holds; starts reading the archive when
   * needed. `partial`: answer once this layer is read, before the ones below it are.
   */
  async layer(imageId: string, diffIndex: number, options: { partial?: boolean } = {}): Promise<LayerView> {
    return (await this.listing(imageId)).view(diffIndex, options.partial);
  }

  private readonly progressListeners = new Set<(imageId: string) => void>();

  /** Listens for layers whose changes became known (a partial answer can now be completed). */
  onProgress(listener: (imageId: string) => void): { dispose(): void } {
    this.progressListeners.add(listener);
    return { dispose: () => this.progressListeners.delete(listener) };
  }

  /**
   * Which layer (base first) each history row (newest first) made. Most images say it
   * from sizes alone; otherwise the config in the archive does.
   */
  async layersOfRows(imageId: string, history: readonly HistoryRow[]): Promise<(number | undefined)[]> {
    const listing = await this.listing(imageId);
    const count = listing.diffIds.length;
    const mapping = historyToDiffIndex(history, count, listing.knownFlags) ?? historyToDiffIndex(history, count, await listing.emptyFlags);
    if (!mapping) throw new Error(l10n.t('Berth cannot tell which of this image\'s {0} layers each step made.', count));
    return mapping;
  }

  /** Where a layer's tar sits in the archive, once it was read. */
  archiveNameOf(imageId: string, diffIndex: number): string | undefined {
    return this.listings.get(imageId)?.read[diffIndex]?.archiveName;
  }

  /** One file of one layer, read from a fresh archive stream. */
  async readFile(imageId: string, diffIndex: number, filePath: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
    await this.layer(imageId, diffIndex);
    const name = this.archiveNameOf(imageId, diffIndex);
    if (!name) throw new Error(l10n.t('Layer {0} of this image was not found in its archive.', diffIndex + 1));
    return readLayerFile(await this.engine().save([imageId], signal), name, filePath, maxBytes);
  }

  /** Drops what was read (all images, or one): the next look reads the archive again. */
  forget(imageId?: string): void {
    for (const [id, listing] of this.listings) {
      if (imageId && id !== imageId) continue;
      listing.controller.abort();
      this.listings.delete(id);
    }
  }

  dispose(): void {
    this.forget();
  }

  private pending = new Map<string, Promise<Listing>>();

  private listing(imageId: string): Promise<Listing> {
    const known = this.listings.get(imageId);
    if (known) {
      // Most recently used last.
      this.listings.delete(imageId);
      this.listings.set(imageId, known);
      return Promise.resolve(known);
    }
    let starting = this.pending.get(imageId);
    if (!starting) {
      starting = this.start(imageId).finally(() => this.pending.delete(imageId));
      this.pending.set(imageId, starting);
    }
    return starting;
  }

  private async start(imageId: string): Promise<Listing> {
    const inspect = await this.engine().inspect(imageId);
    const rootFs = (inspect.raw.RootFS ?? {}) as { Layers?: string[] };
    const listing = new Listing(rootFs.Layers ?? []);
    listing.onProgress = () => {
      for (const listener of this.progressListeners) listener(imageId);
    };
    this.listings.set(imageId, listing);
    while (this.listings.size > this.keep) this.forget(this.listings.keys().next().value);
    const { signal } = listing.controller;
    void this.engine().save([imageId], signal)
      .then((archive) => readSavedLayers(archive, (layer) => listing.add(layer), { signal, onConfig: (config) => listing.config(config) }))
      .then(() => listing.finish(), (error: unknown) => {
        listing.finish(error);
        // A failed read is not kept: the next look tries again.
        if (this.listings.get(imageId) === listing) this.listings.delete(imageId);
      });
    return listing;
  }
}
