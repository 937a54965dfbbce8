/**
 * Open Shell and Execute Command: an exec with a TTY and stdin, TERM set, resized
 * with the terminal (shellChoice.ts says which shell), as a user and in a folder when asked.
 */
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { EngineError } from '../engine';
import { joinArgv } from './argv';
import type { TerminalStreams } from './engineStreams';
import { describeExecAs, ExecAs } from './execAs';
import { ProcessSession } from './processSession';
import type { SessionKind } from './session';

export class ExecSession extends ProcessSession {
  argv: string[] | undefined;
  private readonly marker = `BERTH_SESSION=${randomUUID()}`;
  private exited_ = false;

  constructor(
    private readonly engine: TerminalStreams,
    readonly containerId: string,
    readonly containerName: string,
    readonly kind: SessionKind,
    private readonly resolveArgv: () => Promise<string[]>,
    /** The user and folder it runs as (`docker exec -u -w`); empty: the image's. */
    readonly as: ExecAs = {},
  ) {
    super(kind === 'shell' ? l10n.t('Shell: {0}', `${containerName}${describeExecAs(as)}`) : l10n.t('Exec: {0}', `${containerName}${describeExecAs(as)}`));
  }

  protected async start(): Promise<void> {
    const argv = await this.resolveArgv();
    if (argv.length === 0) throw new Error(l10n.t('No command to run.'));
    this.argv = argv;
    const size = this.dimensions && { cols: this.dimensions.columns, rows: this.dimensions.rows };
    const process = await this.engine.exec(this.containerId, argv, this.marker, size, this.as);
    if (this.closed) {
      process.close();
      return;
    }
    const exit = this.pipe(process);
    // Engines before API 1.42 ignore the exec's initial size: resize right away, as the docker CLI does.
    await this.resizeProcess(this.dimensions);
    exit.then((code) => this.exited(code), (error: unknown) => this.failed(error));
  }

  protected override teardown(): void {
    const running = this.process !== undefined && !this.exited_;
    super.teardown();
    // Closing the terminal ends the process, as closing a terminal hangs up its shell.
    if (running) {
      this.exited_ = true;
      void this.engine.hangUp(this.containerId, this.marker).catch(() => undefined);
    }
  }

  private exited(code: number | undefined): void {
    this.exited_ = true;
    if (this.closed || this.ended) return;
    this.exitCode = code;
    this.endAndWaitForKey(this.kind === 'shell' ? l10n.t('The shell exited with code {0}.', String(code ?? '?')) : l10n.t('{0} exited with code {1}.', joinArgv(this.argv ?? []), String(code ?? '?')));
  }

  private failed(error: unknown): void {
    this.exited_ = true;
    if (this.closed || this.ended) return;
    if (error instanceof EngineError && error.kind === 'notFound') {
      this.endAndWaitForKey(l10n.t('The container {0} is gone; the session ended.', this.containerName));
    } else {
      this.fail(error);
    }
  }
}
