/**
 * Several engines side by side in the real extension host, against the two private
 * dockerds of scripts/test-env.sh: a Docker context for the second one is created from
 * the Engines view (the docker CLI sees it), both engines are pinned, the explorer then
 * shows one group per engine, an action on each group's item reaches that engine (checked
 * in the engine itself), and when the second engine stops only its group says so while
 * the first keeps working; it comes back when the engine does.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import type { EngineRow } from '../../../src/engines';
import type { EngineNode } from '../../../src/views/engineGroup';
import type { StoreTreeProvider, TreeRow } from '../../../src/views/storeTree';
import { testImage, uniqueName } from '../../support/engine';
import { takeScreenshot } from '../../support/screenshot';
import { waitFor } from '../../support/wait';
import { berthApi, run } from './explorerHelpers';

const rawClient = (url: string) => new Docker({ socketPath: url.replace(/^unix:\/\//, '') });

function requiredEnv(name: string): string {
  const value = process.env[name];
  assert.ok(value, `${name} is not set: the engines suite needs the second private dockerd of scripts/test-env.sh (npm run env:up, then source .vscode-test/env/env.sh).`);
  return value;
}

function isGroup(node: unknown): node is EngineNode {
  return (node as { kind?: string }).kind === 'engine';
}

/** The groups of a tree, by label. */
async function groupsOf<N>(provider: StoreTreeProvider<N>): Promise<Map<string, EngineNode>> {
  return new Map((await provider.getChildren()).filter(isGroup).map((g) => [g.session.label, g]));
}

/** The node under `group` that `match` picks, once the tree shows it. */
async function nodeIn<N>(provider: StoreTreeProvider<N>, groupLabel: string, match: (node: TreeRow<N>) => boolean, what: string): Promise<TreeRow<N>> {
  return waitFor(async () => {
    const group = (await groupsOf(provider)).get(groupLabel);
    return group && (await provider.getChildren(group)).find(match);
  }, `${what} in the ${groupLabel} group`, 20_000);
}

