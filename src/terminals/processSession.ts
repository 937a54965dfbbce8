/**
 * The common part of shell, exec, attach and run terminals: an interactive process's
 * streams (from the engine layer) piped into the terminal with backpressure, input
 * written to its stdin, the TTY resized with the terminal, and teardown on close.
 */
import * as vscode from 'vscode';
import type { ProcessStreams } from './engineStreams';
import { BatchedWriter, Session } from './session';
import { ProcessOutput } from './streamOutput';

export abstract class ProcessSession extends Session {
  protected process: ProcessStreams | undefined;
  private writer: BatchedWriter | undefined;
  /** The exec's id (shell, exec) or the container's (attach, run), once started. */
  get processId(): string | undefined {
    return this.process?.id;
  }

  /** Sizes that reached the engine, newest last (tests read it). */
  readonly resizes: vscode.TerminalDimensions[] = [];

  /** Pipes the process's output here; resolves with its exit code (undefined when unknown) once output has ended. */
  protected pipe(process: ProcessStreams): Promise<number | undefined> {
    this.process = process;
    const output = new ProcessOutput(process.tty);
    const writer = new BatchedWriter((text) => this.write(text));
    this.writer = writer;
    process.stdout.on('data', (chunk: Buffer) => writer.push(output.push('stdout', chunk), process.stdout));
    process.stderr.on('data', (chunk: Buffer) => writer.push(output.push('stderr', chunk), process.stderr));
    process.stdout.on('error', () => undefined);
    process.stderr.on('error', () => undefined);
    const flush = (): void => {
      writer.push(output.end());
      writer.flush();
    };
    return process.exit.then(
      (code) => {
        flush();
        return code;
      },
      (error: unknown) => {
        flush();
        throw error;
      },
    );
  }

  /** The newest size not sent yet, and whether a resize is on its way to the engine. */
  private wantedSize: vscode.TerminalDimensions | undefined;
  private resizing = false;

  /**
   * Sends sizes one at a time, the newest last: two resize requests in flight at once
   * could reach the TTY in either order (a layout change and a drag in quick succession
   * left the exec at the older size). A size that arrives meanwhile replaces any other
   * waiting one and is sent when the request in flight is answered.
   */
  protected async resizeProcess(size: vscode.TerminalDimensions | undefined): Promise<void> {
    if (!size) return;
    this.wantedSize = size;
    if (this.resizing) return;
    this.resizing = true;
    try {
      for (let next = this.takeWantedSize(); next; next = this.takeWantedSize()) {
        const process = this.process;
        if (!process?.tty || this.ended) return;
        try {
          await process.resize(next.columns, next.rows);
          this.resizes.push(next);
        } catch {
          // The process may have ended between the resize and now: nothing to resize.
        }
      }
    } finally {
      this.resizing = false;
    }
  }

  private takeWantedSize(): vscode.TerminalDimensions | undefined {
    const size = this.wantedSize;
    this.wantedSize = undefined;
    return size;
  }

  protected override resized(size: vscode.TerminalDimensions): void {
    void this.resizeProcess(size);
  }

  protected override input(data: string): void {
    this.process?.stdin.write(data);
  }

  protected teardown(): void {
    this.writer?.dispose();
    // Closing the connection closes the process's TTY: an exec'd shell gets SIGHUP and ends.
    this.process?.close();
  }
}
