/** Workspace commands: Add Docker Files (handlers in workspaceHandlers.ts, loaded on first use). */
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { lazyTable } from './lazy';

export const workspaceCommandIds = ['berth.workspace.addDockerFiles'] as const;

export function workspaceCommands(services: Services): CommandHandlers {
  return lazyTable(workspaceCommandIds, services, async () => (await import('./workspaceHandlers')).workspaceHandlers);
}
