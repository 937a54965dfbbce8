/** Registries, credentials and Pull… (handlers in src/registries/commands.ts). */
import { lazyTable } from './lazy';
import type { CommandDeps, CommandHandler } from './table';

export const registryCommandIds = [
  'berth.image.pull',
  'berth.registry.refresh',
  'berth.registry.add',
  'berth.registry.remove',
  'berth.registry.logIn',
  'berth.registry.logOut',
  'berth.registry.searchHub',
  'berth.registry.pullTag',
  'berth.registry.copyReference',
  'berth.registry.inspectManifest',
  'berth.registry.deleteTag',
] as const;

export function registryCommands(deps: CommandDeps): Record<string, CommandHandler> {
  return lazyTable(registryCommandIds, deps, async () => (await import('../registries/commands')).registryHandlers);
}
