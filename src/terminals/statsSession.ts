/**
 * Live stats as a terminal table like `docker stats`, redrawn in place every second,
 * for one container or every running one (following starts and stops). Chosen over a
 * webview: it reads at a glance, needs no HTML or CSP, works the same over remote
 * connections and in tests (the table is the text the terminal got), and costs nothing
 * when hidden. Each container's stats stream is destroyed when the terminal closes.
 */
import * as l10n from '@vscode/l10n';
import type { TerminalStreams } from './engineStreams';
import { Session, SessionKind } from './session';
import type { ContainerStats } from '../engine/types';
import { statsHeaders, statsRow } from './stats';
import { renderTable, screenFrame } from './table';

interface Tracked {
  id: string;
  name: string;
  abort: AbortController;
  streaming: boolean;
  values?: ContainerStats;
  samples: number;
  ended?: boolean;
}

export class StatsSession extends Session {
  readonly kind: SessionKind = 'stats';
  readonly tracked = new Map<string, Tracked>();
  private events: { stop(): Promise<void> } | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** How many frames were drawn (tests wait on it). */
  frames = 0;

  /** `only` set: that container; otherwise every running container. */
  constructor(private readonly engine: TerminalStreams, readonly only?: { id: string; name: string }) {
    super(only ? l10n.t('Stats: {0}', only.name) : l10n.t('Stats: all running'));
  }

  get openStreams(): number {
    return [...this.tracked.values()].filter((t) => t.streaming).length;
  }

  protected async start(): Promise<void> {
    this.write('\x1b[?25l');
    if (this.only) {
      this.track(this.only.id, this.only.name);
    } else {
      this.events = this.engine.containerEvents([], (event) => {
        if (event.action === 'start') void this.addById(event.id);
        else if (event.action === 'die' || event.action === 'destroy') this.untrack(event.id);
      });
      for (const c of await this.engine.listRunning()) this.track(c.id, c.name);
    }
    this.render();
    this.timer = setInterval(() => this.render(), 1000);
  }

  private async addById(id: string): Promise<void> {
    const details = await this.engine.inspect(id).catch(() => undefined);
    if (details?.running && !this.closed) this.track(details.id, details.name);
  }

  private track(id: string, name: string): void {
    if (this.tracked.has(id) || this.closed) return;
    const entry: Tracked = { id, name, abort: new AbortController(), streaming: true, samples: 0 };
    this.tracked.set(id, entry);
    void (async () => {
      try {
        for await (const sample of this.engine.stats(id, entry.abort.signal)) {
          entry.values = sample;
          entry.samples++;
          if (entry.samples === 1) this.render();
        }
      } catch {
        // The container went away or the engine dropped the stream: the row shows dashes.
      } finally {
        entry.streaming = false;
        entry.ended = true;
        entry.values = undefined;
        if (this.only && !this.closed) this.render();
      }
    })();
  }

  private untrack(id: string): void {
    const entry = this.tracked.get(id);
    if (!entry) return;
    entry.abort.abort();
    this.tracked.delete(id);
  }

  /** The table as rows of cells (tests read these next to the terminal text). */
  rows(): string[][] {
    return [...this.tracked.values()].sort((a, b) => a.name.localeCompare(b.name)).map((t) => statsRow(t.id, t.name, t.values));
  }

  private render(): void {
    if (this.closed) return;
    this.frames++;
    const rows = this.rows();
    const title = this.only
      ? (this.tracked.get(this.only.id)?.ended
        ? l10n.t('Stats of {0} (not running) · {1} · q closes', this.only.name, new Date().toLocaleTimeString())
        : l10n.t('Stats of {0} · {1} · q closes', this.only.name, new Date().toLocaleTimeString()))
      : rows.length === 1
        ? l10n.t('Stats of {0} running container · {1} · q closes', rows.length, new Date().toLocaleTimeString())
        : l10n.t('Stats of {0} running containers · {1} · q closes', rows.length, new Date().toLocaleTimeString());
    this.write(screenFrame([title, '', ...renderTable(statsHeaders, rows, { width: this.dimensions?.columns })]));
  }

  protected override resized(): void {
    this.render();
  }

  protected override input(data: string): void {
    if (data === 'q' || data === '\x03') this.closeTerminal();
  }

  protected teardown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    void this.events?.stop();
    for (const entry of this.tracked.values()) entry.abort.abort();
    if (!this.closed) this.write('\x1b[?25h');
  }
}
