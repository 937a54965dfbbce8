import * as vscode from 'vscode';
import { describeError } from '../errorText';
import { CommandDeps, commandTable } from './table';

/** Registers the table; a failing handler becomes one error notification, never an unhandled rejection. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commandTable(deps)).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (item?: unknown, selected?: unknown[]) => {
      try {
        return await handler(item, selected);
      } catch (error) {
        deps.ctx.log.error(`${id}: ${describeError(error)}`);
        void vscode.window.showErrorMessage(describeError(error));
        return undefined;
      }
    }),
  );
}
