/**
 * Every command Berth contributes, in one table: id → handler. Handlers live here in
 * src/commands, one file per area, and receive the services record built in activate();
 * the capabilities they drive (src/tasks, src/run, src/registries, src/terminals,
 * src/files, the views) never import src/commands. A unit test holds this table equal
 * to package.json's `contributes.commands` in both directions.
 */
import type { Services } from '../services';
import { buildCommands } from './build';
import { cliDocumentCommands } from './cliDocuments';
import { composeCommands } from './compose';
import { containerCommands } from './containers';
import { dockerCommandCommands } from './dockerCommands';
import { engineCommands } from './engines';
import { filesCommands } from './files';
import type { CommandHandlers } from './handler';
import { imageCommands } from './images';
import { learnCommands, withLessonFacts } from './learn';
import { layerCommands } from './layers';
import { logViewCommands } from './logViews';
import { networkCommands } from './networks';
import { registryCommands } from './registries';
import { runCommands } from './run';
import { statsCommands } from './stats';
import { systemCommands } from './system';
import { terminalCommands } from './terminals';
import { volumeCommands } from './volumes';
import { workspaceCommands } from './workspace';

function generalCommands(services: Services): CommandHandlers {
  return {
    'berth.explorer.refresh': () => services.views.refreshAll(),
    'berth.log.show': () => services.context.log.show(),
  };
}

export function commandTable(services: Services): CommandHandlers {
  return withLessonFacts({
    ...generalCommands(services),
    ...buildCommands(services),
    ...runCommands(services),
    ...registryCommands(services),
    ...engineCommands(services),
    ...containerCommands(services),
    ...composeCommands(services),
    ...cliDocumentCommands(services),
    ...imageCommands(services),
    ...layerCommands(services),
    ...networkCommands(services),
    ...volumeCommands(services),
    ...systemCommands(services),
    ...terminalCommands(services),
    ...statsCommands(services),
    ...logViewCommands(services),
    ...filesCommands(services),
    ...dockerCommandCommands(services),
    ...learnCommands(services),
    ...workspaceCommands(services),
  }, services);
}
