/**
 * Views that change while the side bar shows something else. VS Code keeps a hidden
 * tree's refreshes and runs them itself when the tree shows again, outside the
 * extension host's queue of refreshes; a change arriving while that refresh asked for
 * the layers of expanded tags made the host drop every item, and it logged "No tree
 * item with id … found" for each tag VS Code asked about next. The change is made at
 * the moment that matters (while VS Code asks for the first expanded tag's layers, a
 * real engine call), and the extension host's own log is the judge.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import type { ImageSummary } from '../../../src/engine/types';
import type { ImageNode, ImageTagNode } from '../../../src/views/imageItems';
import type { ActionNode } from '../../../src/views/problem';
import { takeScreenshot } from '../../support/screenshot';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { berthApi, walk } from './explorerHelpers';

const docker = testDocker();

/** The extension host's own log (where VS Code's tree code logs), beside Berth's log folder. */
function extensionHostLog(api: BerthApi): string {
  const dir = path.dirname(api.context.extension.logUri.fsPath);
  const file = fs.readdirSync(dir).find((name) => /exthost\.log$/i.test(name));
  assert.ok(file, `no extension host log in ${dir} (found ${fs.readdirSync(dir).join(', ')})`);
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

async function imageNode(api: BerthApi, reference: string): Promise<ImageTagNode> {
  return waitFor(async () => (await walk(api.views.images, (n) => n.kind === 'image')).find((n): n is ImageTagNode => n.kind === 'image' && n.reference === reference), `image ${reference} in the Images tree`);
}

function storeHas(api: BerthApi, reference: string): boolean {
  const state = api.stores.images.current;
  return state.kind === 'ready' && (state.items as ImageSummary[]).some((i) => i.repoTags.includes(reference));
}

async function visibility(view: vscode.TreeView<unknown>, visible: boolean): Promise<void> {
  await waitFor(() => view.visible === visible, `the Images view to be ${visible ? 'shown' : 'hidden'}`);
}

describe('Views changed while hidden', function () {
  this.timeout(120_000);
  let api: BerthApi;
  const repo = uniqueName('hidden').replace(/[^a-z0-9-]/g, '');
  const made: string[] = [];
  const tag = async (reference: string): Promise<void> => {
    const at = reference.lastIndexOf(':');
    await docker.getImage(testImage).tag({ repo: reference.slice(0, at), tag: reference.slice(at + 1) });
    made.push(reference);
  };

  before(async () => {
    api = await berthApi();
  });
  after(async () => {
    delete (api.views.images as { getChildren?: unknown }).getChildren;
    for (const reference of made) await docker.getImage(reference).remove().catch(() => undefined);
  });

  for (const [hide, how] of [['workbench.view.explorer', 'the side bar showed the Explorer'], ['workbench.action.closeSidebar', 'the side bar was closed']]) {
    it(`the Images view takes changes made while ${how}, keeps its expanded tags, and the host logs no missing tree item`, async () => {
      await vscode.commands.executeCommand('berth.images.focus');
      const own = `${repo}-${hide.length}`;
      const names = ['one', 'two', 'three'].map((n) => `${own}:${n}`);
      for (const reference of names) {
        await tag(reference);
        // Expanded: VS Code asks for their layers (an engine call each) on every refresh.
        await api.views.treeViews.images.reveal(await imageNode(api, reference), { expand: true, select: false, focus: false });
      }
      const logStart = extensionHostLog(api).length;

      await vscode.commands.executeCommand(hide);
      await visibility(api.views.treeViews.images, false);
      const hidden = `${own}:hidden`;
      await tag(hidden);
      await waitFor(() => storeHas(api, hidden), `the images store to list ${hidden}`);
      assert.ok(api.views.images.holding, 'the change made while hidden waits for the view to show');

      // When VS Code next asks for an expanded tag's layers, another change arrives first.
      const shown = `${own}:shown`;
      const provider = api.views.images;
      const original = provider.getChildren.bind(provider);
      let changeDuringLayers: Promise<void> | undefined;
      provider.getChildren = (element?: ImageNode | ActionNode) => {
        if (element?.kind !== 'image' || changeDuringLayers) return original(element);
        changeDuringLayers = tag(shown).then(() => waitFor(() => storeHas(api, shown), `the images store to list ${shown}`)).then(() => undefined);
        return changeDuringLayers.then(() => original(element));
      };
      try {
        await vscode.commands.executeCommand('berth.images.focus');
        await visibility(api.views.treeViews.images, true);
        await waitFor(() => changeDuringLayers !== undefined, 'VS Code to ask for an expanded tag\'s layers after the view showed again');
        await changeDuringLayers;
        // VS Code's own rendering shows both changes: the repository's row counts five tags.
        const repoNode = (await api.views.images.getChildren()).find((n) => n.kind === 'imageRepo' && n.repository === own);
        assert.ok(repoNode, `${own} in the Images tree`);
        await api.views.treeViews.images.reveal(repoNode, { select: false, focus: false });
        await takeScreenshot(`hidden-images-${hide === 'workbench.view.explorer' ? 'explorer' : 'closed'}`, { selector: `.monaco-list-row:has-text("${own}"):has-text("5 tags")` });
      } finally {
        delete (provider as { getChildren?: unknown }).getChildren;
      }
      assert.equal(api.views.images.holding, false, 'nothing is held once the view shows');
      const logged = extensionHostLog(api).slice(logStart).split('\n').filter((line) => /No tree item with id/.test(line));
      assert.deepEqual(logged, [], 'the extension host logged missing tree items');
      for (const reference of [...names, hidden, shown]) await docker.getImage(reference).remove();
    });
  }
});
