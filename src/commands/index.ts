import * as vscode from 'vscode';
import { describeError } from '../errorText';
import type { Services } from '../services';
import { commandTable } from './table';

/** Registers the table; a failing handler becomes one error notification, never an unhandled rejection. */
export function registerCommands(services: Services): vscode.Disposable[] {
  return Object.entries(commandTable(services)).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (item?: unknown, selected?: unknown[]) => {
      try {
        return await handler(item, selected);
      } catch (error) {
        services.context.log.error(`${id}: ${describeError(error)}`);
        void vscode.window.showErrorMessage(describeError(error));
        return undefined;
      }
    }),
  );
}
