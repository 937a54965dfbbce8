/**
 * Turns each container's samples into what a chart draws: one shared time axis (whole
 * seconds, as uPlot wants one x array for all series) and one series per container.
 * CPU and memory are levels; network and block I/O are cumulative counters, drawn as
 * bytes per second between consecutive samples. A hole (the panel was hidden, so its
 * streams were closed; a restart reset a counter) stays a hole instead of a false line.
 * Pure: the webview script and the unit tests use the same functions.
 */
import type { StatsPoint } from './protocol';

export type Metric = 'cpu' | 'mem' | 'net' | 'block';

/** Samples further apart than this do not make a rate or a line: the stream was not open between them. */
export const maxSampleGapMs = 5000;

interface Value {
  t: number;
  v: number | null;
}

/** Bytes per second between consecutive samples; null after a gap or when a counter went back (restart). */
export function rateSeries(points: readonly StatsPoint[], counter: (p: StatsPoint) => number): Value[] {
  const out: Value[] = [];
  for (let i = 1; i < points.length; i++) {
    const dt = points[i].t - points[i - 1].t;
    const delta = counter(points[i]) - counter(points[i - 1]);
    out.push({ t: points[i].t, v: dt > 0 && dt <= maxSampleGapMs && delta >= 0 ? (delta * 1000) / dt : null });
  }
  return out;
}

export function metricValues(points: readonly StatsPoint[], metric: Metric): Value[] {
  switch (metric) {
    case 'cpu': return points.map((p) => ({ t: p.t, v: p.cpu }));
    case 'mem': return points.map((p) => ({ t: p.t, v: p.mem }));
    case 'net': return rateSeries(points, (p) => p.netRx + p.netTx);
    default: return rateSeries(points, (p) => p.blockRead + p.blockWrite);
  }
}

export interface AlignedData {
  /** Unix seconds, one per whole second from the first sample in the window to the last. */
  x: number[];
  /** One series per container, in the order given; null where there is no value. */
  ys: (number | null)[][];
}

/**
 * Aligns the containers' values on whole seconds within `windowMs` before `now`. A second
 * with no sample of a container repeats its previous value when that sample is recent
 * (streams send about one a second, with jitter), and is null after a real gap.
 */
export function alignSeries(series: readonly Value[][], now: number, windowMs: number): AlignedData {
  const from = Math.floor((now - windowMs) / 1000);
  let first = Infinity;
  let last = -Infinity;
  for (const values of series) {
    for (const { t } of values) {
      const s = Math.floor(t / 1000);
      if (s < from) continue;
      first = Math.min(first, s);
      last = Math.max(last, s);
    }
  }
  if (first > last) return { x: [], ys: series.map(() => []) };
  const x: number[] = [];
  for (let s = first; s <= last; s++) x.push(s);
  const ys = series.map((values) => {
    const y: (number | null)[] = new Array(x.length).fill(null);
    const seen: boolean[] = new Array(x.length).fill(false);
    for (const { t, v } of values) {
      const i = Math.floor(t / 1000) - first;
      if (i < 0 || i >= x.length) continue;
      y[i] = v;
      seen[i] = true;
    }
    // Fill jitter holes from the sample before, but never across a gap longer than a stream's pace.
    let lastSeen = -Infinity;
    for (let i = 0; i < x.length; i++) {
      if (seen[i]) lastSeen = i;
      else if (i - lastSeen <= Math.floor(maxSampleGapMs / 2000) && lastSeen >= 0) y[i] = y[lastSeen];
    }
    return y;
  });
  return { x, ys };
}

/** The newest sample time among all containers (the charts' right edge), or undefined. */
export function newestTime(history: Record<string, readonly StatsPoint[]>): number | undefined {
  let newest: number | undefined;
  for (const points of Object.values(history)) {
    const t = points.at(-1)?.t;
    if (t !== undefined && (newest === undefined || t > newest)) newest = t;
  }
  return newest;
}

/** Table sorting: the value a column sorts by for one container (undefined sorts last). */
export type SortKey = 'name' | 'id' | 'cpu' | 'mem' | 'memPercent' | 'net' | 'block' | 'pids';

export function sortValue(key: SortKey, member: { id: string; name: string }, latest: StatsPoint | undefined): string | number | undefined {
  switch (key) {
    case 'name': return member.name;
    case 'id': return member.id;
    case 'cpu': return latest?.cpu;
    case 'mem': return latest?.mem;
    case 'memPercent': return latest?.memPercent;
    case 'net': return latest && latest.netRx + latest.netTx;
    case 'block': return latest && latest.blockRead + latest.blockWrite;
    default: return latest?.pids;
  }
}

/** Members ordered by a column; ties and missing values by name, missing values last either way. */
export function sortMembers<M extends { id: string; name: string }>(members: readonly M[], key: SortKey, descending: boolean, latest: (id: string) => StatsPoint | undefined): M[] {
  return [...members].sort((a, b) => {
    const va = sortValue(key, a, latest(a.id));
    const vb = sortValue(key, b, latest(b.id));
    if (va === undefined || vb === undefined) {
      if (va !== vb) return va === undefined ? 1 : -1;
      return a.name.localeCompare(b.name);
    }
    const order = typeof va === 'string' && typeof vb === 'string' ? va.localeCompare(vb) : Number(va) - Number(vb);
    return (descending ? -order : order) || a.name.localeCompare(b.name);
  });
}
