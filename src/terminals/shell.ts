/**
 * Attach Shell and Execute Command: an exec with a TTY and stdin, resized with the
 * terminal (see shellChoice.ts for which shell).
 */
import type { Duplex } from 'node:stream';
import * as vscode from 'vscode';
import { EngineError } from '../engine/errors';
import type { TerminalStreams } from '../engine/extra-terminals';
import { joinArgv } from './argv';
import { BatchedWriter, Session, SessionKind } from './session';
import { ProcessOutput } from './streamOutput';

export class ExecSession extends Session {
  execId: string | undefined;
  private stream: Duplex | undefined;
  private writer: BatchedWriter | undefined;
  /** Sizes sent to the engine, newest last (tests read it). */
  readonly resizes: vscode.TerminalDimensions[] = [];

  constructor(
    private readonly engine: TerminalStreams,
    readonly containerId: string,
    readonly containerName: string,
    readonly kind: SessionKind,
    private readonly argv: () => Promise<string[]>,
  ) {
    super(kind === 'shell' ? `Shell: ${containerName}` : `Exec: ${containerName}`);
  }

  protected async start(): Promise<void> {
    const argv = await this.argv();
    if (argv.length === 0) throw new Error('No command to run.');
    this.execId = await this.engine.createExec(this.containerId, { cmd: argv, tty: true, stdin: true, env: ['TERM=xterm-256color'] });
    const stream = await this.engine.startExec(this.execId, { tty: true, stdin: true });
    if (this.closed) {
      stream.destroy();
      return;
    }
    this.stream = stream;
    const output = new ProcessOutput(true);
    const writer = new BatchedWriter((text) => this.write(text));
    this.writer = writer;
    stream.on('data', (chunk: Buffer) => writer.push(output.push(chunk), stream));
    stream.once('error', () => undefined);
    stream.once('close', () => {
      writer.push(output.end());
      writer.flush();
      void this.exited(argv);
    });
    // Exec start in API 1.41 takes no console size: resize right after, as the docker CLI does.
    if (this.dimensions) await this.resizeExec(this.dimensions);
  }

  private async resizeExec(size: vscode.TerminalDimensions): Promise<void> {
    if (!this.execId || this.ended) return;
    try {
      await this.engine.resizeExec(this.execId, { rows: size.rows, columns: size.columns });
      this.resizes.push(size);
    } catch {
      // The process may have exited between the resize and now; nothing to resize.
    }
  }

  protected override resized(size: vscode.TerminalDimensions): void {
    void this.resizeExec(size);
  }

  protected override input(data: string): void {
    this.stream?.write(data);
  }

  private async exited(argv: string[]): Promise<void> {
    if (this.closed || this.ended) return;
    this.stream = undefined;
    try {
      const state = await this.engine.inspectExec(this.execId!);
      this.exitCode = state.exitCode ?? undefined;
      const what = this.kind === 'shell' ? 'The shell' : joinArgv(argv);
      this.endAndWaitForKey(`${what} exited with code ${state.exitCode ?? '?'}.`);
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'notFound') {
        this.endAndWaitForKey(`The container ${this.containerName} is gone (removed or stopped); the session ended.`);
      } else {
        this.fail(error);
      }
    }
  }

  protected teardown(): void {
    // Closing the connection closes the exec's TTY: the process gets SIGHUP and ends.
    this.writer?.dispose();
    this.stream?.destroy();
    this.stream = undefined;
  }
}
