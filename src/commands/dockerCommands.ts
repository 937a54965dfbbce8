/** "Copy as docker command" on containers, images, networks, volumes and berth-* tasks (handlers in dockerCommandHandlers.ts, loaded on first use). */
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { lazyTable } from './lazy';

export const dockerCommandIds = [
  'berth.containers.copyDockerCommand', 'berth.images.copyDockerCommand', 'berth.networks.copyDockerCommand', 'berth.volumes.copyDockerCommand', 'berth.tasks.copyDockerCommand',
] as const;

export function dockerCommandCommands(services: Services): CommandHandlers {
  return lazyTable(dockerCommandIds, services, async () => (await import('./dockerCommandHandlers')).dockerCommandHandlers);
}
