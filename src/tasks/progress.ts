/**
 * Pull and push progress as a pure accumulator: the engine's per-layer messages
 * ("Pushing" with current/total, "Pushed", "Layer already exists", "Pull complete")
 * become one line of totals: layers done of layers seen, bytes moved of bytes known.
 */
import * as l10n from '@vscode/l10n';
/** The fields of the engine's progress messages this reads (the engine layer's ProgressEvent has them). */
export interface TransferEvent {
  id?: string;
  status?: string;
  current?: number;
  total?: number;
  aux?: Record<string, unknown>;
}

export interface LayerState {
  id: string;
  status: string;
  current: number;
  total: number;
  done: boolean;
}

const doneStatuses = /^(Pushed|Layer already exists|Pull complete|Already exists|Mounted from .*)$/;
const layerId = /^[0-9a-f]{12}$/;

export class TransferProgress {
  readonly layers = new Map<string, LayerState>();
  digest: string | undefined;

  /** Takes one engine message; returns true when the totals changed. */
  update(event: TransferEvent): boolean {
    const digest = event.aux && typeof event.aux.Digest === 'string' ? event.aux.Digest : /digest: (sha256:[0-9a-f]{64})/.exec(event.status ?? '')?.[1];
    if (digest) this.digest = digest;
    if (!event.id || !layerId.test(event.id) || !event.status) return Boolean(digest);
    const layer = this.layers.get(event.id) ?? { id: event.id, status: '', current: 0, total: 0, done: false };
    layer.status = event.status;
    if (event.total !== undefined && event.total > 0) layer.total = event.total;
    if (event.current !== undefined) layer.current = event.current;
    if (doneStatuses.test(event.status)) {
      layer.done = true;
      if (layer.total > 0) layer.current = layer.total;
    }
    this.layers.set(event.id, layer);
    return true;
  }

  get done(): number {
    return [...this.layers.values()].filter((l) => l.done).length;
  }

  get bytes(): { current: number; total: number } {
    let current = 0;
    let total = 0;
    for (const layer of this.layers.values()) {
      current += layer.current;
      total += layer.total;
    }
    return { current, total };
  }

  /** "3/5 layers, 12.4 MB / 40.1 MB". */
  summary(formatSize: (bytes: number) => string): string {
    const { current, total } = this.bytes;
    const bytes = total > 0 ? `, ${formatSize(current)} / ${formatSize(total)}` : '';
    return `${l10n.t('{0}/{1} layers', this.done, this.layers.size)}${bytes}`;
  }
}
