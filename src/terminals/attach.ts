/**
 * `docker attach` and `docker run -it` as terminals. Attach takes stdin only when the
 * container keeps one open, and detaches on ctrl-p ctrl-q without stopping it.
 * Run Interactive creates the container with a TTY and stdin, attaches before it
 * starts (so no output is lost), and can remove it when the session ends (--rm).
 */
import type { Duplex } from 'node:stream';
import * as vscode from 'vscode';
import { EngineError } from '../engine/errors';
import type { TerminalStreams } from '../engine/extra-terminals';
import { BatchedWriter, Session, SessionKind } from './session';
import { detachKeysSetting, detachSequence, ProcessOutput } from './streamOutput';

abstract class StreamSession extends Session {
  protected stream: Duplex | undefined;
  private writer: BatchedWriter | undefined;
  protected tty = true;
  protected stdin = false;
  containerId: string | undefined;

  protected pipe(stream: Duplex, tty: boolean, onEnd: () => void): void {
    this.stream = stream;
    this.tty = tty;
    const output = new ProcessOutput(tty);
    const writer = new BatchedWriter((text) => this.write(text));
    this.writer = writer;
    stream.on('data', (chunk: Buffer) => writer.push(output.push(chunk), stream));
    stream.once('error', () => undefined);
    stream.once('close', () => {
      writer.push(output.end());
      writer.flush();
      if (this.stream === stream) {
        this.stream = undefined;
        onEnd();
      }
    });
  }

  protected async resizeContainer(size: vscode.TerminalDimensions | undefined): Promise<void> {
    if (!size || !this.tty || !this.containerId || this.ended) return;
    await this.engineFor().resizeContainer(this.containerId, { rows: size.rows, columns: size.columns }).catch(() => undefined);
  }

  protected abstract engineFor(): TerminalStreams;

  protected override resized(size: vscode.TerminalDimensions): void {
    void this.resizeContainer(size);
  }

  protected teardown(): void {
    this.writer?.dispose();
    const stream = this.stream;
    this.stream = undefined;
    stream?.destroy();
  }
}

export class AttachSession extends StreamSession {
  readonly kind: SessionKind = 'attach';

  constructor(private readonly engine: TerminalStreams, containerId: string, readonly containerName: string) {
    super(`Attach: ${containerName}`);
    this.containerId = containerId;
  }

  protected engineFor(): TerminalStreams {
    return this.engine;
  }

  protected async start(): Promise<void> {
    const details = await this.engine.inspect(this.containerId!);
    if (!details.running) throw new Error(`${details.name} is not running (${details.status}).`);
    this.stdin = details.openStdin;
    const stream = await this.engine.attach(details.id, { stdin: details.openStdin, detachKeys: detachKeysSetting });
    if (this.closed) {
      stream.destroy();
      return;
    }
    this.notice(details.openStdin
      ? `Attached to ${details.name}'s main process. Ctrl+P Ctrl+Q detaches and leaves it running.`
      : `Attached to ${details.name}'s main process (output only: it has no stdin open). Ctrl+P Ctrl+Q detaches.`);
    this.pipe(stream, details.tty, () => void this.detached());
    await this.resizeContainer(this.dimensions);
  }

  protected override input(data: string): void {
    if (!this.stdin) {
      // Nothing reads our input: detach locally on the same keys.
      if (data.includes(detachSequence) || data === '\x11') void this.detachLocally();
      return;
    }
    // Without a TTY nothing echoes: echo locally, and send lines as the process expects them.
    if (!this.tty) this.write(data.replace(/\r/g, '\r\n'));
    this.stream?.write(this.tty ? data : data.replace(/\r/g, '\n'));
  }

  private async detachLocally(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    stream?.destroy();
    await this.detached();
  }

  private async detached(): Promise<void> {
    if (this.closed || this.ended) return;
    try {
      const details = await this.engine.inspect(this.containerId!);
      if (details.running) this.endAndWaitForKey(`Detached from ${details.name}; it keeps running.`);
      else {
        this.exitCode = details.exitCode;
        this.endAndWaitForKey(`${details.name} exited with code ${details.exitCode}.`);
      }
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'notFound') this.endAndWaitForKey(`${this.containerName} was removed.`);
      else this.fail(error);
    }
  }
}

export interface RunRequest {
  image: string;
  cmd?: string[];
  autoRemove: boolean;
}

export class RunSession extends StreamSession {
  readonly kind: SessionKind = 'run';
  private exit: Promise<number> | undefined;

  constructor(private readonly engine: TerminalStreams, readonly request: RunRequest) {
    super(`Run: ${request.image}`);
  }

  protected engineFor(): TerminalStreams {
    return this.engine;
  }

  protected async start(): Promise<void> {
    const id = await this.engine.createInteractive({ image: this.request.image, cmd: this.request.cmd, autoRemove: this.request.autoRemove });
    this.containerId = id;
    this.stdin = true;
    try {
      // As `docker run -it`: wait for the next exit and attach, both before start.
      this.exit = this.engine.wait(id, 'next-exit');
      this.exit.catch(() => undefined);
      const stream = await this.engine.attach(id, { stdin: true });
      if (this.closed) {
        stream.destroy();
        return;
      }
      this.pipe(stream, true, () => void this.finished());
      await this.engine.start(id);
      await this.resizeContainer(this.dimensions);
    } catch (error) {
      if (this.request.autoRemove) await this.engine.remove(id).catch(() => undefined);
      throw error;
    }
  }

  protected override input(data: string): void {
    this.stream?.write(data);
  }

  private async finished(): Promise<void> {
    if (this.closed || this.ended) return;
    try {
      const code = await this.exit!;
      this.exitCode = code;
      this.endAndWaitForKey(`The container exited with code ${code}${this.request.autoRemove ? ' and was removed' : ''}.`);
    } catch (error) {
      this.fail(error);
    }
  }

  protected override teardown(): void {
    const wasRunning = this.stream !== undefined;
    super.teardown();
    // Closing the terminal ends the session's container, as closing `docker run -it`'s terminal does.
    if (wasRunning && this.containerId) {
      const id = this.containerId;
      void this.engine.kill(id).catch(() => undefined).then(() => (this.request.autoRemove ? this.engine.remove(id).catch(() => undefined) : undefined));
    }
  }
}
