/** Registries, credentials and Pull… (handlers in registryHandlers.ts, loaded on first use). */
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { lazyTable } from './lazy';

export const registryCommandIds = [
  'berth.images.pullReference',
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

export function registryCommands(services: Services): CommandHandlers {
  return lazyTable(registryCommandIds, services, async () => (await import('./registryHandlers')).registryHandlers);
}
