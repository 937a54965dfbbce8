/**
 * The Pseudoterminal every berth-* task runs in: it starts the work when the task
 * terminal opens, turns "\n" into "\r\n", aborts the work when the task is
 * terminated (closing the terminal or "Terminate Task"), and closes with 0 or 1.
 * Everything written goes through `write`, the one place output is produced.
 */
import * as vscode from 'vscode';
import { describeError } from '../errorText';

export interface TaskOutput {
  /** Writes text as it comes; "\n" becomes "\r\n". */
  write(text: string): void;
  line(text: string): void;
  /** Rewrites the current line (progress that updates in place). */
  status(text: string): void;
  /** Raw input typed into the terminal, for interactive runs. */
  readonly onInput: vscode.Event<string>;
  readonly onResize: vscode.Event<vscode.TerminalDimensions>;
  dimensions: vscode.TerminalDimensions | undefined;
}

export type TaskWork = (out: TaskOutput, signal: AbortSignal) => Promise<void>;

const red = (text: string): string => `\x1b[31m${text}\x1b[0m`;
const green = (text: string): string => `\x1b[32m${text}\x1b[0m`;

export class TaskTerminal implements vscode.Pseudoterminal, TaskOutput {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  private readonly input = new vscode.EventEmitter<string>();
  private readonly resized = new vscode.EventEmitter<vscode.TerminalDimensions>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  readonly onInput = this.input.event;
  readonly onResize = this.resized.event;
  dimensions: vscode.TerminalDimensions | undefined;
  private readonly abort = new AbortController();
  private statusShown = false;
  private closed = false;
  /** Everything written, for tests and for the secret check (bounded). */
  readonly transcript: string[] = [];

  constructor(private readonly title: string, private readonly work: TaskWork, private readonly onFinish?: (ok: boolean, output: string) => void) {}

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    this.dimensions = dimensions;
    void this.run();
  }

  private async run(): Promise<void> {
    let ok = false;
    try {
      this.line(`\x1b[1m${this.title}\x1b[0m`);
      await this.work(this, this.abort.signal);
      ok = true;
    } catch (error) {
      this.endStatus();
      this.line(red(this.abort.signal.aborted ? vscode.l10n.t('Cancelled.') : describeError(error)));
    } finally {
      if (ok) this.line(green(vscode.l10n.t('Done.')));
      this.onFinish?.(ok, this.transcript.join(''));
      this.finish(ok ? 0 : 1);
    }
  }

  private finish(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.closer.fire(code);
  }

  write(text: string): void {
    this.endStatus();
    this.emit(text);
  }

  line(text: string): void {
    this.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  status(text: string): void {
    this.emit(`\r\x1b[2K${text}`);
    this.statusShown = true;
  }

  private endStatus(): void {
    if (!this.statusShown) return;
    this.statusShown = false;
    this.emit('\n');
  }

  private emit(text: string): void {
    if (this.transcript.length < 10_000) this.transcript.push(text);
    this.writer.fire(text.replace(/\r?\n/g, '\r\n'));
  }

  handleInput(data: string): void {
    this.input.fire(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.dimensions = dimensions;
    this.resized.fire(dimensions);
  }

  /** The task was terminated or its terminal closed: stop the work. */
  close(): void {
    this.abort.abort();
  }
}
