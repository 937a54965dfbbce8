/**
 * Log views: webview panels that follow one container or a compose project's containers
 * (src/logs/panel.ts). Opened by the commands in src/commands/logViews.ts; the open ones
 * are part of the extension's API so the host tier can find their pages.
 */
import * as vscode from 'vscode';
import type { BerthContext } from '../context';
import { TerminalStreams } from '../terminals/engineStreams';
import { LogViewPanel } from './panel';
import type { LogViewTarget } from './stream';

export type { LogViewPanel, LogViewTarget };

const composeProject = 'com.docker.compose.project';
const composeService = 'com.docker.compose.service';

export interface LogViewOptions {
  /** A compose project's view: containers of the project that start later join it. */
  composeProject?: string;
  since?: string;
  until?: string;
  tail?: number;
  timestamps?: boolean;
}

export class LogViews implements vscode.Disposable {
  private readonly open: LogViewPanel[] = [];

  constructor(private readonly ctx: BerthContext) {}

  /** Views whose panel is still open. */
  get panels(): readonly LogViewPanel[] {
    return this.open;
  }

  show(targets: LogViewTarget[], title: string, options: LogViewOptions = {}): LogViewPanel {
    const config = this.ctx.config;
    const maxLines = Math.min(1_000_000, Math.max(1000, Math.floor(Number(config['logs.maxLines']) || 0)));
    const streams = new TerminalStreams(this.ctx.engine);
    const project = options.composeProject;
    const discover = project === undefined ? undefined : async (id: string): Promise<LogViewTarget | undefined> => {
      const facts = await streams.inspect(id);
      return facts.labels[composeProject] === project ? { id, name: facts.labels[composeService] ?? facts.name } : undefined;
    };
    const view = new LogViewPanel(this.ctx.extension.extensionUri, streams, title, targets,
      { tail: options.tail ?? config['logs.tail'], maxLines, timestamps: options.timestamps ?? config['logs.timestamps'] },
      { since: options.since ?? config['logs.since'], until: options.until ?? '' }, discover);
    this.open.push(view);
    view.onDidClose(() => this.open.splice(this.open.indexOf(view), 1));
    return view;
  }

  dispose(): void {
    for (const view of [...this.open]) view.dispose();
  }
}

export function registerLogViews(ctx: BerthContext): LogViews {
  const views = new LogViews(ctx);
  ctx.extension.subscriptions.push(views);
  return views;
}
