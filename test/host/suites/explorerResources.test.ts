/**
 * The Images, Networks and Volumes views and the system actions in the real extension
 * host: every action through executeCommand with real tree items, checked in the
 * private engine and in the trees; screenshots of each view.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { BerthApi } from '../../../src/extension';
import type { ImageTagNode } from '../../../src/views/imageItems';
import type { NetworkNode } from '../../../src/views/networkItems';
import type { VolumeNode } from '../../../src/views/volumeItems';
import { takeScreenshot } from '../../support/screenshot';
import { sameImage, testDocker, testImage, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { answered, berthApi, lastAsked, run, walk } from './explorerHelpers';

const docker = testDocker();
const registry = process.env.BERTH_TEST_REGISTRY;

type NetworkItem = Extract<NetworkNode, { kind: 'network' }>;
type VolumeItem = Extract<VolumeNode, { kind: 'volume' }>;

async function imageNode(api: BerthApi, reference: string): Promise<ImageTagNode> {
  return waitFor(async () => (await walk(api.views.images, (n) => n.kind === 'image')).find((n): n is ImageTagNode => n.kind === 'image' && !!n.reference && sameImage(n.reference, reference)), `image ${reference} in the Images tree`);
}
async function noImageNode(api: BerthApi, reference: string): Promise<void> {
  await waitFor(async () => !(await walk(api.views.images, (n) => n.kind === 'image')).some((n) => n.kind === 'image' && !!n.reference && sameImage(n.reference, reference)), `image ${reference} to leave the Images tree`);
}
async function networkNode(api: BerthApi, name: string, containers?: number): Promise<NetworkItem> {
  return waitFor(async () => (await api.views.networks.getChildren()).find((n): n is NetworkItem => n.kind === 'network' && n.network.name === name && (containers === undefined || n.containers.length === containers)), `network ${name} in the Networks tree`);
}
async function volumeNode(api: BerthApi, name: string, users?: number): Promise<VolumeItem> {
  return waitFor(async () => (await api.views.volumes.getChildren()).find((n): n is VolumeItem => n.kind === 'volume' && n.volume.name === name && (users === undefined || n.containers.length === users)), `volume ${name} in the Volumes tree`);
}
async function gone<N>(list: () => N[] | Thenable<N[]> | Promise<N[]>, match: (n: N) => boolean, what: string): Promise<void> {
  await waitFor(async () => !(await list()).some(match), what);
}

describe('Explorer: images, networks, volumes, system', function () {
  this.timeout(90_000);
  let api: BerthApi;
  const containers: Docker.Container[] = [];
  const repo = uniqueName('img').replace(/[^a-z0-9-]/g, '');

  before(async () => {
    api = await berthApi();
    await vscode.commands.executeCommand('workbench.view.extension.berth');
  });
  afterEach(() => assert.equal(api.prompts.pending(), 0));
  after(async () => {
    await api.views.setSetting('images.showUntagged', false);
    await api.views.setSetting('networks.showBuiltIn', false);
    for (const c of containers) await c.remove({ force: true, v: true }).catch(() => undefined);
  });

  it('tags an image, refusing a reference that is not valid, and shows the tag under its repository', async () => {
    const base = await imageNode(api, testImage);
    await answered(api, ['Not A Valid:Reference!'], () => run('berth.images.tag', base));
    assert.ok(lastAsked(api).refused, 'the reference was refused');
    await answered(api, [`${repo}:one`], () => run('berth.images.tag', base));
    assert.ok((await docker.getImage(`${repo}:one`).inspect()).Id);
    const tagged = await imageNode(api, `${repo}:one`);
    const repoNode = (await api.views.images.getChildren()).find((n) => n.kind === 'imageRepo' && n.repository === repo);
    assert.ok(repoNode, 'grouped under its repository');
    const item = api.views.images.getTreeItem(tagged);
    assert.equal(item.label, 'one');
    assert.match(String(item.description), /MB|kB/);
    const layers = await api.views.images.getChildren(tagged);
    assert.ok(layers.length >= 1 && layers[0].kind === 'imageLayer', 'layers from the image history');
  });

  it('copies the full tag, inspects, and pulls again from a registry', async () => {
    const tagged = await imageNode(api, `${repo}:one`);
    await run('berth.images.copyTag', tagged);
    assert.equal(await vscode.env.clipboard.readText(), `${repo}:one`);
    await run('berth.images.inspect', tagged);
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.path.startsWith('/image/') ? vscode.window.activeTextEditor : undefined), 'the image inspect document');
    assert.deepEqual(JSON.parse(editor.document.getText()).RepoTags.includes(`${repo}:one`), true);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    assert.ok(registry, 'BERTH_TEST_REGISTRY is set by scripts/test-env.sh');
    const remote = `${registry}/${repo}:pull`;
    await docker.getImage(testImage).tag({ repo: `${registry}/${repo}`, tag: 'pull' });
    await api.context.engine.images.push(remote);
    const node = await imageNode(api, remote);
    await docker.getImage(remote).remove();
    await run('berth.images.pull', node);
    assert.ok((await docker.getImage(remote).inspect()).Id, 'pulled back from the registry');
    await imageNode(api, remote);
    await docker.getImage(remote).remove();
  });

  it('removes an image after confirming, saying which containers still use it', async () => {
    await docker.getImage(testImage).tag({ repo, tag: 'two' });
    const user = await docker.createContainer({ Image: `${repo}:two`, name: uniqueName('img-user'), Cmd: ['sleep', '60'] });
    containers.push(user);
    await waitFor(async () => (await walk(api.views.containers)).some((n) => n.kind === 'container' && n.container.id === user.id), 'the user container in the Containers tree');
    const node = await imageNode(api, `${repo}:two`);
    await answered(api, [undefined], () => run('berth.images.remove', node));
    assert.match(lastAsked(api).detail ?? '', /Still used by \d+ containers?/);
    assert.ok(lastAsked(api).detail?.includes((await user.inspect()).Name.slice(1)));
    const one = await imageNode(api, `${repo}:one`);
    await answered(api, ['Remove'], () => run('berth.images.remove', one, [one, node]));
    await assert.rejects(docker.getImage(`${repo}:one`).inspect(), /no such image/i);
    await assert.rejects(docker.getImage(`${repo}:two`).inspect(), /no such image/i);
    assert.ok((await docker.getImage(testImage).inspect()).Id, 'the other tag keeps the image');
    await noImageNode(api, `${repo}:one`);
    await noImageNode(api, `${repo}:two`);
  });

  it('shows untagged images behind a toggle and prunes dangling ones', async () => {
    // What a rebuild leaves behind: the tag moves to a new image, the old one dangles.
    const source = await docker.createContainer({ Image: testImage, name: uniqueName('dangle'), Cmd: ['sh', '-c', 'echo x > /x'] });
    containers.push(source);
    const id: string = (await source.commit({ repo, tag: 'dangling', comment: 'first' })).Id;
    await source.commit({ repo, tag: 'dangling', comment: 'second', changes: 'ENV REBUILT=1' });
    await source.remove({ force: true });
    await docker.getImage(`${repo}:dangling`).remove();
    await run('berth.images.toggleUntagged');
    await waitFor(async () => (await walk(api.views.images, (n) => n.kind === 'image')).some((n) => n.kind === 'image' && !n.reference && n.image.id === id), 'the dangling image under <untagged>');
    await answered(api, ['Dangling images', 'Prune'], () => run('berth.images.prune'));
    await assert.rejects(docker.getImage(id).inspect(), /no such image/i);
    await waitFor(async () => !(await walk(api.views.images, (n) => n.kind === 'image')).some((n) => n.kind === 'image' && n.image.id === id), 'the pruned image to go');
    await run('berth.images.toggleUntagged');
  });

  it('creates a network with the engine\'s defaults right after the name (docker network create NAME)', async () => {
    const name = uniqueName('netdefault');
    api.prompts.reset();
    api.prompts.strict = true;
    await answered(api, [name, 'Create'], () => run('berth.networks.create'));
    assert.equal(api.prompts.asked.length, 2, `two questions: ${api.prompts.asked.map((a) => a.message).join(' | ')}`);
    const inspected = await docker.getNetwork(name).inspect();
    assert.equal(inspected.Driver, 'bridge');
    assert.equal(inspected.EnableIPv6, false);
    await docker.getNetwork(name).remove();
  });

  it('creates a network with driver, subnet, IP range, gateway, internal and IPv6 when asked, refusing a bad subnet', async () => {
    const name = uniqueName('net');
    await answered(api, [name, 'Set Options…', 'bridge', '10.99.0.0/33'], () => run('berth.networks.create'));
    assert.match(lastAsked(api).refused ?? '', /prefix length/);
    await answered(api, [name, 'Set Options…', 'bridge', '10.99.0.0/16', '10.99.5.0/24', '10.99.0.254', 'Internal', ['10.98.0.0/16', 'fd00:99::/64']], () => run('berth.networks.create'));
    assert.match(lastAsked(api).validation?.[0] ?? '', /IPv6 needs an IPv6 one/);
    const inspected = await docker.getNetwork(name).inspect();
    assert.equal(inspected.Internal, true);
    assert.deepEqual(inspected.IPAM?.Config?.[0], { Subnet: '10.99.0.0/16', IPRange: '10.99.5.0/24', Gateway: '10.99.0.254' });
    assert.equal(inspected.EnableIPv6, true);
    assert.equal(inspected.IPAM?.Config?.[1]?.Subnet, 'fd00:99::/64');
    const node = await networkNode(api, name);
    assert.equal(api.views.networks.getTreeItem(node).contextValue, 'network.custom');
  });

  it('connects a container with an address and aliases, shows it under the network, and disconnects it', async () => {
    const network = (await api.views.networks.getChildren()).find((n): n is NetworkItem => n.kind === 'network' && n.network.internal && n.network.name.startsWith('berth-test-net'));
    assert.ok(network);
    const c = await docker.createContainer({ Image: testImage, name: uniqueName('conn'), Cmd: ['sleep', '600'] });
    containers.push(c);
    const name = (await c.inspect()).Name.slice(1);
    await waitFor(async () => (await walk(api.views.containers, () => true)).some((n) => n.kind === 'container' && n.container.name === name), 'the container in the store');
    await answered(api, [name, '10.99.0.300'], () => run('berth.networks.connect', network));
    assert.ok(lastAsked(api).refused);
    await answered(api, [name, '10.99.5.7', 'db, primary'], () => run('berth.networks.connect', network));
    const endpoint = (await c.inspect()).NetworkSettings.Networks[network.network.name];
    assert.equal(endpoint.IPAMConfig?.IPv4Address, '10.99.5.7');
    assert.ok(endpoint.Aliases?.includes('db') && endpoint.Aliases.includes('primary'));
    const connected = await networkNode(api, network.network.name, 1);
    const [child] = await api.views.networks.getChildren(connected);
    assert.equal(child.kind === 'networkContainer' && child.container.name, name);
    await run('berth.networks.disconnect', child);
    assert.equal((await c.inspect()).NetworkSettings.Networks[network.network.name], undefined);
    await networkNode(api, network.network.name, 0);
  });

  it('shows built-in networks behind a toggle, inspects and removes a network after confirming, prunes the rest', async () => {
    await run('berth.networks.toggleBuiltIn');
    await networkNode(api, 'bridge');
    await run('berth.networks.toggleBuiltIn');
    await gone(() => api.views.networks.getChildren(), (n) => n.kind === 'network' && n.network.name === 'bridge', 'bridge to hide');

    const node = (await api.views.networks.getChildren()).find((n): n is NetworkItem => n.kind === 'network' && n.network.name.startsWith('berth-test-net'))!;
    await run('berth.networks.inspect', node);
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.path.startsWith('/network/') ? vscode.window.activeTextEditor : undefined), 'the network inspect document');
    assert.equal(JSON.parse(editor.document.getText()).Name, node.network.name, 'the engine\'s JSON, as docker network inspect prints it');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await answered(api, ['Remove'], () => run('berth.networks.remove', node));
    await assert.rejects(docker.getNetwork(node.network.id).inspect(), /not found/i);
    await gone(() => api.views.networks.getChildren(), (n) => n.kind === 'network' && n.network.id === node.network.id, 'the removed network to go');

    const spare = uniqueName('net-prune');
    await docker.createNetwork({ Name: spare });
    await networkNode(api, spare);
    await answered(api, ['Prune'], () => run('berth.networks.prune'));
    await assert.rejects(docker.getNetwork(spare).inspect(), /not found/i);
    await gone(() => api.views.networks.getChildren(), (n) => n.kind === 'network' && n.network.name === spare, 'the pruned network to go');
  });

  it('creates, inspects, removes and prunes volumes, showing which containers use them', async () => {
    const name = uniqueName('vol');
    await answered(api, ['no/slashes'], () => run('berth.volumes.create'));
    assert.ok(lastAsked(api).refused);
    await answered(api, [name], () => run('berth.volumes.create'));
    assert.equal((await docker.getVolume(name).inspect()).Name, name);
    await volumeNode(api, name, 0);
    const user = await docker.createContainer({ Image: testImage, name: uniqueName('vol-user'), Cmd: ['sleep', '60'], HostConfig: { Binds: [`${name}:/data`] } });
    containers.push(user);
    const used = await volumeNode(api, name, 1);
    assert.equal(api.views.volumes.getTreeItem(used).contextValue, 'volume.inUse');
    const [files, child] = await api.views.volumes.getChildren(used);
    assert.equal(files.kind, 'filesRoot');
    assert.equal(child.kind === 'volumeContainer' && child.destination, '/data');

    await run('berth.volumes.inspect', used);
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.path.startsWith('/volume/') ? vscode.window.activeTextEditor : undefined), 'the volume inspect document');
    assert.equal(JSON.parse(editor.document.getText()).name, name);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    await answered(api, ['Remove'], () => run('berth.volumes.remove', used));
    assert.match(lastAsked(api).detail ?? '', /Still used by/);
    assert.ok((await docker.getVolume(name).inspect()).Name, 'the engine refused: in use');
    await user.remove({ force: true });
    const free = await volumeNode(api, name, 0);
    await answered(api, ['Remove'], () => run('berth.volumes.remove', free));
    await assert.rejects(docker.getVolume(name).inspect(), /no such volume/i);
    await gone(() => api.views.volumes.getChildren(), (n) => n.kind === 'volume' && n.volume.name === name, 'the removed volume to go');

    const spare = uniqueName('vol-prune');
    await docker.createVolume({ Name: spare });
    await volumeNode(api, spare);
    await answered(api, ['Prune'], () => run('berth.volumes.prune'));
    await assert.rejects(docker.getVolume(spare).inspect(), /no such volume/i);
    await gone(() => api.views.volumes.getChildren(), (n) => n.kind === 'volume' && n.volume.name === spare, 'the pruned volume to go');
  });

  it('prunes the system (volumes only when asked) and reports disk usage', async () => {
    const stopped = await docker.createContainer({ Image: testImage, name: uniqueName('sys'), Cmd: ['true'] });
    containers.push(stopped);
    const keepVolume = uniqueName('sys-vol');
    await docker.createVolume({ Name: keepVolume });
    await answered(api, ['Containers, images and networks', 'Prune'], () => run('berth.system.prune'));
    await assert.rejects(stopped.inspect(), /no such container/i);
    assert.equal((await docker.getVolume(keepVolume).inspect()).Name, keepVolume, 'volumes are kept unless asked');
    await answered(api, ['Containers, images, networks and volumes', 'Prune'], () => run('berth.system.prune'));
    await assert.rejects(docker.getVolume(keepVolume).inspect(), /no such volume/i);

    const uri = await run<string>('berth.system.diskUsage');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.ok(doc);
    assert.match(doc.getText(), /# Disk usage of/);
    assert.match(doc.getText(), /busybox:local/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('screenshots: the Images, Networks and Volumes views', async () => {
    await docker.getImage(testImage).tag({ repo: `${repo}-app`, tag: 'dev' });
    const network = uniqueName('shot-net');
    await docker.createNetwork({ Name: network });
    const volume = uniqueName('shot-vol');
    await docker.createVolume({ Name: volume });
    const user = await docker.createContainer({ Image: testImage, name: uniqueName('shot-user'), Cmd: ['sleep', '600'], HostConfig: { Binds: [`${volume}:/data`], NetworkMode: network } });
    containers.push(user);
    await user.start();
    const image = await imageNode(api, `${repo}-app:dev`);
    const net = await networkNode(api, network, 1);
    const vol = await volumeNode(api, volume, 1);
    await vscode.commands.executeCommand('berth.images.focus');
    // Expanded, so the shots show a tag's layers, a network's container and a volume's user.
    await api.views.treeViews.images.reveal(image, { expand: true, select: false });
    await api.views.treeViews.networks.reveal(net, { expand: true, select: false });
    await api.views.treeViews.volumes.reveal(vol, { expand: true, select: false });
    await takeScreenshot('explorer-images', { selector: '.monaco-list-row:has-text("dev")' });
    await vscode.commands.executeCommand('berth.networks.focus');
    await takeScreenshot('explorer-networks', { selector: `.monaco-list-row:has-text("${network.slice(0, 20)}")` });
    await vscode.commands.executeCommand('berth.volumes.focus');
    await takeScreenshot('explorer-volumes', { selector: `.monaco-list-row:has-text("${volume.slice(0, 20)}")` });
    await user.remove({ force: true });
    await docker.getNetwork(network).remove();
    await docker.getVolume(volume).remove();
    await docker.getImage(`${repo}-app:dev`).remove();
  });
});
