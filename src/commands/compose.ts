/** Compose projects from their files: up, down, lifecycle, pull, build, logs, resolved config (handlers in composeHandlers.ts, loaded on first use). */
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { lazyTable } from './lazy';

export const composeCommandIds = [
  'berth.compose.up', 'berth.compose.upSelect', 'berth.compose.down',
  'berth.compose.start', 'berth.compose.stop', 'berth.compose.restart', 'berth.compose.pause', 'berth.compose.unpause',
  'berth.compose.pull', 'berth.compose.build', 'berth.compose.logs', 'berth.compose.showConfig', 'berth.compose.chooseEnvFile', 'berth.compose.refresh',
] as const;

export function composeCommands(services: Services): CommandHandlers {
  return lazyTable(composeCommandIds, services, async () => (await import('./composeHandlers')).composeHandlers);
}
