/**
 * The messages between the stats panel (extension host, src/stats/panel.ts) and its
 * webview script (src/stats/webview/main.ts). Plain data only: no vscode, no DOM, so
 * both sides and the unit tests import it.
 */

/** One sample of one container, as the panel keeps and sends it (no raw engine JSON). */
export interface StatsPoint {
  /** When the engine read the sample, epoch milliseconds. */
  t: number;
  /** CPU %, computed like `docker stats` (100 = one CPU busy). */
  cpu: number;
  /** Memory used without the inactive page cache, bytes. */
  mem: number;
  memLimit: number;
  memPercent: number;
  /** Cumulative bytes since the container started; the graphs show their rates. */
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

export interface StatsMember {
  id: string;
  name: string;
}

export type ToView =
  /** Everything, when the webview (re)loads: it keeps nothing while hidden. */
  | { type: 'reset'; title: string; historySeconds: number; members: StatsMember[]; history: Record<string, StatsPoint[]>; note?: string }
  /** The containers shown changed (one started or stopped). */
  | { type: 'members'; members: StatsMember[]; note?: string }
  /** New samples, batched. */
  | { type: 'points'; points: { id: string; point: StatsPoint }[] };

export type FromView =
  /** The script is listening: send the reset. */
  | { type: 'ready' }
  /** The table was drawn (tests wait on it): the rows' container ids in their order. */
  | { type: 'rendered'; rows: string[]; sortKey: string; sortDescending: boolean };

/**
 * The page's words, localized by the extension (the page cannot call vscode.l10n) and put
 * on its body as data-strings; {0}, {1} are filled in by the page.
 */
export interface StatsStrings {
  charts: { cpu: string; mem: string; net: string; block: string };
  columns: { name: string; id: string; cpu: string; mem: string; memPercent: string; net: string; block: string; pids: string };
  /** The charts section's accessible name. */
  history: string;
  /** {0} is always 1; {1} the minutes kept. */
  summaryOne: string;
  /** {0} running containers; {1} the minutes kept. */
  summaryMany: string;
}
