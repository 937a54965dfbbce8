/**
 * The UI side effects explorer commands need, behind one object so command modules
 * never import vscode at run time: progress over many targets, clipboard, browser,
 * notifications.
 */
import * as vscode from 'vscode';
import { describeError } from '../errorText';

export class Ui {
  /**
   * Runs `work` on every target under one progress notification (cancellable: the
   * signal aborts what is in flight, and targets not yet started are skipped). Targets
   * run a few at a time; every failure is collected and reported in one error.
   */
  async run<T>(
    title: string,
    targets: readonly T[],
    name: (target: T) => string,
    work: (target: T, signal: AbortSignal) => Promise<unknown>,
    concurrency = 4,
  ): Promise<void> {
    if (targets.length === 0) return;
    const failures: string[] = [];
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      let next = 0;
      let done = 0;
      const worker = async (): Promise<void> => {
        while (next < targets.length && !controller.signal.aborted) {
          const target = targets[next++];
          try {
            await work(target, controller.signal);
          } catch (error) {
            failures.push(targets.length > 1 ? `${name(target)}: ${describeError(error)}` : describeError(error));
          }
          done++;
          if (targets.length > 1) progress.report({ message: `${done}/${targets.length}`, increment: 100 / targets.length });
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
      } finally {
        cancelled.dispose();
      }
    });
    if (failures.length > 0) throw new Error(failures.length === 1 ? failures[0] : vscode.l10n.t('{0} failed for {1} of {2}: {3}', title, failures.length, targets.length, failures.join(' ')));
  }

  async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  }

  async openExternal(url: string): Promise<boolean> {
    return vscode.env.openExternal(vscode.Uri.parse(url));
  }

  /** Shows JSON in an untitled editor (`docker context inspect`'s output, say). */
  async showJson(value: unknown): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(value, null, 2)}\n` });
    await vscode.window.showTextDocument(document, { preview: false });
  }

  info(message: string): void {
    void vscode.window.showInformationMessage(message);
  }
}