describe('Engines: two engines side by side', function () {
  this.timeout(180_000);
  const first = requiredEnv('BERTH_TEST_DOCKER_HOST');
  const second = requiredEnv('BERTH_TEST_DOCKER_HOST_2');
  const secondPidFile = requiredEnv('BERTH_TEST_DOCKER_PIDFILE_2');
  const contextName = 'berth-second';
  const names = { one: uniqueName('eng-one'), two: uniqueName('eng-two'), volume: uniqueName('eng-same-vol') };
  const ids: { one?: string; two?: string } = {};
  const savedConfigDir = process.env.DOCKER_CONFIG;
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-engines-docker-config-'));
  let api: BerthApi;

  const docker = (...args: string[]) => execFileSync('docker', args, { env: { ...process.env, DOCKER_CONFIG: configDir }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const row = (name: string): EngineRow => {
    const found = api.engines.rows().find((r) => r.ref.name === name);
    assert.ok(found, `the Engines view lists ${name}: ${api.engines.rows().map((r) => r.ref.name).join(', ')}`);
    return found;
  };

  before(async () => {
    api = await berthApi();
    // The contexts this suite makes go to a docker config of its own, never the machine's.
    process.env.DOCKER_CONFIG = configDir;
    for (const [url, name] of [[first, names.one], [second, names.two]] as const) {
      const container = await rawClient(url).createContainer({ Image: testImage, name, Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.2; done'], StopTimeout: 1, HostConfig: { NetworkMode: 'none' } });
      ids[url === first ? 'one' : 'two'] = container.id;
      // The same volume name on both engines: only the engine of the item may lose it.
      await rawClient(url).createVolume({ Name: names.volume });
    }
  });

  after(async () => {
    for (const r of api.engines.rows().filter((r) => r.pinned)) await api.engines.sessions.unpin(r.ref);
    await vscode.workspace.getConfiguration('berth').update('context', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('berth').update('host', undefined, vscode.ConfigurationTarget.Global);
    for (const [url, id] of [[first, ids.one], [second, ids.two]] as const) {
      if (id) await rawClient(url).getContainer(id).remove({ force: true }).catch(() => undefined);
      await rawClient(url).getVolume(names.volume).remove().catch(() => undefined);
    }
    if (savedConfigDir === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = savedConfigDir;
  });

  it('creates a Docker context for the second engine, checked first, that the docker CLI sees', async () => {
    api.prompts.answer(contextName, second, 'the second test engine');
    assert.equal(await vscode.commands.executeCommand('berth.engines.createContext'), contextName);
    assert.equal(api.prompts.pending(), 0);
    const listed = docker('context', 'ls', '--format', '{{.Name}} {{.DockerEndpoint}}').split('\n');
    assert.ok(listed.includes(`${contextName} ${second}`), `docker context ls: ${listed.join(' | ')}`);
    assert.equal(docker('context', 'show'), 'default', 'the docker CLI\'s current context stays');
  });

  it('lists every context with whether it answers, which engine and version, and its counts', async () => {
    await vscode.commands.executeCommand('berth.engines.refresh');
    const [current, added] = [row('default'), row(contextName)];
    assert.equal(current.current, true);
    assert.equal(added.current, false);
    for (const [r, url] of [[current, first], [added, second]] as const) {
      assert.ok(r.status?.reachable, `${r.ref.name} answers`);
      const info = await rawClient(url).info() as { Containers: number; Images: number; ServerVersion: string };
      assert.deepEqual([r.status.kind, r.status.version, r.status.containers, r.status.images], ['Docker', info.ServerVersion, info.Containers, info.Images]);
    }
    const item = api.engines.provider.getTreeItem(added);
    assert.match(String(item.description), /^Docker \S+ · \d+ containers? .*· \d+ images?$/);
    assert.equal(item.command?.command, 'berth.engines.use', 'one click uses it');
  });

  it('with both pinned, groups the four views by engine, each group listing its own engine', async () => {
    const before = await api.views.containers.getChildren();
    assert.ok(!before.some(isGroup), 'one engine: no engine level');
    await run('berth.engines.pin', row('default'));
    await run('berth.engines.pin', row(contextName));
    assert.deepEqual(api.engines.rows().filter((r) => r.pinned).map((r) => r.ref.name), ['default', contextName]);
    for (const provider of [api.views.containers, api.views.images, api.views.networks, api.views.volumes] as const) {
      const groups = await groupsOf(provider as StoreTreeProvider<unknown>);
      assert.deepEqual([...groups.keys()], ['default', contextName]);
    }
    const one = await nodeIn(api.views.containers, contextName, (n) => n.kind === 'container' && n.container.name === names.two, names.two);
    assert.ok(one, 'the second engine\'s container is in its group');
    const groups = await groupsOf(api.views.containers);
    const firstGroup = [...groups.values()][0];
    const inFirst = await api.views.containers.getChildren(firstGroup);
    assert.ok(!inFirst.some((n) => n.kind === 'container' && n.container.name === names.two), 'and not in the first engine\'s group');
    // Items of the two engines have ids of their own, even for the same image.
    const imageIds = await Promise.all([...(await groupsOf(api.views.images)).values()].map(async (g) => (await api.views.images.getChildren(g)).map((n) => api.views.images.getTreeItem(n).id)));
    assert.equal(imageIds[0].filter((id) => imageIds[1].includes(id)).length, 0);
  });

  it('runs an action on each group\'s item on that item\'s engine', async () => {
    const [firstLabel] = (await groupsOf(api.views.containers)).keys();
    const two = await nodeIn(api.views.containers, contextName, (n) => n.kind === 'container' && n.container.name === names.two, names.two);
    await run('berth.containers.start', two);
    assert.equal((await rawClient(second).getContainer(ids.two!).inspect()).State.Running, true, 'started on the second engine');
    assert.equal((await rawClient(first).getContainer(ids.one!).inspect()).State.Running, false, 'the first engine\'s container was not touched');
    const one = await nodeIn(api.views.containers, firstLabel, (n) => n.kind === 'container' && n.container.name === names.one, names.one);
    await run('berth.containers.start', one);
    assert.equal((await rawClient(first).getContainer(ids.one!).inspect()).State.Running, true, 'started on the first engine');
    await nodeIn(api.views.containers, contextName, (n) => n.kind === 'container' && n.container.state === 'running', `${names.two} running`);

    // The same volume name on both: removing it from the second group removes the second engine's only.
    const volume = await nodeIn(api.views.volumes, contextName, (n) => n.kind === 'volume' && n.volume.name === names.volume, names.volume);
    api.prompts.answer('Remove');
    await run('berth.volumes.remove', volume);
    assert.equal(api.prompts.pending(), 0);
    await assert.rejects(rawClient(second).getVolume(names.volume).inspect(), 'gone from the second engine');
    await rawClient(first).getVolume(names.volume).inspect();
    // An inspect document reads the item's engine.
    await run('berth.containers.inspect', two);
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal((JSON.parse(doc?.getText() ?? '{}') as { Id?: string }).Id, ids.two);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('switches engines with one click, keeping the docker CLI\'s context and both groups', async () => {
    assert.equal(await run('berth.engines.use', row(contextName)), second);
    assert.equal(api.context.engine.endpoint.context, contextName);
    assert.equal(docker('context', 'show'), 'default');
    assert.equal(row(contextName).current, true);
    await waitFor(async () => [...(await groupsOf(api.views.containers)).keys()][0] === contextName || undefined, 'the chosen engine first');
    assert.equal((await groupsOf(api.views.containers)).size, 2);
    assert.equal(await run('berth.engines.use', row('default')), first);
    await waitFor(async () => [...(await groupsOf(api.views.containers)).keys()][1] === contextName || undefined, 'the second engine pinned again');
  });

  it('when the second engine stops, only its group says so; the first keeps working; it comes back', async () => {
    const pid = Number(fs.readFileSync(secondPidFile, 'utf8').trim());
    process.kill(pid, 'SIGTERM');
    await waitFor(() => {
      try {
        process.kill(pid, 0);
        return undefined;
      } catch {
        return true;
      }
    }, 'the second dockerd to exit', 60_000, 100);
    try {
      const down = await waitFor(async () => {
        const group = (await groupsOf(api.views.containers)).get(contextName);
        return group && api.views.containers.getTreeItem(group).contextValue === 'engineGroup.pinned.unreachable' ? group : undefined;
      }, 'the second group to say its engine does not answer', 20_000);
      const item = api.views.containers.getTreeItem(down);
      assert.match(String(item.description), /not answering/);
      const rows = await api.views.containers.getChildren(down);
      assert.match(rows[0].kind === 'action' ? rows[0].label : '', new RegExp(`${second.replace(/[/.]/g, '\\$&')}`), 'names the endpoint that failed');
      assert.deepEqual(rows.slice(1).map((r) => (r.kind === 'action' ? r.label : r.kind)), ['Retry', 'Show Log']);
      // The view as a whole has no message and the first group still lists and acts.
      for (const view of ['containers', 'images', 'networks', 'volumes'] as const) assert.equal(api.views.treeViews[view].message, undefined, view);
      const [firstLabel] = (await groupsOf(api.views.containers)).keys();
      const firstGroup = (await groupsOf(api.views.containers)).get(firstLabel)!;
      assert.equal(api.views.containers.getTreeItem(firstGroup).contextValue, 'engineGroup.primary');
      const one = await nodeIn(api.views.containers, firstLabel, (n) => n.kind === 'container' && n.container.name === names.one, names.one);
      await run('berth.containers.stop', one);
      assert.equal((await rawClient(first).getContainer(ids.one!).inspect()).State.Running, false, 'stopped on the first engine');
      // The Engines view's row follows the pinned engine's event stream: no refresh needed.
      await waitFor(() => row(contextName).status?.reachable === false || undefined, 'the Engines view saying the second engine does not answer');
      assert.match(String(api.engines.provider.getTreeItem(row(contextName)).description), /not answering/);
      const imagesGroup = (await groupsOf(api.views.images)).get(contextName)!;
      assert.equal(api.views.images.getTreeItem(imagesGroup).contextValue, 'engineGroup.pinned.unreachable');

      await vscode.commands.executeCommand('berth.containers.focus');
      await takeScreenshot('engines-one-stopped', { selector: '.monaco-list-row:has-text("not answering")' });
    } finally {
      execFileSync('bash', [path.join(api.context.extension.extensionPath, 'scripts', 'test-env.sh'), 'engine2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    }
    await nodeIn(api.views.containers, contextName, (n) => n.kind === 'container' && n.container.name === names.two, `${names.two} back after the engine restarted`);
    const back = (await groupsOf(api.views.containers)).get(contextName)!;
    assert.equal(api.views.containers.getTreeItem(back).contextValue, 'engineGroup.pinned');
    await waitFor(() => row(contextName).status?.reachable || undefined, 'the Engines view saying the second engine answers again');

    await vscode.commands.executeCommand('berth.engines.focus');
    await vscode.commands.executeCommand('berth.engines.refresh');
    await takeScreenshot('engines-view', { selector: `.monaco-list-row:has-text("${contextName}")` });
  });

  it('adds an endpoint only after connecting to it, and says why one that does not answer is not saved', async () => {
    api.prompts.answer(second, 'second by socket');
    assert.equal(await vscode.commands.executeCommand('berth.engines.addEndpoint'), `endpoint:${second}`);
    assert.equal(api.prompts.pending(), 0);
    const added = row('second by socket');
    assert.equal(added.ref.kind, 'endpoint');

    const nobody = `unix://${path.join(configDir, 'nobody.sock')}`;
    api.prompts.answer(nobody, 'nobody', undefined);
    assert.equal(await vscode.commands.executeCommand('berth.engines.addEndpoint'), undefined);
    const warning = [...api.prompts.asked].reverse().find((a) => a.kind === 'confirm');
    assert.equal(warning?.message, 'nobody does not answer.');
    assert.match(warning?.detail ?? '', new RegExp(nobody.replace(/[/.]/g, '\\$&')), 'names the endpoint that failed');
    assert.ok(!api.engines.rows().some((r) => r.ref.name === 'nobody'), 'not saved');

    api.prompts.answer('Remove');
    await run('berth.engines.remove', added);
    assert.ok(!api.engines.rows().some((r) => r.ref.name === 'second by socket'));
  });

  it('unpinned, the views look as with one engine; the context is removed from the docker CLI\'s store', async () => {
    await run('berth.engines.unpin', row(contextName));
    assert.ok(!(await api.views.containers.getChildren()).some(isGroup), 'no engine level with one engine');
    await run('berth.engines.unpin', row('default'));
    api.prompts.answer('Remove');
    await run('berth.engines.remove', row(contextName));
    assert.equal(api.prompts.pending(), 0);
    assert.ok(!docker('context', 'ls', '--format', '{{.Name}}').split('\n').includes(contextName));
  });
});
