/**
 * Stop and Restart with a grace period (`docker stop -t N`, `docker restart -t N`): the
 * seconds the process gets after SIGTERM before the engine kills it. The progress
 * notification says how long it may wait, so a slow stop is not a silent one.
 */
import * as l10n from '@vscode/l10n';
import type { ContainerState, ContainerSummary } from '../engine/types';
import type { Containers } from '../engine/containers';
import { validateGracePeriod } from '../engine/validate';
import type { Prompter } from '../ui/prompt';
import type { CommandHandler, CommandHandlers } from './handler';

/** The lifecycle actions a grace period applies to. */
export type Verb = 'Stopping' | 'Restarting';

/** What a plain stop waits for: the container's own stop timeout, 10 s unless it was created with another. */
export const defaultGraceNote = (): string => ` ${l10n.t('(SIGTERM, then killed after its stop timeout, 10 s unless set)')}`;

export function graceNote(seconds: number): string {
  return ` ${seconds === 0 ? l10n.t('(killed at once)') : l10n.t('(SIGTERM, then killed after {0} s)', seconds)}`;
}

type Lifecycle = (verb: Verb, states: ContainerState[] | undefined, call: (c: ContainerSummary, signal: AbortSignal) => Promise<unknown>, note: string) => CommandHandler;

export function gracePeriodCommands(prompt: () => Prompter, lifecycle: Lifecycle, engine: (c: ContainerSummary) => Containers): CommandHandlers {
  const withGrace = (verb: Verb, states: ContainerState[] | undefined, act: (c: ContainerSummary, timeout: number, signal: AbortSignal) => Promise<unknown>): CommandHandler =>
    async (item, selected) => {
      const text = await prompt().input({
        title: verb === 'Stopping' ? l10n.t('Stopping: grace period') : l10n.t('Restarting: grace period'),
        prompt: l10n.t('Seconds the process gets after SIGTERM before it is killed (docker stop -t); 0 kills at once.'),
        value: '10',
        validate: validateGracePeriod,
      });
      if (text === undefined) return;
      const seconds = Number(text.trim());
      return lifecycle(verb, states, (c, signal) => act(c, seconds, signal), graceNote(seconds))(item, selected);
    };
  return {
    'berth.containers.stopAfter': withGrace('Stopping', ['running', 'paused', 'restarting'], (c, timeout, signal) => engine(c).stop(c.id, { timeout, signal })),
    'berth.containers.restartAfter': withGrace('Restarting', undefined, (c, timeout, signal) => engine(c).restart(c.id, { timeout, signal })),
  };
}
