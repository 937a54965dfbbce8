/** Registries, credentials and Pull… (handlers in src/registries/commands.ts). */
import { lazyTable } from './lazy';
import type { CommandDeps, CommandHandler } from './table';

export const registryCommandIds = [
  'berth.images.pullReference',
  'berth.images.pullAllTags',
  'berth.registries.refresh',
  'berth.registries.add',
  'berth.registries.remove',
  'berth.registries.logIn',
  'berth.registries.logOut',
  'berth.registries.searchHub',
  'berth.registries.pullTag',
  'berth.registries.copyReference',
  'berth.registries.inspectManifest',
  'berth.registries.deleteTag',
] as const;

export function registryCommands(deps: CommandDeps): Record<string, CommandHandler> {
  return lazyTable(registryCommandIds, deps, async () => (await import('../registries/commands')).registryHandlers);
}
