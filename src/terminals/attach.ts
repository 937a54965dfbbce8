/**
 * `docker attach` and `docker run -it` as terminals. Attach takes stdin only when the
 * container keeps one open. VS Code keeps Ctrl+P (Quick Open) for itself, so Ctrl+P
 * Ctrl+Q seldom reaches the terminal: Ctrl+] detaches too (Berth sends the engine its
 * detach keys, so a container whose stdin closes with the connection is not ended),
 * and closing the terminal asks whether to detach or stop the container.
 * Run Interactive creates the container with a TTY and stdin, attaches before it
 * starts (so no output is lost) and can remove it when the session ends (--rm).
 */
import * as l10n from '@vscode/l10n';
import { EngineError } from '../engine';
import type { TerminalStreams } from './engineStreams';
import { ProcessSession } from './processSession';
import type { SessionKind } from './session';
import { detachSequence } from './streamOutput';

/** Ctrl+], a detach key VS Code leaves to the terminal (telnet's escape key). */
export const vscodeDetachKey = '\x1d';

/** What closing an attached terminal does to the container; undefined (dismissed) detaches. */
export type CloseChoice = 'detach' | 'stop' | undefined;

export interface AttachOptions {
  /** `docker start -a`: attach first, then start the stopped container, so none of its output is missed. */
  start?: boolean;
  /** Asked when the terminal is closed while attached. */
  onClose?: (containerName: string) => Promise<CloseChoice>;
}

export class AttachSession extends ProcessSession {
  readonly kind: SessionKind = 'attach';
  private stdin = false;
  private tty = true;
  private attached = false;

  constructor(private readonly engine: TerminalStreams, readonly containerId: string, readonly containerName: string, private readonly options: AttachOptions = {}) {
    super(l10n.t('Attach: {0}', containerName));
  }

  protected async start(): Promise<void> {
    const details = await this.engine.inspect(this.containerId);
    const starting = this.options.start && !details.running;
    if (!details.running && !starting) throw new Error(l10n.t('{0} is not running ({1}).', details.name, details.status));
    this.stdin = details.openStdin;
    this.tty = details.tty;
    const process = await this.engine.attach(details.id, { stdin: details.openStdin, tty: details.tty });
    if (this.closed) {
      process.close();
      return;
    }
    const attachedTo = starting
      ? (details.openStdin ? l10n.t('Starting and attached to {0}\'s main process.', details.name) : l10n.t('Starting and attached to {0}\'s main process (output only: it keeps no stdin open).', details.name))
      : (details.openStdin ? l10n.t('Attached to {0}\'s main process.', details.name) : l10n.t('Attached to {0}\'s main process (output only: it keeps no stdin open).', details.name));
    this.notice(`${attachedTo} ${l10n.t('Ctrl+] detaches and leaves it running (so does Ctrl+P Ctrl+Q where VS Code lets it through); closing the terminal asks whether to detach or stop.')}`);
    const exit = this.pipe(process);
    this.attached = true;
    if (starting) await this.engine.start(details.id);
    await this.resizeProcess(this.dimensions);
    exit.then(() => this.detached(), () => this.detached());
  }

  /** Leaves the container running: the engine's detach keys where stdin is attached, else just the connection closed. */
  private detach(): void {
    if (this.stdin) this.process?.stdin.write(detachSequence);
    else this.process?.close();
  }

  protected override input(data: string): void {
    if (data.includes(vscodeDetachKey)) {
      this.detach();
      return;
    }
    if (!this.stdin) {
      if (data.includes(detachSequence) || data === '\x11') this.process?.close();
      return;
    }
    // Without a TTY nothing echoes and lines end in \n: echo locally and translate Enter.
    if (!this.tty) this.write(data.replace(/\r/g, '\r\n'));
    this.process?.stdin.write(this.tty ? data : data.replace(/\r/g, '\n'));
  }

  protected override teardown(): void {
    const process = this.process;
    if (!this.attached || this.ended || !process || !this.options.onClose) {
      this.detachThenClose();
      return;
    }
    // The terminal is gone; the connection stays until the person has chosen.
    void this.options.onClose(this.containerName).then(
      async (choice) => {
        if (choice === 'stop') {
          await this.engine.stop(this.containerId).catch(() => undefined);
          super.teardown();
          return;
        }
        this.detachThenClose();
      },
      () => this.detachThenClose(),
    );
  }

  /** Detaches (unless the container already ended), then lets go of the connection. */
  private detachThenClose(): void {
    const process = this.process;
    let done = false;
    const close = (): void => {
      if (done) return;
      done = true;
      super.teardown();
    };
    if (this.ended || !this.stdin || !process) {
      close();
      return;
    }
    // The keys, then a half-close: the engine detaches on the keys and ends the connection
    // itself; cutting it at once could lose them and close the container's stdin instead.
    process.stdin.end(detachSequence);
    const timer = setTimeout(close, 5_000);
    void process.exit.catch(() => undefined).finally(() => {
      clearTimeout(timer);
      close();
    });
  }

  private async detached(): Promise<void> {
    if (this.closed || this.ended) return;
    try {
      const details = await this.engine.inspect(this.containerId);
      if (details.running) this.endAndWaitForKey(l10n.t('Detached from {0}; it keeps running.', details.name));
      else {
        this.exitCode = details.exitCode;
        this.endAndWaitForKey(l10n.t('{0} exited with code {1}.', details.name, String(details.exitCode)));
      }
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'notFound') this.endAndWaitForKey(l10n.t('{0} was removed.', this.containerName));
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
    super(l10n.t('Run: {0}', request.image));
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
      this.endAndWaitForKey(this.request.autoRemove ? l10n.t('The container exited with code {0} and is removed.', String(code)) : l10n.t('The container exited with code {0}.', String(code)));
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
