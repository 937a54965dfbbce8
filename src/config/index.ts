/** The one place settings are read (STYLE habit 5). */
import * as vscode from 'vscode';
import { BerthConfig, configDefaults, configSection } from './schema';

export { configDefaults, configSection };
export type { BerthConfig };

export function readConfig(): BerthConfig {
  const section = vscode.workspace.getConfiguration(configSection);
  return {
    host: section.get<string>('host', configDefaults.host),
  };
}

/** Fires when any berth.* setting changes. */
export function onConfigChange(listener: (config: BerthConfig) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(configSection)) listener(readConfig());
  });
}
