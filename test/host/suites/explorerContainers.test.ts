/**
 * The Containers view in the real extension host: every container action driven through
 * executeCommand with real tree items, checked in the private engine and in the tree;
 * grouping, filter, badge, the event path, and a screenshot.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { BerthApi } from '../../../src/extension';
import { takeScreenshot } from '../../support/screenshot';
import { testDocker, testEngineKind, testImage, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { answered, berthApi, containerNode, lastAsked, noContainerNode, run, walk } from './explorerHelpers';

const docker = testDocker();
const created: Docker.Container[] = [];

async function make(prefix: string, options: { start?: boolean; labels?: Record<string, string>; port?: number; volume?: string } = {}): Promise<{ name: string; container: Docker.Container }> {
  const name = uniqueName(prefix);
  const container = await docker.createContainer({
    Image: testImage, name, Cmd: options.port ? ['httpd', '-f', '-p', '80'] : ['sleep', '600'], Labels: options.labels,
    ExposedPorts: options.port ? { '80/tcp': {} } : undefined,
    HostConfig: {
      PortBindings: options.port ? { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(options.port) }] } : undefined,
      Binds: options.volume ? [`${options.volume}:/data`] : undefined,
    },
  });
  created.push(container);
  if (options.start) await container.start();
  return { name, container };
}

const stateOf = async (c: Docker.Container) => (await c.inspect()).State;

function httpGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => http.get(url, (res) => {
    res.resume();
    resolve(res.statusCode ?? 0);
  }).on('error', reject));
}

describe('Explorer: containers', function () {
  this.timeout(60_000);
  let api: BerthApi;

  before(async () => {
    api = await berthApi();
    await vscode.commands.executeCommand('workbench.view.extension.berth');
  });

  afterEach(() => {
    // Whatever a test left unanswered must not leak into the next one.
    api.prompts.answer();
    assert.equal(api.prompts.pending(), 0);
  });

  after(async () => {
    await api.views.setSetting('containers.groupBy', 'none');
    await api.views.setSetting('containers.showStopped', true);
    api.views.setFilter('');
    for (const c of created) await c.remove({ force: true, v: true }).catch(() => undefined);
  });

  it('follows a container started outside Berth through the event stream, with no refresh asked', async () => {
    const { name, container } = await make('evt');
    const node = await containerNode(api, name, 'created');
    assert.equal(api.views.containers.getTreeItem(node).contextValue, 'container.created');
    const before = api.stores.eventCount;
    await container.start();
    const running = await containerNode(api, name, 'running');
    assert.ok(api.stores.eventCount > before, 'events arrived');
    const item = api.views.containers.getTreeItem(running);
    assert.equal(item.contextValue, 'container.running');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'vm-running');
    const resolved = await api.views.containers.resolveTreeItem(item, running);
    assert.match((resolved.tooltip as vscode.MarkdownString).value, /sleep 600/);
  });

  it('starts, pauses, unpauses, restarts, stops and kills several selected containers at once', async () => {
    const a = await make('life-a');
    const b = await make('life-b');
    const nodes = [await containerNode(api, a.name), await containerNode(api, b.name)];
    await run('berth.containers.start', nodes[0], nodes);
    for (const c of [a, b]) assert.equal((await stateOf(c.container)).Status, 'running');
    let running = [await containerNode(api, a.name, 'running'), await containerNode(api, b.name, 'running')];

    await run('berth.containers.pause', running[0], running);
    for (const c of [a, b]) assert.equal((await stateOf(c.container)).Status, 'paused');
    const paused = [await containerNode(api, a.name, 'paused'), await containerNode(api, b.name, 'paused')];
    assert.equal(api.views.containers.getTreeItem(paused[0]).contextValue, 'container.paused');

    await run('berth.containers.unpause', paused[0], paused);
    for (const c of [a, b]) assert.equal((await stateOf(c.container)).Status, 'running');
    running = [await containerNode(api, a.name, 'running'), await containerNode(api, b.name, 'running')];

    const startedAt = (await stateOf(a.container)).StartedAt;
    await run('berth.containers.restart', running[0], [running[0]]);
    assert.notEqual((await stateOf(a.container)).StartedAt, startedAt, 'restarted');

    await run('berth.containers.stop', running[1], [running[1]]);
    assert.equal((await stateOf(b.container)).Status, 'exited');
    await containerNode(api, b.name, 'exited');

    const toKill = await containerNode(api, a.name, 'running');
    await run('berth.containers.kill', toKill);
    assert.equal((await stateOf(a.container)).Status, 'exited');
    assert.equal((await stateOf(a.container)).ExitCode, 137);
    await containerNode(api, a.name, 'exited');
  });

  it('renames a container, refusing a name that is not valid', async () => {
    const c = await make('ren');
    const node = await containerNode(api, c.name);
    await answered(api, ['bad name!'], () => run('berth.containers.rename', node));
    assert.match(lastAsked(api).refused ?? '', /not a valid container name/);
    const renamed = `${c.name}-renamed`;
    await answered(api, [renamed], () => run('berth.containers.rename', node));
    assert.equal((await c.container.inspect()).Name, `/${renamed}`);
    await containerNode(api, renamed);
  });

  it('opens a read-only inspect document and refreshes it on demand', async () => {
    const c = await make('insp');
    const node = await containerNode(api, c.name);
    await run('berth.containers.inspect', node);
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'berth' ? vscode.window.activeTextEditor : undefined, 'the inspect document');
    const doc = JSON.parse(editor.document.getText());
    assert.equal(doc.Id, (await c.container.inspect()).Id);
    assert.equal(doc.State.Status, 'created');
    await c.container.start();
    await run('berth.inspect.refresh', editor.document.uri);
    await waitFor(() => JSON.parse(editor.document.getText()).State.Status === 'running', 'the refreshed inspect document');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('copies IDs and names of the selection', async () => {
    const a = await make('copy-a');
    const b = await make('copy-b');
    const nodes = [await containerNode(api, a.name), await containerNode(api, b.name)];
    await run('berth.containers.copyName', nodes[0], nodes);
    assert.equal(await vscode.env.clipboard.readText(), `${a.name}\n${b.name}`);
    await run('berth.containers.copyId', nodes[0], [nodes[0]]);
    assert.equal(await vscode.env.clipboard.readText(), a.container.id);
  });

  it('shows published ports and mounts as children; a port opens its address', async () => {
    const volume = uniqueName('vol');
    const c = await make('port', { start: true, port: 18000 + Math.floor(Math.random() * 1000), volume });
    const node = await containerNode(api, c.name, 'running');
    const children = await api.views.containers.getChildren(node);
    const port = children.find((n) => n.kind === 'port');
    assert.ok(port && port.kind === 'port');
    assert.ok(children.some((n) => n.kind === 'mount' && n.mount.destination === '/data'));
    const portItem = api.views.containers.getTreeItem(port);
    assert.equal(portItem.command?.command, 'berth.containers.openPort');
    const url = await vscode.commands.executeCommand<string>(portItem.command!.command, ...(portItem.command!.arguments ?? []));
    assert.equal(url, `http://127.0.0.1:${port.port.publicPort}`);
    await waitFor(async () => (await httpGet(url).catch(() => 0)) > 0, `${url} to answer`);
    await c.container.remove({ force: true });
    await docker.getVolume(volume).remove();
  });

  it('removes containers after confirming: forced for running ones, anonymous volumes only when asked', async () => {
    const running = await make('rm-run', { start: true });
    const stopped = await make('rm-stop');
    const nodes = [await containerNode(api, running.name, 'running'), await containerNode(api, stopped.name)];
    await answered(api, [undefined], () => run('berth.containers.remove', nodes[0], nodes));
    assert.match(lastAsked(api).detail ?? '', /running and will be stopped/);
    assert.equal((await stateOf(running.container)).Status, 'running', 'cancel keeps it');
    await answered(api, ['Remove with Volumes'], () => run('berth.containers.remove', nodes[0], nodes));
    await assert.rejects(running.container.inspect(), /no such container/i);
    await assert.rejects(stopped.container.inspect(), /no such container/i);
    await noContainerNode(api, running.name);
    await noContainerNode(api, stopped.name);
  });

  it('prunes stopped containers after confirming', async () => {
    const stopped = await make('prune');
    const keep = await make('prune-keep', { start: true });
    await containerNode(api, stopped.name);
    await answered(api, ['Prune'], () => run('berth.containers.prune'));
    await assert.rejects(stopped.container.inspect(), /no such container/i);
    assert.equal((await stateOf(keep.container)).Status, 'running');
    await noContainerNode(api, stopped.name);
  });

  it('groups by compose project and acts on the whole group', async () => {
    const project = uniqueName('proj');
    const web = await make('web', { labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'web' } });
    const db = await make('db', { labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'db' } });
    await api.views.setSetting('containers.groupBy', 'composeProject');
    // Both containers: the group shows as soon as the first one's event arrived.
    const group = await waitFor(async () => (await api.views.containers.getChildren()).find((n) => n.kind === 'containerGroup' && n.key === project && n.containers.length === 2), 'the project group with both containers');
    assert.equal(group.kind, 'containerGroup');
    assert.deepEqual((await api.views.containers.getChildren(group)).map((n) => n.kind === 'container' && n.container.name).sort(), [db.name, web.name].sort());
    assert.equal(api.views.containers.getTreeItem(group).contextValue, 'containerGroup.composeProject.stopped');

    await run('berth.containerGroup.start', group);
    for (const c of [web, db]) assert.equal((await stateOf(c.container)).Status, 'running');
    const runningGroup = await waitFor(async () => (await api.views.containers.getChildren()).find((n) => n.kind === 'containerGroup' && n.key === project && n.containers.every((c) => c.state === 'running')), 'the group running');
    assert.equal(api.views.containers.getTreeItem(runningGroup).contextValue, 'containerGroup.composeProject.running');

    await run('berth.containerGroup.restart', runningGroup);
    for (const c of [web, db]) assert.equal((await stateOf(c.container)).Status, 'running');
    await run('berth.containerGroup.stop', runningGroup);
    for (const c of [web, db]) assert.equal((await stateOf(c.container)).Status, 'exited');
    const stoppedGroup = await waitFor(async () => (await api.views.containers.getChildren()).find((n) => n.kind === 'containerGroup' && n.key === project && n.containers.every((c) => c.state === 'exited')), 'the group stopped');

    await answered(api, ['Remove'], () => run('berth.containerGroup.remove', stoppedGroup));
    for (const c of [web, db]) await assert.rejects(c.container.inspect(), /no such container/i);
    await waitFor(async () => !(await api.views.containers.getChildren()).some((n) => n.kind === 'containerGroup' && n.key === project), 'the group to go');
    await api.views.setSetting('containers.groupBy', 'none');
  });

  it('filters, hides stopped containers, and shows the count of what the running-only list shows as the badge', async () => {
    const a = await make('flt', { start: true });
    const b = await make('flt-stopped');
    await containerNode(api, a.name, 'running');
    await containerNode(api, b.name);
    await answered(api, [a.name], () => run('berth.containers.filter'));
    assert.equal(api.views.filter, a.name);
    const filtered = await walk(api.views.containers);
    assert.deepEqual(filtered.filter((n) => n.kind === 'container').map((n) => n.kind === 'container' && n.container.name), [a.name]);
    assert.equal(api.views.treeViews.containers.description, `filter: ${a.name}`);
    await run('berth.containers.clearFilter');
    assert.equal(api.views.filter, '');

    await run('berth.containers.toggleStopped');
    await noContainerNode(api, b.name);
    await containerNode(api, a.name);
    await run('berth.containers.toggleStopped');
    await containerNode(api, b.name);

    // The badge counts what the running-only list shows: running, paused and restarting.
    // (Podman's list refuses a `restarting` status filter: it has no such state.)
    const shown = testEngineKind() === 'podman' ? ['running', 'paused'] : ['running', 'paused', 'restarting'];
    const runningNow = (await docker.listContainers({ filters: { status: shown } })).length;
    await waitFor(() => api.views.treeViews.containers.badge?.value === runningNow || undefined, `the badge to show ${runningNow}`);
    await a.container.stop({ t: 0 });
    await waitFor(() => (api.views.treeViews.containers.badge?.value ?? 0) === runningNow - 1 || undefined, `the badge to show ${runningNow - 1}`);
  });

  it('sorts by name and by creation', async () => {
    // Two containers whose name order is the reverse of their creation order: "sorta" is
    // created first, "sortz" in a later second (the engine's Created is in whole seconds).
    const older = await make('sorta');
    const olderCreated = Date.parse((await older.container.inspect()).Created) / 1000;
    await waitFor(() => Date.now() / 1000 >= Math.floor(olderCreated) + 1 || undefined, 'the engine clock to pass the first container\'s second');
    const newer = await make('sortz');
    await containerNode(api, newer.name);
    const order = async () => (await api.views.containers.getChildren()).flatMap((n) => (n.kind === 'container' ? [n.container] : []));

    await api.views.setSetting('containers.sortBy', 'name');
    const byName = (await order()).map((c) => c.name);
    assert.deepEqual(byName, [...byName].sort((x, y) => x.localeCompare(y)));
    assert.ok(byName.indexOf(older.name) < byName.indexOf(newer.name), `by name: ${older.name} before ${newer.name}`);

    await api.views.setSetting('containers.sortBy', 'created');
    const byCreation = await order();
    const created = byCreation.map((c) => c.created);
    assert.deepEqual(created, [...created].sort((x, y) => y - x), 'newest first');
    const names = byCreation.map((c) => c.name);
    assert.ok(names.indexOf(newer.name) < names.indexOf(older.name), `by creation: ${newer.name} (newer) before ${older.name}`);
  });

  it('screenshot: the Containers view', async () => {
    const web = await make('shot-web', { start: true, labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' } });
    await make('shot-db', { labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db' } });
    await make('shot-worker', { start: true });
    await api.views.setSetting('containers.groupBy', 'composeProject');
    await containerNode(api, web.name, 'running');
    await vscode.commands.executeCommand('berth.containers.focus');
    await takeScreenshot('explorer-containers', { selector: `.monaco-list-row:has-text("${web.name.slice(0, 20)}")` });
    await api.views.setSetting('containers.groupBy', 'none');
  });
});
