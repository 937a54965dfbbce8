/** The one place settings are read (STYLE habit 5). */
import * as vscode from 'vscode';
import { BerthConfig, configDefaults, configSection } from './schema';
import { guardedKeys, guardedValue } from './workspaceConsent';

export { configDefaults, configSection };
export type { BerthConfig };

export function readConfig(): BerthConfig {
  const section = vscode.workspace.getConfiguration(configSection);
  const config = { ...configDefaults };
  for (const key of Object.keys(configDefaults) as (keyof BerthConfig)[]) {
    (config as Record<string, unknown>)[key] = section.get(key, configDefaults[key]);
  }
  // The engine, its timeout and the shell come from a workspace's settings only once allowed.
  for (const key of guardedKeys) (config as Record<string, unknown>)[key] = guardedValue(section, key, config[key]);
  return config;
}

/** Writes one setting (user scope); the change listener then updates the context. */
export async function writeConfig<K extends keyof BerthConfig>(key: K, value: BerthConfig[K]): Promise<void> {
  await vscode.workspace.getConfiguration(configSection).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Fires when any berth.* setting changes. */
export function onConfigChange(listener: (config: BerthConfig) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(configSection)) listener(readConfig());
  });
}
