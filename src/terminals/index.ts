/**
 * Opens Berth's terminals and keeps track of them. Each kind is a Pseudoterminal over
 * the engine API (no docker CLI), so they work on remote and ssh engines alike. The
 * open sessions are part of the extension's API for the host-tier tests.
 */
import * as vscode from 'vscode';
import type { BerthContext } from '../context';
import type { Engine } from '../engine/engine';
import type { Prompter } from '../ui/prompt';
import { TerminalStreams } from './engineStreams';
import { AttachSession, RunRequest, RunSession } from './attach';
import { parseSince } from './logFormat';
import { LogsSession, LogsSnapshotProvider, LogsTarget, logsScheme } from './logs';
import { Session, SessionKind } from './session';
import { terminalPrompts } from './prompts';
import { ExecSession } from './shell';
import { ExecAs, ExecMemory } from './execAs';
import { resolveShell } from './shellChoice';
import { StatsSession } from './statsSession';
import { TopSession } from './topSession';

export type { Session, SessionKind };
export { AttachSession, ExecSession, LogsSession, RunSession, StatsSession, TopSession };

const icons: Record<SessionKind, string> = {
  shell: 'terminal',
  exec: 'run',
  logs: 'output',
  groupLogs: 'output',
  attach: 'plug',
  run: 'play',
  stats: 'pulse',
  top: 'list-tree',
};

export interface ContainerRef {
  id: string;
  name: string;
  /** The engine the container is on, when it is not Berth's current one (a pinned engine's). */
  engine?: Engine;
}

export interface LogsOptions {
  since?: string;
  timestamps?: boolean;
  tail?: number;
}

export class Terminals implements vscode.Disposable {
  private readonly opened = new vscode.EventEmitter<Session>();
  /** Fires when a Berth terminal opens. */
  readonly onDidOpen = this.opened.event;
  private readonly all: Session[] = [];
  /** The palette's questions (quick picks, input boxes). */
  readonly prompts: ReturnType<typeof terminalPrompts>;
  /** The user and folder last chosen per container for Open Shell As… and Execute Command. */
  readonly execMemory: ExecMemory;

  constructor(private readonly ctx: BerthContext, prompter: Prompter) {
    this.prompts = terminalPrompts(prompter);
    this.execMemory = new ExecMemory(ctx.extension.globalState);
  }

  /** The engine's stream operations: the given engine's (a pinned one), else the current endpoint's. */
  streams(engine: Engine = this.ctx.engine): TerminalStreams {
    return new TerminalStreams(engine);
  }

  /** Sessions whose terminal is still open. */
  get sessions(): readonly Session[] {
    return this.all.filter((s) => !s.closed);
  }

  private show<T extends Session>(session: T): T {
    this.all.push(session);
    const terminal = vscode.window.createTerminal({ name: session.title, pty: session, iconPath: new vscode.ThemeIcon(icons[session.kind]) });
    session.terminal = terminal;
    terminal.show();
    this.opened.fire(session);
    return session;
  }

  shell(container: ContainerRef, as: ExecAs = {}): ExecSession {
    const setting = this.ctx.config.shell;
    const streams = this.streams(container.engine);
    return this.show(new ExecSession(streams, container.id, container.name, 'shell', () => resolveShell(setting, (path) => streams.pathExists(container.id, path)), as));
  }

  exec(container: ContainerRef, argv: string[], as: ExecAs = {}): ExecSession {
    return this.show(new ExecSession(this.streams(container.engine), container.id, container.name, 'exec', async () => argv, as));
  }

  /** Asks who and where to run in a container, offering what was chosen there last, and remembers the answer. */
  async askExecAs(container: ContainerRef): Promise<ExecAs | undefined> {
    const as = await this.prompts.execAs(container.name, this.execMemory.get(container.id));
    if (as) await this.execMemory.remember(container.id, as);
    return as;
  }

  /** The targets' engine is the first one's (a pinned engine's when it has one). */
  logs(targets: (LogsTarget & { engine?: Engine })[], options: LogsOptions = {}, title?: string): LogsSession {
    const config = this.ctx.config;
    const scrollback = vscode.workspace.getConfiguration('terminal.integrated').get<number>('scrollback', 1000);
    const settings = {
      tail: options.tail ?? config['logs.tail'],
      timestamps: options.timestamps ?? config['logs.timestamps'],
      since: parseSince(options.since ?? config['logs.since']),
      scrollback: Math.max(100, scrollback),
    };
    return this.show(new LogsSession(this.streams(targets[0]?.engine), targets, settings, title ?? vscode.l10n.t('Logs: {0}', targets.map((t) => t.service ?? t.name).join(', '))));
  }

  /** `docker attach`, or with `start` `docker start -a` (attached before it starts). */
  attach(container: ContainerRef, options: { start?: boolean } = {}): AttachSession {
    return this.show(new AttachSession(this.streams(container.engine), container.id, container.name, { start: options.start, onClose: (name) => this.prompts.closeAttached(name) }));
  }

  run(request: RunRequest): RunSession {
    return this.show(new RunSession(this.streams(), request));
  }

  stats(container?: ContainerRef): StatsSession {
    return this.show(new StatsSession(this.streams(container?.engine), container));
  }

  top(container: ContainerRef): TopSession {
    return this.show(new TopSession(this.streams(container.engine), container.id, container.name));
  }

  /** Opens a read-only snapshot of the logs in an editor, where search works. */
  async logsDocument(container: ContainerRef): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(LogsSnapshotProvider.uriFor(container.id, container.name));
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  dispose(): void {
    for (const session of this.all) session.terminal?.dispose();
    this.opened.dispose();
  }
}

export function registerTerminals(ctx: BerthContext, prompter: Prompter): Terminals {
  const terminals = new Terminals(ctx, prompter);
  ctx.extension.subscriptions.push(
    terminals,
    vscode.workspace.registerTextDocumentContentProvider(logsScheme, new LogsSnapshotProvider(() => terminals.streams())),
  );
  return terminals;
}
