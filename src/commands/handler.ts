/**
 * What a command is: a handler that receives (item?, selected?) from tree menus and
 * nothing from the palette, where it falls back to a quick pick. A leaf module, so each
 * area's file can name the type without importing the table that assembles them.
 */
import type { Services } from '../services';

export type CommandHandler = (item?: unknown, selected?: unknown[]) => unknown;

/** One area's commands, made from the services record. */
export type CommandHandlers = Record<string, CommandHandler>;

export type MakeHandlers = (services: Services) => CommandHandlers;
