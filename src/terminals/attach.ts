/**
 * `docker attach` and `docker run -it` as terminals. Attach takes stdin only when the
 * container keeps one open, and Ctrl+P Ctrl+Q detaches without stopping it (the engine
 * watches for its default detach keys in stdin; without stdin Berth does it itself).
 * Run Interactive creates the container with a TTY and stdin, attaches before it
 * starts (so no output is lost) and can remove it when the session ends (--rm).
 */
import { EngineError } from '../engine';
import type { TerminalStreams } from './engineStreams';
import { ProcessSession } from './processSession';
import type { SessionKind } from './session';
import { detachSequence } from './streamOutput';

export class AttachSession extends ProcessSession {
  readonly kind: SessionKind = 'attach';
  private stdin = false;
  private tty = true;

  constructor(private readonly engine: TerminalStreams, readonly containerId: string, readonly containerName: string) {
    super(`Attach: ${containerName}`);
  }

  protected async start(): Promise<void> {
    const details = await this.engine.inspect(this.containerId);
    if (!details.running) throw new Error(`${details.name} is not running (${details.status}).`);
    this.stdin = details.openStdin;
    this.tty = details.tty;
    const process = await this.engine.attach(details.id, { stdin: details.openStdin, tty: details.tty });
    if (this.closed) {
      process.close();
      return;
    }
    this.notice(details.openStdin
      ? `Attached to ${details.name}'s main process. Ctrl+P Ctrl+Q detaches and leaves it running.`
      : `Attached to ${details.name}'s main process (output only: it keeps no stdin open). Ctrl+P Ctrl+Q detaches.`);
    const exit = this.pipe(process);
    await this.resizeProcess(this.dimensions);
    exit.then(() => this.detached(), () => this.detached());
  }

  protected override input(data: string): void {
    if (!this.stdin) {
      if (data.includes(detachSequence) || data === '\x11') this.process?.close();
      return;
    }
    // Without a TTY nothing echoes and lines end in \n: echo locally and translate Enter.
    if (!this.tty) this.write(data.replace(/\r/g, '\r\n'));
    this.process?.stdin.write(this.tty ? data : data.replace(/\r/g, '\n'));
  }

  private async detached(): Promise<void> {
    if (this.closed || this.ended) return;
    try {
      const details = await this.engine.inspect(this.containerId);
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

export class RunSession extends ProcessSession {
  readonly kind: SessionKind = 'run';
  containerId: string | undefined;
  private exit: Promise<number> | undefined;
  private running = false;

  constructor(private readonly engine: TerminalStreams, readonly request: RunRequest) {
    super(`Run: ${request.image}`);
  }

  protected async start(): Promise<void> {
    const id = await this.engine.createInteractive(this.request.image, this.request.cmd, this.request.autoRemove);
    this.containerId = id;
    try {
      // As `docker run -it`: wait for the next exit and attach, both before the start.
      this.exit = this.engine.wait(id, 'next-exit');
      this.exit.catch(() => undefined);
      const process = await this.engine.attach(id, { stdin: true, tty: true });
      if (this.closed) {
        process.close();
        await this.cleanUp(id);
        return;
      }
      const output = this.pipe(process);
      await this.engine.start(id);
      this.running = true;
      await this.resizeProcess(this.dimensions);
      output.then(() => this.finished(), () => this.finished());
    } catch (error) {
      await this.cleanUp(id);
      throw error;
    }
  }

  private async cleanUp(id: string): Promise<void> {
    if (this.request.autoRemove) await this.engine.remove(id).catch(() => undefined);
  }

  private async finished(): Promise<void> {
    this.running = false;
    if (this.closed || this.ended) return;
    try {
      const code = await this.exit!;
      this.exitCode = code;
      this.endAndWaitForKey(`The container exited with code ${code}${this.request.autoRemove ? ' and is removed' : ''}.`);
    } catch (error) {
      this.fail(error);
    }
  }

  protected override teardown(): void {
    super.teardown();
    // Closing the terminal ends the session's container, as closing `docker run -it`'s terminal does.
    if (this.running && this.containerId) {
      this.running = false;
      const id = this.containerId;
      void this.engine.kill(id).catch(() => undefined).then(() => this.cleanUp(id));
    }
  }
}
