/**
 * When a container whose files are open goes away (Berth's Remove, the docker CLI, an
 * engine switch), what belonged to it goes too, quietly: its editors close, its cached
 * listings are dropped. An editor with unsaved text is not thrown away: the text moves
 * to an untitled editor first. Left open, such an editor fails on its next save (and
 * VS Code's auto-save tries that by itself, with an error notification for a removal
 * the person made); nothing can be saved into a container that no longer exists.
 */
import * as vscode from 'vscode';
import type { ContainerSummary } from '../engine/types';
import type { Store } from '../state/store';
import type { ContainerFs } from './containerFs';
import { containerScheme } from './paths';

export function followRemovals(containers: Store<ContainerSummary>, fs: ContainerFs, log: vscode.LogOutputChannel): vscode.Disposable {
  // One removal at a time: closing editors is asynchronous and the list may change meanwhile.
  let queue = Promise.resolve();
  return containers.onDidChange(() => {
    const state = containers.current;
    // Only a list the engine answered says a container is gone (not loading, not unreachable).
    if (state.kind !== 'ready') return;
    const live = new Set(state.items.map((c) => c.id));
    fs.forgetAllBut(live);
    const gone = openContainerIds().filter((id) => !live.has(id));
    for (const id of gone) {
      // A list that started before the container was created does not show it yet: ask the engine.
      queue = queue.then(async () => (await fs.containerExists(id)) ? undefined : releaseFiles(id, log)).catch((error: unknown) => log.warn(`Closing the editors of removed container ${id.slice(0, 12)}: ${String(error)}`));
    }
  });
}

function containerOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === containerScheme ? uri.authority : undefined;
}

function tabUris(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}

function openContainerIds(): string[] {
  const ids = new Set<string>();
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) for (const uri of tabUris(tab)) ids.add(containerOf(uri) ?? '');
  for (const doc of vscode.workspace.textDocuments) if (doc.isDirty) ids.add(containerOf(doc.uri) ?? '');
  ids.delete('');
  return [...ids];
}

/**
 * Closes the editors of a container's files; unsaved text moves to untitled editors first.
 * Berth's Remove calls it before asking the engine, so an auto-save cannot land in between.
 */
export async function releaseFiles(id: string, log: vscode.LogOutputChannel): Promise<void> {
  const ofContainer = (uri: vscode.Uri) => containerOf(uri) === id;
  const kept: string[] = [];
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && ofContainer(d.uri))) {
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => tabUris(t).some((u) => u.toString() === doc.uri.toString()));
    const column = tab?.group.viewColumn ?? vscode.ViewColumn.Active;
    const copy = await vscode.workspace.openTextDocument({ content: doc.getText(), language: doc.languageId });
    // VS Code reverts only the active editor (reading the file again, or nothing once it is gone).
    await vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
    if (vscode.window.activeTextEditor?.document === doc) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(copy, { viewColumn: column, preview: false });
    if (doc.isDirty) log.warn(`Could not close the editor of ${doc.uri.path} in container ${id.slice(0, 12)}; its text is also in an untitled editor.`);
    else kept.push(doc.uri.path);
  }
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => !t.isDirty && tabUris(t).some(ofContainer));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  if (tabs.length + kept.length === 0) return;
  log.info(`Container ${id.slice(0, 12)} is removed: closed ${tabs.length + kept.length} editor(s) of its files${kept.length ? `; unsaved text of ${kept.join(', ')} moved to untitled editors` : ''}.`);
}
