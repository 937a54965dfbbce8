/**
 * The unreachable-engine welcome and the recovery, in the real extension host. The
 * shared private engine keeps serving the other suites: this suite starts a second
 * dockerd of its own (own data root, exec root, pidfile and socket; no bridge, no
 * iptables), points berth.host at it, stops it, checks the message, starts it again on
 * the same data root, checks that the views recover by themselves, and switches back.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import { takeScreenshot } from '../../support/screenshot';
import { PrivateDockerd } from '../../support/dockerd';
import { waitFor } from '../../support/wait';
import { berthApi } from './explorerHelpers';

describe('Explorer: unreachable engine', function () {
  this.timeout(120_000);
  let api: BerthApi;
  let engine: PrivateDockerd;
  const volume = 'berth-recovery-volume';

  before(async () => {
    api = await berthApi();
    engine = new PrivateDockerd('berth-ur-');
    await engine.start();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('berth').update('host', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.context.engine.endpoint.url === process.env.BERTH_TEST_DOCKER_HOST || undefined, 'Berth back on the shared engine');
    await engine.dispose();
  });

  it('switches to another engine from the status bar\'s switcher and lists what it has', async () => {
    api.views.prompt.answer('Enter an endpoint…', engine.url);
    assert.equal(await vscode.commands.executeCommand('berth.context.switch'), engine.url);
    assert.equal(api.views.prompt.pending(), 0);
    assert.ok(api.views.prompt.asked.some((a) => a.kind === 'pick' && a.choices?.includes('default')), 'the Docker contexts are listed');
    assert.equal(vscode.workspace.getConfiguration('berth').get('host'), engine.url);
    await api.context.engine.volumes.create({ name: volume });
    await waitFor(async () => (await api.views.volumes.getChildren()).some((n) => n.kind === 'volume' && n.volume.name === volume), 'the second engine\'s volume in the Volumes tree');
    assert.equal(api.views.treeViews.containers.message, undefined);
  });

  it('says which endpoint failed, why and how to fix it, when the engine stops', async () => {
    await engine.stop();
    const message = await waitFor(() => api.views.treeViews.containers.message, 'the unreachable message');
    assert.ok(message.includes(engine.socket), `names the endpoint: ${message}`);
    assert.match(message, /berth\.host setting/, 'says where the endpoint came from');
    assert.match(message, /Cannot reach/);
    assert.match(message, /Start the engine/, 'says how to fix it');
    for (const view of ['images', 'networks', 'volumes'] as const) {
      await waitFor(() => api.views.treeViews[view].message, `the ${view} view's message`);
    }
    // Under the message, each tree holds the actions: Retry first.
    for (const provider of [api.views.containers, api.views.images, api.views.networks, api.views.volumes] as const) {
      const children = await (provider as typeof api.views.volumes).getChildren();
      assert.deepEqual(children.map((n) => n.kind === 'action' && n.command), ['berth.explorer.refresh', 'berth.context.switch', 'berth.log.show']);
    }
    const [retry] = await api.views.volumes.getChildren();
    const retryItem = api.views.volumes.getTreeItem(retry);
    assert.equal(retryItem.label, 'Retry');
    await vscode.commands.executeCommand('berth.volumes.focus');
    await takeScreenshot('explorer-unreachable', { selector: '.monaco-list-row:has-text("Retry")' });
    // Retry while still down keeps the message (no reload, no crash).
    await vscode.commands.executeCommand(retryItem.command!.command);
    assert.ok(api.views.treeViews.containers.message);
  });

  it('recovers by itself when the engine comes back, with no reload and no refresh asked', async () => {
    await engine.start();
    await waitFor(async () => (await api.views.volumes.getChildren()).some((n) => n.kind === 'volume' && n.volume.name === volume), 'the Volumes tree to come back', 60_000);
    await waitFor(() => api.views.treeViews.containers.message === undefined || undefined, 'the message to clear');
    for (const view of ['images', 'networks', 'volumes'] as const) assert.equal(api.views.treeViews[view].message, undefined);
  });
});
