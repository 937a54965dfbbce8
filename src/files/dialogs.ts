/**
 * Save and open pickers for host paths, answerable from tests the way the Prompter
 * answers input boxes: `answer(...)` queues paths (or undefined for a cancel) that
 * the next dialogs take in order, and `strict` makes an unanswered dialog fail
 * instead of blocking the extension host.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HostDialogs } from './services';

export type DialogAnswer = string | string[] | undefined;

export class FileDialogs implements HostDialogs {
  private readonly answers: DialogAnswer[] = [];
  readonly asked: { kind: 'save' | 'open'; title: string }[] = [];
  strict = false;

  answer(...answers: DialogAnswer[]): void {
    this.answers.push(...answers);
  }

  pending(): number {
    return this.answers.length;
  }

  private next(kind: 'save' | 'open', title: string): { answered: true; value: DialogAnswer } | { answered: false } {
    this.asked.push({ kind, title });
    if (this.answers.length > 0) return { answered: true, value: this.answers.shift() };
    // l10n-ignore: the test prompter's own error
    if (this.strict) throw new Error(`No answer queued for the ${kind} dialog "${title}".`);
    return { answered: false };
  }

  async save(options: { title: string; defaultName: string; filters?: Record<string, string[]> }): Promise<string | undefined> {
    const queued = this.next('save', options.title);
    if (queued.answered) return Array.isArray(queued.value) ? queued.value[0] : queued.value;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({
      title: options.title,
      defaultUri: folder ? vscode.Uri.joinPath(folder, options.defaultName) : vscode.Uri.file(path.join(process.env.HOME ?? '/', options.defaultName)),
      filters: options.filters,
    });
    return uri?.fsPath;
  }

  async open(options: { title: string; files: boolean; folders: boolean; many: boolean; filters?: Record<string, string[]> }): Promise<string[] | undefined> {
    const queued = this.next('open', options.title);
    if (queued.answered) return queued.value === undefined ? undefined : Array.isArray(queued.value) ? queued.value : [queued.value];
    const uris = await vscode.window.showOpenDialog({
      title: options.title,
      canSelectFiles: options.files,
      canSelectFolders: options.folders,
      canSelectMany: options.many,
      filters: options.filters,
      openLabel: options.folders ? vscode.l10n.t('Upload') : vscode.l10n.t('Choose'),
    });
    return uris?.map((u) => u.fsPath);
  }
}
