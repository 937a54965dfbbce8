/**
 * The questions terminal commands ask from the palette, phrased once here and asked
 * through the one Prompter (src/ui/prompt.ts), so host tests can answer them too.
 */
import * as vscode from 'vscode';
import type { ContainerSummary, ImageSummary } from '../engine/types';
import type { Prompter } from '../ui/prompt';
import { ArgvSyntaxError, splitArgv } from './argv';

/** The terminal questions, asked through the activation's Prompter. */
export function terminalPrompts(prompter: Prompter) {
  return {
    container(candidates: ContainerSummary[], title: string): Promise<ContainerSummary | undefined> {
      return prompter.pick(
        candidates.map((c) => ({ label: c.name, description: `${c.image} · ${c.status}`, value: c })),
        { title },
      );
    },

    image(images: ImageSummary[], title: string): Promise<string | undefined> {
      return prompter.pick(
        images.map((i) => ({ label: i.repoTags[0] ?? i.id.replace(/^sha256:/, '').slice(0, 12), description: i.repoTags.slice(1).join(', '), value: i.repoTags[0] ?? i.id })),
        { title },
      );
    },

    async one<T extends { label: string }>(items: T[], title: string): Promise<T | undefined> {
      return prompter.pick(items.map((item) => ({ ...item, value: item })), { title });
    },

    /** Asks for a command line and splits it into argv; undefined when cancelled. */
    async argv(title: string, placeholder: string, allowEmpty: boolean): Promise<string[] | undefined> {
      const line = await prompter.input({
        title,
        placeholder,
        validate: (value) => {
          if (!allowEmpty && !value.trim()) return 'The command is empty (e.g. ls -la /app).';
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
}

export type TerminalPrompts = ReturnType<typeof terminalPrompts>;
