/**
 * Logs terminals: one container (following it across restarts), or a compose group
 * with each line prefixed by its service. Also the read-only snapshot document.
 */
import * as vscode from 'vscode';
import type { Frame, TerminalStreams } from './engineStreams';
import { bannerLine, formatLogLine, LineStyle, LogDecoder, servicePrefix } from './logFormat';
import { LogFollower, OutputPacer } from './logFollower';
import { Session, SessionKind } from './session';
import { plainText } from './table';
import { sanitizeLine } from './text';

export interface LogsTarget {
  id: string;
  name: string;
  /** The service name, for group logs. */
  service?: string;
}

export interface LogsSettings {
  tail: number;
  timestamps: boolean;
  since?: number;
  /** How many lines the terminal keeps (terminal.integrated.scrollback): more than that is never shown. */
  scrollback: number;
}

export class LogsSession extends Session {
  readonly kind: SessionKind;
  readonly followers: LogFollower[] = [];
  private readonly pacer: OutputPacer;

  constructor(private readonly engine: TerminalStreams, readonly targets: LogsTarget[], private readonly settings: LogsSettings, title: string) {
    super(title);
    this.kind = targets.length === 1 && !targets[0].service ? 'logs' : 'groupLogs';
    this.pacer = new OutputPacer((text) => this.write(text), { maxLines: settings.scrollback });
  }

  get containerId(): string {
    return this.targets[0].id;
  }

  protected async start(): Promise<void> {
    const grouped = this.kind === 'groupLogs';
    const services = [...new Set(this.targets.map((t) => t.service ?? t.name))].sort();
    const width = Math.max(...services.map((s) => s.length));
    // A logs terminal takes no typing: no cursor blinking under the newest line.
    this.write('\x1b[?25l');
    this.write(bannerLine(grouped
      ? vscode.l10n.t('Logs of {0}: last {1} lines each, then following.', services.join(', '), this.settings.tail)
      : vscode.l10n.t('Logs of {0}: last {1} lines, then following.', this.targets[0].name, this.settings.tail)));
    for (const target of this.targets) {
      const name = target.service ?? target.name;
      const style: LineStyle = { showTimestamps: this.settings.timestamps, prefix: grouped ? servicePrefix(name, services.indexOf(name), width) : undefined };
      const follower = new LogFollower(this.engine, target.id, { tail: this.settings.tail, since: this.settings.since }, {
        lines: (lines) => {
          for (const line of lines) this.pacer.push(formatLogLine(line, style));
        },
        banner: (text) => {
          this.pacer.flush();
          this.write(bannerLine(grouped ? `${name}: ${text}` : text));
        },
      });
      follower.onState(() => {
        if (this.followers.every((f) => f.state === 'ended')) {
          this.pacer.flush();
          this.markEnded();
        }
      });
      this.followers.push(follower);
    }
    await Promise.all(this.followers.map((f) => f.start()));
  }

  protected teardown(): void {
    for (const follower of this.followers) follower.dispose();
    this.pacer.dispose();
  }

  protected override input(data: string): void {
    // A logs terminal takes no input; Enter adds a blank line, a common way to mark a moment.
    if (data === '\r') this.write('\r\n');
  }
}

export const logsScheme = 'berth-logs';

/** Snapshot text of a container's logs: decoded, stderr lines marked, timestamps kept, at most `maxBytes` (the newest). */
export async function logsSnapshotText(engine: TerminalStreams, id: string, options: { tail: number | 'all'; maxBytes: number }): Promise<string> {
  const details = await engine.inspect(id);
  const stream = await engine.logs(id, { follow: false, tty: details.tty, tail: options.tail });
  const decoder = new LogDecoder();
  const lines: string[] = [];
  let size = 0;
  let dropped = 0;
  const add = (batch: ReturnType<LogDecoder['push']>): void => {
    for (const line of batch) {
      const text = `${line.timestamp ? `${line.timestamp} ` : ''}${line.stream === 'stderr' ? '[stderr] ' : ''}${plainText(sanitizeLine(line.text))}`;
      lines.push(text);
      size += text.length + 1;
      while (size > options.maxBytes && lines.length > 1) {
        size -= lines.shift()!.length + 1;
        dropped++;
      }
    }
  };
  for await (const frame of stream as AsyncIterable<Frame>) if (frame.stream !== 'stdin') add(decoder.push(frame.stream, frame.data));
  add(decoder.end());
  const header = dropped > 0 ? `${vscode.l10n.t('({0} older lines left out: the snapshot keeps the newest {1} MB)', dropped, Math.round(options.maxBytes / 1e6))}\n` : '';
  return header + lines.join('\n') + '\n';
}

/** Serves berth-logs:/<name>.log?<id> documents: read-only by nature, searchable in the editor. */
export class LogsSnapshotProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly engine: () => TerminalStreams) {}

  provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    return logsSnapshotText(this.engine(), uri.query, { tail: 'all', maxBytes: 20 * 1024 * 1024 });
  }

  static uriFor(id: string, name: string): vscode.Uri {
    return vscode.Uri.from({ scheme: logsScheme, path: `/${name} ${new Date().toISOString().replace(/[:.]/g, '-')}.log`, query: id });
  }
}
