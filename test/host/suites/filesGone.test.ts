/**
 * A container whose files are shown goes away: its Files and Changes are expanded in
 * the Containers tree and two of its files are open in editors, one with unsaved text.
 * VS Code's auto-save (on in code-server, one second after typing) used to save that
 * text into the removed container and fail with an error notification ("Failed to save
 * …: The folder / does not exist in the container") for a removal the person made; with
 * auto-save off (VS Code's default) the editors stayed open on files that no longer
 * exist. Now the container's editors close and the unsaved text moves to an untitled
 * editor: before the engine is asked, for Berth's Remove; when the engine's list no
 * longer has it, for a removal outside VS Code. Every save VS Code makes goes through
 * the provider's writeFile, so a failed save shows there.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { BerthApi } from '../../../src/extension';
import { isFilesNode } from '../../../src/files/nodes';
import { containerUri } from '../../../src/files/provider';
import { BerthLog } from '../support/berth';
import { takeScreenshot } from '../../support/screenshot';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { answered, berthApi, containerNode, noContainerNode, run } from './explorerHelpers';

const docker = testDocker();

/** Tabs showing a file of the container, in every editor group. */
function tabsOf(containerId: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'berth-container' && t.input.uri.authority === containerId);
}

describe('Files of a container that goes away', function () {
  this.timeout(120_000);
  let api: BerthApi;
  let log: BerthLog;
  const made: Docker.Container[] = [];

  before(async () => {
    api = await berthApi();
    log = new BerthLog(api);
    assert.equal(vscode.workspace.getConfiguration('files').get('autoSave'), 'afterDelay', 'code-server saves edited files after a delay: the suite relies on it to try the save a removal used to break');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const c of made) await c.remove({ force: true }).catch(() => undefined);
  });

  for (const how of ['Berth\'s Remove', 'the engine\'s client outside VS Code']) {
    it(`removed by ${how}: its editors close, unsaved text moves to an untitled editor, no failed save, no error`, async () => {
      const outside = how !== 'Berth\'s Remove';
      // Outside VS Code the removal is seen through the engine's events, later than a second after typing on a busy machine: auto-save off there, as in VS Code's default.
      if (outside) await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
      const name = uniqueName('gone');
      const c = await docker.createContainer({ name, Image: testImage, Cmd: ['sleep', '600'] });
      made.push(c);
      await c.start();
      const clean = containerUri(c.id, '/etc/berth-clean.txt');
      const dirty = containerUri(c.id, '/etc/berth-dirty.txt');
      await vscode.workspace.fs.writeFile(clean, Buffer.from('clean\n'));
      await vscode.workspace.fs.writeFile(dirty, Buffer.from('dirty\n'));
      await vscode.window.showTextDocument(clean, { preview: false });
      await vscode.commands.executeCommand('berth.containers.focus');
      // Running in the tree too: Berth's Remove forces only what it knows to be running.
      const node = await containerNode(api, name, 'running');
      for (const child of await api.views.containers.getChildren(node)) {
        if (isFilesNode(child)) await api.views.treeViews.containers.reveal(child, { expand: true, select: false, focus: false });
      }
      // Typed just before the removal: auto-save has not run yet when the container goes.
      const dirtyEditor = await vscode.window.showTextDocument(dirty, { preview: false });
      const text = `dirty\nnot saved ${how}\n`;
      await dirtyEditor.edit((edit) => edit.insert(new vscode.Position(1, 0), `not saved ${how}\n`));
      assert.equal(tabsOf(c.id).length, 2);
      const berthMark = log.mark();
      const provider = api.files.provider;
      const write = provider.writeFile.bind(provider);
      const failedSaves: string[] = [];
      provider.writeFile = (uri, content, options) => write(uri, content, options).catch((error: unknown) => {
        if (uri.authority === c.id) failedSaves.push(`${uri.path}: ${String(error)}`);
        throw error;
      });

      let untitled: vscode.TextDocument | undefined;
      try {
        if (outside) await c.remove({ force: true });
        else await answered(api, ['Remove'], () => run('berth.containers.remove', node));
        await noContainerNode(api, name);
        await waitFor(() => tabsOf(c.id).length === 0, 'the removed container\'s editors to close');
        untitled = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.isUntitled && d.getText() === text), 'the unsaved text in an untitled editor');
        assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === untitled), 'the untitled editor is shown');
        assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.authority === c.id && d.isDirty), false, 'no dirty document of the removed container is left to auto-save');
        // Longer than the auto-save delay (1 s): a save into the removed container would have failed by now.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await takeScreenshot(`files-gone-${outside ? 'outside' : 'remove'}`);
      } finally {
        delete (provider as { writeFile?: unknown }).writeFile;
        if (outside) await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
      }
      assert.deepEqual(failedSaves, [], `VS Code tried to save into the removed container; Berth's log said: ${log.text().slice(berthMark)}`);

      assert.match(log.text().slice(berthMark), new RegExp(`Container ${c.id.slice(0, 12)} is removed: closed 2 editor\\(s\\) of its files; unsaved text of /etc/berth-dirty.txt moved to untitled editors`));
      assert.doesNotMatch(log.text().slice(berthMark), /\[error\]/, 'Berth logged no error');
      // The untitled copy is the test's to throw away (closing it dirty would ask to save it).
      await vscode.window.showTextDocument(untitled);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  }
});
