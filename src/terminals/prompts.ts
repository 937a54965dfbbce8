/** The questions terminal commands ask from the palette: quick picks and input boxes. */
import * as vscode from 'vscode';
import type { ContainerSummary, ImageSummary } from '../engine';
import { ArgvSyntaxError, splitArgv } from './argv';

export const prompts = {
  async container(candidates: ContainerSummary[], placeHolder: string): Promise<ContainerSummary | undefined> {
    const picked = await vscode.window.showQuickPick(
      candidates.map((c) => ({ label: c.name, description: `${c.image} · ${c.status}`, container: c })),
      { placeHolder, matchOnDescription: true },
    );
    return picked?.container;
  },

  async image(images: ImageSummary[], placeHolder: string): Promise<string | undefined> {
    const picked = await vscode.window.showQuickPick(
      images.map((i) => ({ label: i.repoTags[0] ?? i.id.replace(/^sha256:/, '').slice(0, 12), description: i.repoTags.slice(1).join(', '), ref: i.repoTags[0] ?? i.id })),
      { placeHolder },
    );
    return picked?.ref;
  },

  async one<T extends { label: string }>(items: T[], placeHolder: string): Promise<T | undefined> {
    return vscode.window.showQuickPick(items, { placeHolder });
  },

  /** Asks for a command line and splits it into argv; undefined when cancelled. */
  async argv(prompt: string, placeHolder: string, allowEmpty: boolean): Promise<string[] | undefined> {
    const line = await vscode.window.showInputBox({
      prompt,
      placeHolder,
      validateInput: (value) => {
        if (!allowEmpty && !value.trim()) return 'Type a command, e.g. ls -la /app';
        try {
          splitArgv(value);
          return undefined;
        } catch (error) {
          return error instanceof ArgvSyntaxError ? error.message : String(error);
        }
      },
    });
    return line === undefined ? undefined : splitArgv(line);
  },

  info(message: string): void {
    void vscode.window.showInformationMessage(message);
  },
};

export type Prompts = typeof prompts;
