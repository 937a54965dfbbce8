/** The one place settings are read (STYLE habit 5). */
import * as vscode from 'vscode';
import { BerthConfig, configDefaults, configSection } from './schema';

export { configDefaults, configSection };
export type { BerthConfig };

export function readConfig(): BerthConfig {
  const section = vscode.workspace.getConfiguration(configSection);
  const read = <K extends keyof BerthConfig>(key: K): BerthConfig[K] => section.get<BerthConfig[K]>(key, configDefaults[key]);
  return {
    host: read('host'),
    shell: read('shell'),
    'logs.tail': read('logs.tail'),
    'logs.timestamps': read('logs.timestamps'),
    'logs.since': read('logs.since'),
    'run.autoRemove': read('run.autoRemove'),
  };
}

/** Fires when any berth.* setting changes. */
export function onConfigChange(listener: (config: BerthConfig) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(configSection)) listener(readConfig());
  });
}
