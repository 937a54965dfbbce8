/** Run… and Create… on an image (handlers in src/run/commands.ts). */
import { lazyTable } from './lazy';
import type { CommandDeps, CommandHandler } from './table';

export const runCommandIds = ['berth.images.run', 'berth.images.create'] as const;

export function runCommands(deps: CommandDeps): Record<string, CommandHandler> {
  return lazyTable(runCommandIds, deps, async () => (await import('../run/commands')).runHandlers);
}
