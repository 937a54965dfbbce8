/** The container's processes (`docker top`) as a table; r refreshes, q closes. */
import * as l10n from '@vscode/l10n';
import type { TopResult } from '../engine';
import type { TerminalStreams } from './engineStreams';
import { Session, SessionKind } from './session';
import { renderTable, screenFrame } from './table';

export class TopSession extends Session {
  readonly kind: SessionKind = 'top';
  last: TopResult | undefined;
  refreshes = 0;

  constructor(private readonly engine: TerminalStreams, readonly containerId: string, readonly containerName: string) {
    super(l10n.t('Top: {0}', containerName));
  }

  protected async start(): Promise<void> {
    this.write('\x1b[?25l');
    await this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      this.last = await this.engine.top(this.containerId);
      this.refreshes++;
      if (this.closed) return;
      const numeric = new Set(this.last.titles.map((t, i) => (/^(PID|PPID|C|%CPU|%MEM|VSZ|RSS)$/.test(t) ? i : -1)).filter((i) => i >= 0));
      const title = l10n.t('Processes in {0} ({1}) · {2} · r refreshes · q closes', this.containerName, this.last.processes.length, new Date().toLocaleTimeString());
      this.write(screenFrame([title, '', ...renderTable(this.last.titles, this.last.processes, { width: this.dimensions?.columns, alignRight: numeric })]));
    } catch (error) {
      this.write(screenFrame([l10n.t('Processes in {0}', this.containerName), '', `${error instanceof Error ? error.message : String(error)}`, '', l10n.t('r retries · q closes')]));
    }
  }

  protected override input(data: string): void {
    if (data === 'r' || data === 'R' || data === '\r') void this.refresh();
    else if (data === 'q' || data === '\x03') this.closeTerminal();
  }

  protected override resized(): void {
    if (this.last) void this.refresh();
  }

  protected teardown(): void {
    if (!this.closed) this.write('\x1b[?25h');
  }
}
