/**
 * Runs a task whose pseudo-terminal reports a result, and waits for that result. A task
 * that ends before its terminal opened (terminated at once, or its terminal closed) never
 * reports: it settles as failed shortly after VS Code says it ended.
 */
import * as vscode from 'vscode';

export interface ReportedResult {
  ok: boolean;
  output: string;
}

/** How long after the task's end its own report may still arrive. */
const reportGraceMs = 2_000;

export async function executeForResult<R extends ReportedResult>(makeTask: (report: (result: R) => void) => vscode.Task): Promise<R | ReportedResult> {
  let settle: (result: R) => void = () => undefined;
  const reported = new Promise<R>((resolve) => (settle = resolve));
  const execution = await vscode.tasks.executeTask(makeTask((result) => settle(result)));
  const ended = new Promise<ReportedResult>((resolve) => {
    const listener = vscode.tasks.onDidEndTask((event) => {
      if (event.execution !== execution) return;
      listener.dispose();
      setTimeout(() => resolve({ ok: false, output: '' }), reportGraceMs);
    });
  });
  return Promise.race([reported, ended]);
}
