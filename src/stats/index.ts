/**
 * The stats panels: at most one per scope (opening it again reveals it). The open panels
 * are part of the extension's API, so the host tier reads what each streams and shows.
 */
import * as vscode from 'vscode';
import { BerthConfig, onConfigChange } from '../config';
import { statsHistoryMs } from '../config/schema';
import type { BerthContext } from '../context';
import type { EngineStores } from '../state';
import { StatsPanel } from './panel';
import { scopeKey, StatsScope } from './scope';

export type { StatsScope };
export { StatsPanel };

export class StatsPanels implements vscode.Disposable {
  private readonly open = new Map<string, StatsPanel>();

  constructor(private readonly ctx: BerthContext, private readonly stores: EngineStores) {}

  /** The panels still open. */
  get panels(): StatsPanel[] {
    return [...this.open.values()];
  }

  show(scope: StatsScope): StatsPanel {
    const key = scopeKey(scope);
    const existing = this.open.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = new StatsPanel(this.ctx, this.stores.containers, scope);
    this.open.set(key, panel);
    panel.onDidDispose(() => {
      if (this.open.get(key) === panel) this.open.delete(key);
    });
    // The list may be old (no event since activation): a fresh one decides who is shown.
    void this.stores.containers.refresh();
    return panel;
  }

  /** Applies a changed history setting to open panels (new samples trim to it). */
  updateConfig(config: BerthConfig): void {
    for (const panel of this.open.values()) panel.history.setWindow(statsHistoryMs(config));
  }

  dispose(): void {
    for (const panel of this.open.values()) panel.dispose();
    this.open.clear();
  }
}

export function registerStats(ctx: BerthContext, stores: EngineStores): StatsPanels {
  const panels = new StatsPanels(ctx, stores);
  ctx.extension.subscriptions.push(panels, onConfigChange((config) => panels.updateConfig(config)));
  return panels;
}
