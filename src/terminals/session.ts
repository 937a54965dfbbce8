/**
 * The base of every Berth terminal: a Pseudoterminal whose work starts in open(),
 * whose output is also kept as a bounded transcript (tests read it, through the same
 * writes the terminal gets), and whose close() tears down its streams exactly once.
 */
import * as vscode from 'vscode';
import { describeError } from '../errorText';
import { ansi } from './logFormat';

export type SessionKind = 'shell' | 'exec' | 'logs' | 'groupLogs' | 'attach' | 'run' | 'stats' | 'top';

const transcriptLimit = 1024 * 1024;

export abstract class Session implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  private readonly endEmitter = new vscode.EventEmitter<void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  /** Fires when the session's work ended (process exited, container removed); the terminal may stay open. */
  readonly onDidEnd = this.endEmitter.event;

  abstract readonly kind: SessionKind;
  /** Everything written so far (the newest 1 MB). */
  transcript = '';
  /** The last size VS Code (or a test) gave this terminal. */
  dimensions: vscode.TerminalDimensions | undefined;
  ended = false;
  closed = false;
  /** The exit code of the process this session ran, when it has one. */
  exitCode: number | undefined;
  terminal: vscode.Terminal | undefined;
  private closeOnKey = false;

  constructor(readonly title: string) {}

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    this.dimensions = initialDimensions;
    this.start().catch((error: unknown) => this.fail(error));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.teardown();
    } finally {
      this.markEnded();
      this.writeEmitter.dispose();
      this.closeEmitter.dispose();
      this.endEmitter.dispose();
    }
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.dimensions = dimensions;
    this.resized(dimensions);
  }

  handleInput(data: string): void {
    if (this.closeOnKey) {
      this.closeTerminal();
      return;
    }
    this.input(data);
  }

  protected abstract start(): Promise<void>;
  protected abstract teardown(): void;
  protected resized(_dimensions: vscode.TerminalDimensions): void {}
  protected input(_data: string): void {}

  write(text: string): void {
    if (this.closed || text.length === 0) return;
    this.transcript += text;
    if (this.transcript.length > transcriptLimit * 1.5) this.transcript = this.transcript.slice(-transcriptLimit);
    this.writeEmitter.fire(text);
  }

  /** A line of Berth's own, set apart from the program's output. */
  notice(text: string): void {
    this.write(`\r\n${ansi.dim}${ansi.inverse} ${text} ${ansi.reset}\r\n`);
  }

  protected markEnded(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.closed) this.endEmitter.fire();
  }

  /** Ends the session, keeping the terminal (and its text) until the user presses a key. */
  protected endAndWaitForKey(message: string): void {
    this.notice(vscode.l10n.t('{0} Press any key to close.', message));
    this.closeOnKey = true;
    this.teardown();
    this.markEnded();
  }

  protected fail(error: unknown): void {
    if (this.closed) return;
    this.write(`\r\n${ansi.red}${describeError(error)}${ansi.reset}\r\n`);
    this.endAndWaitForKey(vscode.l10n.t('The session ended.'));
  }

  closeTerminal(): void {
    if (this.closed) return;
    this.closeEmitter.fire();
    this.close();
  }
}

/** Writes a stream's text to a session in batches, pausing the stream while a batch is out (real backpressure to the engine). */
export class BatchedWriter {
  private buffered: string[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private paused: { resume(): void } | undefined;

  constructor(private readonly write: (text: string) => void, private readonly maxBatch = 64 * 1024, private readonly intervalMs = 8) {}

  push(text: string, source?: { pause(): void; resume(): void }): void {
    if (!text) return;
    this.buffered.push(text);
    this.size += text.length;
    if (this.size >= this.maxBatch && source && !this.paused) {
      source.pause();
      this.paused = source;
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.size > 0) this.write(this.buffered.join(''));
    this.buffered = [];
    this.size = 0;
    const paused = this.paused;
    this.paused = undefined;
    paused?.resume();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.buffered = [];
    this.size = 0;
  }
}
