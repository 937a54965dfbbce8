/**
 * Log view commands: a container's logs, or a compose project's interleaved, in a webview
 * that follows across restarts and filters (src/logs). From the tree they get the item;
 * from the palette they ask. Tests may pass a request, `{ container, since, until, tail }` or
 * `{ project, since, until, tail }`. No vscode import (the table loads in plain Node).
 */
import * as l10n from '@vscode/l10n';
import type { LogViewOptions } from '../logs';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { composeGroupArg, containerArg } from './terminals';

function requestOf(item: unknown, key: 'container' | 'project'): { target: unknown; options: LogViewOptions } {
  if (typeof item !== 'object' || item === null || !(key in item)) return { target: item, options: {} };
  const request = item as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    target: request[key],
    options: { since: text(request.since), until: text(request.until), tail: typeof request.tail === 'number' ? request.tail : undefined, timestamps: typeof request.timestamps === 'boolean' ? request.timestamps : undefined },
  };
}

export function logViewCommands(services: Services): CommandHandlers {
  return {
    'berth.containers.showLogView': async (item) => {
      const { target, options } = requestOf(item, 'container');
      const container = await containerArg(services, target, undefined, l10n.t('Container whose logs to show in a log view'));
      return container && services.logViews.show([{ id: container.id, name: container.name }], l10n.t('Logs: {0}', container.name), options);
    },
    'berth.containerGroup.showLogView': async (item) => {
      const { target, options } = requestOf(item, 'project');
      const group = await composeGroupArg(services, target, l10n.t('Compose project whose logs to show in a log view'));
      return group && services.logViews.show(group.targets.map((t) => ({ id: t.id, name: t.service })), l10n.t('Logs: {0}', group.project), { ...options, composeProject: group.project });
    },
  };
}
