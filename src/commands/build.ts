/** Build, tag and push as berth-* tasks (handlers in buildHandlers.ts, loaded on first use). */
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { lazyTable } from './lazy';

export const buildCommandIds = ['berth.images.build', 'berth.images.push'] as const;

export function buildCommands(services: Services): CommandHandlers {
  return lazyTable(buildCommandIds, services, async () => (await import('./buildHandlers')).buildHandlers);
}
