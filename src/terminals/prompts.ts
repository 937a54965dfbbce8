/**
 * The questions terminal commands ask from the palette, phrased once here and asked
 * through the one Prompter (src/ui/prompt.ts), so host tests can answer them too.
 */
import * as vscode from 'vscode';
import type { ContainerSummary, ImageSummary } from '../engine/types';
import { validateContainerDirectory, validateExecUser } from '../engine/validate';
import { ExecAs, normalExecAs } from './execAs';
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
          if (!allowEmpty && !value.trim()) return vscode.l10n.t('The command is empty (e.g. ls -la /app).');
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

    /** `docker exec -u -w`: the user, then the folder, each offered as last time; empty keeps the image's. Undefined when cancelled. */
    async execAs(name: string, last: ExecAs): Promise<ExecAs | undefined> {
      const user = await prompter.input({
        title: vscode.l10n.t('Run as which user in {0}? (exec -u)', name),
        prompt: vscode.l10n.t('A name or uid, optionally with :group or :gid (e.g. www-data, 1000:1000); empty for the image\'s user'),
        value: last.user ?? '',
        validate: (text) => (text.trim() ? validateExecUser(text) : undefined),
      });
      if (user === undefined) return undefined;
      const workdir = await prompter.input({
        title: vscode.l10n.t('In which folder of {0}? (exec -w)', name),
        prompt: vscode.l10n.t('An absolute path (e.g. /app); empty for the image\'s working directory'),
        value: last.workdir ?? '',
        validate: (text) => (text.trim() ? validateContainerDirectory(text) : undefined),
      });
      if (workdir === undefined) return undefined;
      return normalExecAs({ user, workdir });
    },

    /** Closing an attached terminal: leave the container running, or stop it. */
    async closeAttached(name: string): Promise<'detach' | 'stop' | undefined> {
      const [detach, stop] = [vscode.l10n.t('Detach'), vscode.l10n.t('Stop')];
      const answer = await prompter.confirm(vscode.l10n.t('Closed the terminal attached to {0}: detach or stop it?', name),
        vscode.l10n.t('Detach leaves {0} running (docker attach\'s Ctrl+P Ctrl+Q); Stop stops it (docker stop).', name), detach, stop);
      return answer === stop ? 'stop' : answer === detach ? 'detach' : undefined;
    },

    info(message: string): void {
      void vscode.window.showInformationMessage(message);
    },
  };
}

export type TerminalPrompts = ReturnType<typeof terminalPrompts>;
