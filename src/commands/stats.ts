/**
 * The stats panels: graphs and a sortable table for one container, a compose project or
 * every running container. From the tree they get the container or the group; from the
 * palette they ask. Each returns its panel (tests read it). No vscode import here (the
 * command table loads in plain Node for the manifest test).
 */
import * as l10n from '@vscode/l10n';
import type { Services } from '../services';
import { composeProjects } from '../stats/scope';
import type { CommandHandlers } from './handler';
import { composeProjectOf, containerRefOf } from './terminals';

export function statsCommands(services: Services): CommandHandlers {
  return {
    'berth.containers.showStats': async (item) => {
      let container = containerRefOf(item);
      if (!container) {
        const running = (await services.context.engine.listContainers({ all: true })).filter((c) => c.state === 'running');
        if (running.length === 0) {
          services.terminals.prompts.info(l10n.t('No running containers: stats are streamed only from running ones.'));
          return undefined;
        }
        container = await services.terminals.prompts.container(running, l10n.t('Container whose stats to graph'));
      }
      return container && services.stats.show({ kind: 'container', id: container.id, name: container.name });
    },
    'berth.containerGroup.showStats': async (item) => {
      let project = composeProjectOf(item);
      if (project === undefined) {
        const projects = composeProjects(await services.context.engine.listContainers({ all: true }));
        if (projects.length === 0) {
          services.terminals.prompts.info(l10n.t('No compose projects among the containers.'));
          return undefined;
        }
        project = (await services.terminals.prompts.one(projects.map((label) => ({ label })), l10n.t('Compose project whose stats to graph')))?.label;
      }
      return project && services.stats.show({ kind: 'compose', project });
    },
    'berth.stats.showAll': () => services.stats.show({ kind: 'all' }),
  };
}
