import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import { sameImage, testDocker, testEngineKind, testImage, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';

const extensionId = 'berth.berth';

async function api(): Promise<BerthApi> {
  const extension = vscode.extensions.getExtension<BerthApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed in this host`);
  return extension.isActive ? extension.exports : extension.activate();
}

describe('Berth in the extension host', () => {
  it('runs inside VS Code 1.100.x', () => {
    console.log(`vscode.version = ${vscode.version}`);
    assert.match(vscode.version, /^1\.100\./);
  });

  it('activates and talks to the private engine', async () => {
    const berth = await api();
    assert.equal(berth.context.engine.endpoint.url, process.env.BERTH_TEST_DOCKER_HOST);
    const version = await berth.context.engine.version();
    assert.match(version.apiVersion, /^\d+\.\d+$/);
  });

  it('says in the status bar which engine answers, Docker or Podman, with its version', async () => {
    const berth = await api();
    // Berth's own detection, held to the engine the test environment started.
    const identity = await berth.context.engine.system.identity();
    assert.equal(identity.kind, testEngineKind());
    const expected = `${identity.kind === 'podman' ? 'Podman' : 'Docker'} ${identity.version}`;
    await berth.views.refreshAll();
    await waitFor(() => berth.views.engineStatus.endsWith(` · ${expected}`), `the status bar to name ${expected} (it says "${berth.views.engineStatus}")`);
  });

  it('registers every command it contributes, and contributes every command it registers', async () => {
    await api();
    const extension = vscode.extensions.getExtension(extensionId)!;
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    // The workbench itself registers these per contributed view (e.g. berth.containers.open).
    const viewIds: string[] = Object.values(extension.packageJSON.contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id);
    const workbenchViewCommands = new Set(viewIds.flatMap((view) => ['open', 'focus', 'resetViewLocation', 'toggleVisibility', 'removeView'].map((verb) => `${view}.${verb}`)));
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('berth.') && !workbenchViewCommands.has(id));
    for (const id of contributed) assert.ok(registered.includes(id), `${id} is contributed but not registered`);
    for (const id of registered) assert.ok(contributed.includes(id), `${id} is registered but not in contributes.commands`);
  });

  it('shows a container created in the engine as an item of the Containers tree', async () => {
    const berth = await api();
    const docker = testDocker();
    const name = uniqueName('host');
    const container = await docker.createContainer({ Image: testImage, name, Cmd: ['sleep', '60'] });
    try {
      await berth.views.refreshAll();
      const items = await waitFor(async () => {
        const children = await berth.views.containers.getChildren();
        return children.find((node) => node.kind === 'container' && node.container.name === name);
      }, 'the new container in the Containers tree');
      const treeItem = berth.views.containers.getTreeItem(items);
      assert.equal(treeItem.label, name);
      assert.equal(treeItem.contextValue, 'container.created');
    } finally {
      await container.remove({ force: true });
    }
  });

  it('shows the engine\'s images in the Images tree, under the names the engine gives them', async () => {
    const berth = await api();
    await berth.views.refreshAll();
    const tag = await waitFor(async () => (await berth.views.images.getChildren())
      .flatMap((node) => (node.kind === 'imageRepo' ? node.tags : []))
      .find((node) => node.kind === 'image' && !!node.reference && sameImage(node.reference, testImage)), `${testImage} in the Images tree`);
    // Podman names an image imported without a registry localhost/NAME; dockerd keeps NAME.
    assert.equal(tag.reference, testEngineKind() === 'podman' ? `localhost/${testImage}` : testImage);
    assert.equal(berth.views.images.getTreeItem(tag).contextValue?.startsWith('image'), true);
  });

  // The runner says which start to expect (scripts/host/run-host-tests.mjs): the English
  // workspaces hold a Dockerfile and keep berth.languageServer.startWithWorkspace on, the
  // Korean one turns it off.
  const startsWithWorkspace = process.env.BERTH_TEST_EARLY_START === '1';

  it(startsWithWorkspace
    ? 'starts the Dockerfile language server with a workspace that has a Dockerfile, before one is opened'
    : 'loads the language client only once a Dockerfile opens, then starts the Dockerfile language server', async () => {
    const berth = await api();
    const extension = vscode.extensions.getExtension(extensionId)!;
    const chunk = path.join(extension.extensionPath, 'dist', 'languageClient.js');
    const loaded = () => Object.keys(require.cache).includes(chunk);
    const dockerfileOpen = () => vscode.workspace.textDocuments.some((d) => d.languageId === 'dockerfile');
    assert.ok(!dockerfileOpen(), 'a Dockerfile was open before this test: run the activation suite first, in a fresh extension host');
    if (startsWithWorkspace) {
      const found = await vscode.workspace.findFiles('**/Dockerfile', '**/node_modules/**', 1);
      assert.ok(found.length > 0, 'the workspace has no Dockerfile: the host runner puts early-start/Dockerfile there');
      await waitFor(() => loaded() || undefined, `${chunk} to load with the workspace, with no Dockerfile open`, 30_000);
    } else {
      assert.equal(vscode.workspace.getConfiguration('berth').get('languageServer.startWithWorkspace'), false, 'the runner turns berth.languageServer.startWithWorkspace off for this host');
      // Time for a client started by mistake (the setting ignored) to load.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.equal(loaded(), false, `${chunk} was loaded with no Dockerfile open`);
      const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM busybox:local\nRUN echo hi\n' });
      await vscode.window.showTextDocument(doc);
    }
    // languageClient() hands over the client already started (by the workspace or by the open Dockerfile).
    const client = await berth.languageClient();
    assert.equal(loaded(), true, `${chunk} is not among the loaded modules`);
    await waitFor(async () => client.isRunning() || undefined, 'the language client to be running');
    assert.equal(client.initializeResult?.serverInfo?.name, 'Berth Dockerfile Language Server');
    assert.equal(await berth.languageClient(), client, 'one client per activation');
    if (startsWithWorkspace) assert.ok(!dockerfileOpen(), 'starting the server opened a Dockerfile');
    // Leave no unsaved editor behind for later suites and their screenshots.
    else await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opens the Berth views', async () => {
    const berth = await api();
    const views = berth.views.treeViews;
    await vscode.commands.executeCommand('workbench.view.extension.berth');
    for (const [name, view] of Object.entries(views)) await waitFor(() => view.visible || undefined, `the ${name} view to be visible`);
    await vscode.commands.executeCommand('berth.containers.focus');
    assert.ok(views.containers.visible, 'the Containers view stays visible when focused');
    // The engine answers, so no view carries a problem message instead of its tree.
    for (const [name, view] of Object.entries(views)) assert.equal(view.message, undefined, `the ${name} view shows no problem`);
  });
});
