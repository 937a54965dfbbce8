/**
 * The last minutes of samples per container, kept in the extension host so a webview
 * that was hidden (and so destroyed) shows its graphs again at once. Bounded by time:
 * samples older than the window are dropped as new ones arrive, so memory per container
 * stays at about one sample a second for the window. Pure: no vscode.
 */
import type { ContainerStats } from '../engine/types';
import type { StatsPoint } from './protocol';

/**
 * A sample the engine sent without reading anything: a stopped container's stream goes on
 * sending these (engine 20.10) until the panel, told by the Containers store, closes it.
 */
export function isEmptySample(stats: ContainerStats): boolean {
  const read = Date.parse(stats.read);
  return !(read > 0);
}

/** A sample without the engine's raw JSON; `fallbackTime` when the engine sent no read time. */
export function toPoint(stats: ContainerStats, fallbackTime: number): StatsPoint {
  const read = Date.parse(stats.read);
  // The engine sends "0001-01-01T00:00:00Z" as the read time of a sample it could not take.
  const t = Number.isFinite(read) && read > 0 ? read : fallbackTime;
  return {
    t,
    cpu: stats.cpuPercent,
    mem: stats.memoryUsage,
    memLimit: stats.memoryLimit,
    memPercent: stats.memoryPercent,
    netRx: stats.networkRx,
    netTx: stats.networkTx,
    blockRead: stats.blockRead,
    blockWrite: stats.blockWrite,
    pids: stats.pids,
  };
}

export class StatsHistory {
  private readonly byId = new Map<string, StatsPoint[]>();

  constructor(private windowMs: number) {}

  get window(): number {
    return this.windowMs;
  }

  setWindow(ms: number): void {
    this.windowMs = ms;
    for (const points of this.byId.values()) this.trim(points);
  }

  add(id: string, point: StatsPoint): void {
    let points = this.byId.get(id);
    if (!points) this.byId.set(id, (points = []));
    // Samples of one stream come in order; one from a reopened stream never goes back in time.
    if (points.length && point.t < points[points.length - 1].t) return;
    points.push(point);
    this.trim(points);
  }

  points(id: string): readonly StatsPoint[] {
    return this.byId.get(id) ?? [];
  }

  latest(id: string): StatsPoint | undefined {
    return this.byId.get(id)?.at(-1);
  }

  /** Keeps only these containers' samples (the others left the panel). */
  keepOnly(ids: Iterable<string>): void {
    const keep = new Set(ids);
    for (const id of this.byId.keys()) if (!keep.has(id)) this.byId.delete(id);
  }

  snapshot(): Record<string, StatsPoint[]> {
    return Object.fromEntries([...this.byId].map(([id, points]) => [id, [...points]]));
  }

  get sampleCount(): number {
    let count = 0;
    for (const points of this.byId.values()) count += points.length;
    return count;
  }

  private trim(points: StatsPoint[]): void {
    const newest = points[points.length - 1]?.t ?? 0;
    let drop = 0;
    while (drop < points.length && points[drop].t < newest - this.windowMs) drop++;
    if (drop) points.splice(0, drop);
  }
}
