/** Build, tag and push as berth-* tasks (handlers in src/tasks/commands.ts). */
import { lazyTable } from './lazy';
import type { CommandDeps, CommandHandler } from './table';

export const buildCommandIds = ['berth.images.build', 'berth.images.push'] as const;

export function buildCommands(deps: CommandDeps): Record<string, CommandHandler> {
  return lazyTable(buildCommandIds, deps, async () => (await import('../tasks/commands')).buildHandlers);
}
