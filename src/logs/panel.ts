/**
 * One log view: a webview panel whose page is built here, under the strict Content-Security-
 * Policy of src/ui/webviewPage.ts (nothing but its own nonce'd, bundled script and style;
 * nothing remote), fed by a LogViewStream. The panel keeps its page while hidden
 * (retainContextWhenHidden): the lines live only there, and a view that follows must not
 * lose them on a tab switch.
 */
import * as vscode from 'vscode';
import type { TerminalStreams } from '../terminals/engineStreams';
import { escapeHtml, webviewPage } from '../ui/webviewPage';
import type { FromView, LogViewStrings, ToView } from './protocol';
import { LogViewRange, LogViewSettings, LogViewStream, LogViewTarget } from './stream';

let opened = 0;

export class LogViewPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly stream: LogViewStream;
  /** On the page's body as data-view-id, so the host tier finds this view's page among the webviews. */
  readonly viewId = `berth-logs-${++opened}`;
  private started = false;
  private disposed = false;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;
  /** Batches the page acknowledged (the host tier waits on them). */
  acks = 0;

  constructor(extensionUri: vscode.Uri, streams: TerminalStreams, readonly title: string, targets: LogViewTarget[], settings: LogViewSettings, range: LogViewRange,
    discover?: (id: string) => Promise<LogViewTarget | undefined>) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel('berth.logView', title, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [dist],
    });
    this.stream = new LogViewStream(streams, targets, settings, range, (message) => this.post(message), {}, discover);
    this.panel.webview.onDidReceiveMessage((message: FromView) => this.onMessage(message));
    this.panel.onDidDispose(() => this.dispose());
    this.panel.webview.html = this.html(this.panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'logView.js')));
  }

  private post(message: ToView): void {
    void this.panel.webview.postMessage(message);
  }

  private onMessage(message: FromView): void {
    if (message.type === 'ack') {
      this.acks++;
      this.stream.ack(message.batch);
    } else if (message.type === 'ready') {
      this.post(this.stream.initMessage(this.title));
      if (!this.started) void this.stream.start();
      this.started = true;
    } else if (message.type === 'range') {
      void this.stream.setRange({ since: String(message.since ?? ''), until: String(message.until ?? '') });
    }
  }

  private html(script: vscode.Uri): string {
    // Each sentence a literal vscode.l10n.t call, so the bundle export finds it.
    const h = escapeHtml;
    return webviewPage({
      webview: this.panel.webview,
      script,
      inlineStyle: styles,
      title: this.title,
      lang: vscode.env.language,
      bodyAttributes: { 'data-berth-view': 'logs', 'data-view-id': this.viewId, 'data-strings': JSON.stringify(pageStrings()) },
      body: `<header class="toolbar">
  <input id="filter" type="search" placeholder="${h(vscode.l10n.t('Filter'))}" aria-label="${h(vscode.l10n.t('Filter lines (text, or a regular expression with .*)'))}" spellcheck="false">
  <button id="regex" type="button" aria-pressed="false" title="${h(vscode.l10n.t('Use Regular Expression'))}">.*</button>
  <label><input id="timestamps" type="checkbox"> ${h(vscode.l10n.t('Timestamps'))}</label>
  <input id="since" class="time" type="text" placeholder="${h(vscode.l10n.t('Since (10m, date)'))}" aria-label="${h(vscode.l10n.t('Since'))}" spellcheck="false">
  <input id="until" class="time" type="text" placeholder="${h(vscode.l10n.t('Until'))}" aria-label="${h(vscode.l10n.t('Until'))}" spellcheck="false">
  <button id="apply" type="button" title="${h(vscode.l10n.t('Fetch the logs again for this range'))}">${h(vscode.l10n.t('Apply'))}</button>
  <span id="status" role="status"></span>
</header>
<div id="message" role="alert" hidden></div>
<div id="dropped" hidden></div>
<div id="viewport" tabindex="0"><div id="spacer"></div><div id="rows"></div></div>
<button id="follow" type="button" hidden>${h(vscode.l10n.t('Follow: jump to the newest line'))}</button>`,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stream.dispose();
    this.panel.dispose();
    this.closed.fire();
    this.closed.dispose();
  }
}

/** The sentences the page script writes itself, in the editor's language. */
function pageStrings(): LogViewStrings {
  return {
    ended: vscode.l10n.t('Ended'),
    following: vscode.l10n.t('Following {0} of {1}'),
    lines: vscode.l10n.t('{0} lines'),
    shown: vscode.l10n.t('{0} shown'),
    droppedOne: vscode.l10n.t('{0} older line dropped: the view keeps the newest {1} (setting berth.logs.maxLines).'),
    droppedMany: vscode.l10n.t('{0} older lines dropped: the view keeps the newest {1} (setting berth.logs.maxLines).'),
    invalidFilter: vscode.l10n.t('The filter is not a valid regular expression ({0}).'),
  };
}

// Theme colours only: the page looks like the editor in every theme.
const styles = `
body { margin: 0; padding: 0; height: 100vh; display: flex; flex-direction: column; overflow: hidden;
  color: var(--vscode-editor-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 8px;
  border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.toolbar input[type=search], .toolbar input[type=text] { color: var(--vscode-input-foreground); background: var(--vscode-input-background);
  border: 1px solid var(--vscode-input-border, transparent); padding: 3px 5px; font: inherit; }
.toolbar input:focus { outline: 1px solid var(--vscode-focusBorder); }
#filter { flex: 1 1 14em; min-width: 8em; }
#filter[aria-invalid=true] { border-color: var(--vscode-inputValidation-errorBorder); }
.toolbar input.time { width: 9em; }
button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
  border: none; padding: 3px 8px; font: inherit; cursor: pointer; }
button:hover { background: var(--vscode-button-secondaryHoverBackground); }
#regex[aria-pressed=true] { color: var(--vscode-inputOption-activeForeground); background: var(--vscode-inputOption-activeBackground);
  outline: 1px solid var(--vscode-inputOption-activeBorder); }
#status { margin-left: auto; color: var(--vscode-descriptionForeground); }
#message { padding: 4px 8px; color: var(--vscode-errorForeground); background: var(--vscode-inputValidation-errorBackground); }
#dropped { padding: 2px 8px; color: var(--vscode-descriptionForeground); font-style: italic; }
#viewport { flex: 1; overflow: auto; position: relative; font-family: var(--vscode-editor-font-family);
  font-size: var(--vscode-editor-font-size); }
#spacer { width: 1px; }
#rows { position: absolute; top: 0; left: 0; min-width: 100%; }
.row { white-space: pre; line-height: 1.45; padding: 0 8px 0 6px; border-left: 3px solid transparent; }
.row .time { color: var(--vscode-descriptionForeground); }
.row .time:not(:empty) { margin-right: 1ch; }
.multi .row .name { display: inline-block; min-width: var(--name-width); margin-right: 1ch; }
.multi .row .name::after { content: ' |'; }
.row.sev-error { border-left-color: var(--vscode-editorError-foreground); }
.row.sev-error .text { color: var(--vscode-errorForeground); }
.row.sev-warning { border-left-color: var(--vscode-editorWarning-foreground); }
.row.sev-warning .text { color: var(--vscode-editorWarning-foreground); }
.row.sev-info { border-left-color: var(--vscode-editorInfo-foreground); }
.row.note { font-style: italic; color: var(--vscode-descriptionForeground); background: var(--vscode-editor-inactiveSelectionBackground); }
.row.note .text { color: inherit; }
.name.c0 { color: var(--vscode-terminal-ansiCyan); } .name.c1 { color: var(--vscode-terminal-ansiYellow); }
.name.c2 { color: var(--vscode-terminal-ansiGreen); } .name.c3 { color: var(--vscode-terminal-ansiMagenta); }
.name.c4 { color: var(--vscode-terminal-ansiBlue); } .name.c5 { color: var(--vscode-terminal-ansiBrightCyan); }
.name.c6 { color: var(--vscode-terminal-ansiBrightYellow); } .name.c7 { color: var(--vscode-terminal-ansiBrightGreen); }
.name.c8 { color: var(--vscode-terminal-ansiBrightMagenta); } .name.c9 { color: var(--vscode-terminal-ansiBrightBlue); }
#follow { position: absolute; right: 16px; bottom: 12px; color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
`;
