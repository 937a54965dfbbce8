/**
 * One stats panel: a webview with live graphs and a sortable table for a scope (one
 * container, a compose project, or all). Its StatsStreamer streams one stats connection
 * per shown container while the panel is visible, keeps the last minutes of samples,
 * and sends the webview batches of new samples. Hidden, its webview is thrown
 * away (no retainContextWhenHidden) and every stream is closed; shown again, it reopens
 * them and hands the new webview the history it kept.
 *
 * The page loads only the bundled script and style from dist/ (statsView.js with uPlot,
 * statsView.css), under the Content-Security-Policy of src/ui/webviewPage.ts (default-src 'none', a nonce).
 */
import * as vscode from 'vscode';
import { statsHistoryMs } from '../config/schema';
import type { BerthContext } from '../context';
import type { ContainerSummary } from '../engine/types';
import type { Store } from '../state/store';
import { escapeHtml, webviewPage } from '../ui/webviewPage';
import type { StatsFeed } from './feed';
import type { StatsHistory } from './history';
import type { FromView, StatsMember, StatsStrings, ToView } from './protocol';
import { emptyNote, scopeMembers, scopeTitle, StatsScope } from './scope';
import { StatsStreamer } from './streamer';

export const statsViewType = 'berth.stats';
let opened = 0;

export class StatsPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly streamer: StatsStreamer;
  /** On the page's body as data-view-id, so the host tier finds this panel's page among the webviews. */
  readonly viewId = `berth-stats-${++opened}`;
  /** What the webview last said it drew (tests wait on it). */
  rendered: Extract<FromView, { type: 'rendered' }> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<Extract<FromView, { type: 'rendered' }>>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  disposed = false;

  constructor(
    ctx: BerthContext,
    private readonly containers: Store<ContainerSummary>,
    readonly scope: StatsScope,
  ) {
    this.streamer = new StatsStreamer({
      source: () => ctx.engine.containers,
      windowMs: statsHistoryMs(ctx.config),
      post: (message) => {
        if (this.visible) void this.post(message);
      },
      failed: (member, error) => ctx.log.warn(`Stats of ${member?.name ?? 'a container'} stopped: ${error instanceof Error ? error.message : String(error)}`),
    });
    const dist = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(statsViewType, scopeTitle(scope), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
    });
    this.panel.webview.html = statsPageHtml(this.panel.webview, dist, this.viewId);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: FromView) => this.onMessage(message)),
      this.panel.onDidChangeViewState(({ webviewPanel }) => (webviewPanel.visible ? this.follow() : this.streamer.pause())),
      this.panel.onDidDispose(() => this.dispose()),
      { dispose: containers.onDidChange(() => this.follow()).dispose },
      // Streams opened on the old engine end with it; the stores' restart brings the new members.
      ctx.onDidChangeEngine(() => this.streamer.pause()),
    );
    this.follow();
  }

  get feed(): StatsFeed {
    return this.streamer.feed;
  }

  get history(): StatsHistory {
    return this.streamer.history;
  }

  get members(): StatsMember[] {
    return this.streamer.members;
  }

  get visible(): boolean {
    return !this.disposed && this.panel.visible;
  }

  /** Streams the scope's running containers while visible; tells the webview who is shown. */
  private follow(): void {
    if (!this.visible) return;
    const list = this.containers.current;
    if (list.kind !== 'ready') return;
    const members = scopeMembers(this.scope, list.items);
    if (this.streamer.follow(members)) void this.post({ type: 'members', members, note: emptyNote(this.scope, list.items) });
  }

  private onMessage(message: FromView): void {
    if (message.type === 'ready') {
      const list = this.containers.current;
      const note = list.kind === 'ready' ? emptyNote(this.scope, list.items) : list.kind === 'error' ? vscode.l10n.t('The engine did not answer; see the Containers view.') : undefined;
      void this.post(this.streamer.reset(scopeTitle(this.scope), note));
    } else if (message.type === 'rendered') {
      this.rendered = message;
      this.renderedEmitter.fire(message);
    }
  }

  private post(message: ToView): Thenable<boolean> {
    return this.disposed ? Promise.resolve(false) : this.panel.webview.postMessage(message);
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.streamer.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    this.renderedEmitter.dispose();
  }
}

/** The page: the bundled style and script only, nothing remote. */
function statsPageHtml(webview: vscode.Webview, dist: vscode.Uri, viewId: string): string {
  return webviewPage({
    webview,
    script: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'statsView.js')),
    stylesheet: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'statsView.css')),
    title: vscode.l10n.t('Stats'),
    lang: vscode.env.language,
    bodyAttributes: { 'data-berth-view': 'stats', 'data-view-id': viewId, 'data-strings': JSON.stringify(pageStrings()) },
    body: `<main id="stats" aria-live="polite"><p class="note">${escapeHtml(vscode.l10n.t('Loading stats…'))}</p></main>`,
  });
}

/** The words the page script writes itself, in the editor's language. */
function pageStrings(): StatsStrings {
  return {
    charts: {
      cpu: vscode.l10n.t('CPU %'),
      mem: vscode.l10n.t('Memory (without page cache)'),
      net: vscode.l10n.t('Network I/O (received + sent per second)'),
      block: vscode.l10n.t('Block I/O (read + written per second)'),
    },
    columns: {
      name: vscode.l10n.t('Name'),
      id: vscode.l10n.t('Container ID'),
      cpu: vscode.l10n.t('CPU %'),
      mem: vscode.l10n.t('Mem usage / limit'),
      memPercent: vscode.l10n.t('Mem %'),
      net: vscode.l10n.t('Net I/O (rx / tx)'),
      block: vscode.l10n.t('Block I/O (read / write)'),
      pids: vscode.l10n.t('PIDs'),
    },
    history: vscode.l10n.t('History'),
    summaryOne: vscode.l10n.t('{0} running container · last {1} min'),
    summaryMany: vscode.l10n.t('{0} running containers · last {1} min'),
  };
}
