/**
 * A cloned repository's `.vscode/settings.json` must not choose Berth's engine (which
 * then receives pushes' registry logins and whole build contexts) or the command Attach
 * Shell runs. In Restricted Mode VS Code itself ignores these settings
 * (`restrictedConfigurations` in package.json) and Berth uses no engine at all; in a
 * trusted workspace Berth asks once before using a workspace's value, remembers the
 * answer for that workspace and value, and uses the person's own value meanwhile.
 */
import * as vscode from 'vscode';
import type { BerthConfig } from './schema';

/** Settings that pick the engine or a program to run: a workspace's value waits for consent. */
export const guardedKeys = ['host', 'context', 'requestTimeout', 'shell'] as const satisfies readonly (keyof BerthConfig)[];
export type GuardedKey = (typeof guardedKeys)[number];

const stateKey = 'berth.workspaceSettingsConsent';

/** The workspace's answers: "key=value as JSON" -> allowed. Set once at activation. */
let memory: vscode.Memento | undefined;

export function rememberConsentIn(workspaceState: vscode.Memento): void {
  memory = workspaceState;
}

function answers(): Record<string, boolean> {
  return memory?.get<Record<string, boolean>>(stateKey) ?? {};
}

const answerKey = (key: GuardedKey, value: unknown) => `${key}=${JSON.stringify(value)}`;

/** A workspace (or folder) value for a guarded key, when there is one. */
function workspaceValue(section: vscode.WorkspaceConfiguration, key: GuardedKey): { value: unknown; user: unknown } | undefined {
  const seen = section.inspect(key);
  if (!seen) return undefined;
  const value = seen.workspaceFolderValue ?? seen.workspaceValue;
  if (value === undefined) return undefined;
  return { value, user: seen.globalValue ?? seen.defaultValue };
}

/** The value Berth may use for a guarded key: the workspace's once allowed, else the person's own. */
export function guardedValue<T>(section: vscode.WorkspaceConfiguration, key: GuardedKey, merged: T): T {
  const fromWorkspace = workspaceValue(section, key);
  if (!fromWorkspace || answers()[answerKey(key, fromWorkspace.value)] === true) return merged;
  return fromWorkspace.user as T;
}

/** Workspace values that differ from the person's own and have no answer yet. */
export function unansweredWorkspaceValues(): { key: GuardedKey; value: unknown }[] {
  if (!vscode.workspace.isTrusted) return [];
  const section = vscode.workspace.getConfiguration('berth');
  const known = answers();
  const out: { key: GuardedKey; value: unknown }[] = [];
  for (const key of guardedKeys) {
    const found = workspaceValue(section, key);
    if (!found || JSON.stringify(found.value) === JSON.stringify(found.user) || answerKey(key, found.value) in known) continue;
    out.push({ key, value: found.value });
  }
  return out;
}

export async function recordAnswer(values: readonly { key: GuardedKey; value: unknown }[], allowed: boolean): Promise<void> {
  const next = { ...answers() };
  for (const { key, value } of values) next[answerKey(key, value)] = allowed;
  await memory?.update(stateKey, next);
}
