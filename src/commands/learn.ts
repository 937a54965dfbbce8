/**
 * The walkthrough's own commands (handlers in learnHandlers.ts, loaded on first use), and
 * the lesson a command teaches when the engine reports nothing for it: following logs
 * sends no engine event, so the logs commands record it themselves once they opened.
 */
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { lazyTable } from './lazy';

export const learnCommandIds = ['berth.learn.open', 'berth.learn.run', 'berth.learn.create', 'berth.learn.writeDockerfile', 'berth.learn.reset'] as const;

export function learnCommands(services: Services): CommandHandlers {
  return lazyTable(learnCommandIds, services, async () => (await import('./learnHandlers')).learnHandlers);
}

/** Commands that show a container's logs: a result means the logs opened. */
const logsCommandIds = ['berth.containers.viewLogs', 'berth.containers.openLogs', 'berth.containers.showLogView', 'berth.containerGroup.viewLogs', 'berth.containerGroup.showLogView', 'berth.compose.logs'];

/** The table with the logs commands recording the lesson once they showed logs. */
export function withLessonFacts(table: CommandHandlers, services: Services): CommandHandlers {
  const wrapped = { ...table };
  for (const id of logsCommandIds) {
    const handler = table[id];
    if (!handler) continue;
    wrapped[id] = async (item, selected) => {
      const result = await handler(item, selected);
      if (result !== undefined) await services.learn.record('logs');
      return result;
    };
  }
  return wrapped;
}
