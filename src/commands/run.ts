/** Run… and Create… on an image (handlers in runHandlers.ts, loaded on first use). */
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { lazyTable } from './lazy';

export const runCommandIds = ['berth.images.run', 'berth.images.create'] as const;

export function runCommands(services: Services): CommandHandlers {
  return lazyTable(runCommandIds, services, async () => (await import('./runHandlers')).runHandlers);
}
