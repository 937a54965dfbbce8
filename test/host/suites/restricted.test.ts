/**
 * Restricted Mode (run by `run-host-tests.mjs --restricted`, in a workspace that is not
 * trusted and whose settings name an engine of the harness's that counts connections):
 * the Dockerfile language works, engine actions are not offered, and the workspace's
 * berth.host is not used (the harness fails the run if its listener saw a connection).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import { waitFor } from '../../support/wait';
import { extensionId } from './explorerHelpers';

describe('Restricted Mode: an untrusted workspace', function () {
  this.timeout(90_000);
  const thief = process.env.BERTH_RESTRICTED_THIEF;
  let api: BerthApi;

  before(async () => {
    assert.ok(thief, 'BERTH_RESTRICTED_THIEF is not set: run this suite with run-host-tests.mjs --restricted');
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace must not be trusted for this suite');
    const extension = vscode.extensions.getExtension<BerthApi>(extensionId);
    assert.ok(extension, `extension ${extensionId} is not installed in this host`);
    api = extension.isActive ? extension.exports : await extension.activate();
  });

  it('has the workspace\'s berth.host on disk, and does not use it', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder');
    const onDisk = JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8')) as Record<string, string>;
    assert.equal(onDisk['berth.host'], thief, 'the workspace settings name the listener (the test is real)');
    // VS Code itself withholds a restricted setting's workspace value from an untrusted workspace.
    assert.equal(vscode.workspace.getConfiguration('berth').inspect<string>('host')?.workspaceValue, undefined);
    assert.notEqual(api.context.config.host, thief);
    assert.equal(api.context.engine.endpoint.url, '', 'no engine in Restricted Mode');
    assert.match(api.context.engine.endpoint.problem ?? '', /Restricted Mode/);
    assert.notEqual(api.context.config.shell, '/bin/sh -c "echo from-the-workspace"', 'the workspace\'s shell is not used either');
    await waitFor(() => api.stores.containers.current.kind === 'error' || undefined, 'the Containers store to settle');
    const state = api.stores.containers.current;
    assert.ok(state.kind === 'error' && /Restricted Mode/.test(String((state.error as Error).message)), 'the store says why it has nothing');
    assert.deepEqual(api.prompts.asked, [], 'nothing is asked in Restricted Mode');
  });

  it('works as a Dockerfile language: diagnostics arrive', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder');
    const file = path.join(folder.uri.fsPath, 'Dockerfile');
    fs.writeFileSync(file, 'FROM busybox:local\nRUN apt-get install curl\nCMD echo hi\n');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(document.uri);
      return found.length > 0 ? found : undefined;
    }, 'diagnostics for the Dockerfile', 45_000);
    assert.ok(diagnostics.some((d) => /DL3|JSONArgsRecommended/.test(String(typeof d.code === 'object' ? d.code.value : d.code))), diagnostics.map((d) => d.message).join(' | '));
  });

  it('offers no engine action: the views and every engine command need a trusted workspace', () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as {
      contributes: { views: Record<string, { id: string; when?: string }[]>; commands: { command: string; enablement?: string }[] };
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
    };
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const key of ['berth.host', 'berth.context', 'berth.requestTimeout', 'berth.shell']) assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), key);
    for (const view of manifest.contributes.views.berth) assert.equal(view.when, 'isWorkspaceTrusted', view.id);
    const open = manifest.contributes.commands.filter((c) => c.enablement !== 'isWorkspaceTrusted').map((c) => c.command);
    assert.deepEqual(open, ['berth.log.show']);
  });
});
