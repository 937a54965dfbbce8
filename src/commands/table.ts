/**
 * Every command Berth contributes, in one table: id → handler, composed from one
 * file per area. A unit test holds this table equal to package.json's
 * `contributes.commands` in both directions. Handlers receive (item?, selected?)
 * from tree menus and nothing from the palette, where they fall back to a quick pick.
 */
import type { BerthContext } from '../context';
import { buildCommands } from './build';
import { registryCommands } from './registries';
import { runCommands } from './run';
import type { Views } from '../views';
import { cliDocumentCommands } from './cliDocuments';
import { containerCommands } from './containers';
import { filesCommands } from './files';
import { imageCommands } from './images';
import { networkCommands } from './networks';
import { systemCommands } from './system';
import { volumeCommands } from './volumes';
import { terminalCommands } from './terminals';

export type CommandHandler = (item?: unknown, selected?: unknown[]) => unknown;

export interface CommandDeps {
  ctx: BerthContext;
  views: Views;
}

function generalCommands(deps: CommandDeps): Record<string, CommandHandler> {
  return {
    'berth.explorer.refresh': () => deps.views.refreshAll(),
    'berth.log.show': () => deps.ctx.log.show(),
  };
}

export function commandTable(deps: CommandDeps): Record<string, CommandHandler> {
  return {
    ...generalCommands(deps),
    ...buildCommands(deps),
    ...runCommands(deps),
    ...registryCommands(deps),
    ...containerCommands(deps),
    ...cliDocumentCommands(deps),
    ...imageCommands(deps),
    ...networkCommands(deps),
    ...volumeCommands(deps),
    ...systemCommands(deps),
    ...terminalCommands(deps),
    ...filesCommands(deps),
  };
}
