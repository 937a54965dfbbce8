/**
 * Host tier: what a walk through the Docker tutorials in Berth's real UI found, each
 * step the way a person takes it (the tree's own nodes, the run form, terminals).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import type { AttachSession } from '../../../src/terminals';
import type { ImageNode } from '../../../src/views/imageItems';
import type { NetworkNode } from '../../../src/views/networkItems';
import { plainText } from '../../../src/terminals/table';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { BerthLog, withAnswers } from '../support/berth';
import { answered, berthApi, containerNode, run, walk } from './explorerHelpers';
import { ended, output } from './terminalHelpers';

const docker = testDocker();

type TagNode = Extract<ImageNode, { kind: 'image' }>;

async function activeText(): Promise<string> {
  return waitFor(() => vscode.window.activeTextEditor?.document.getText() || undefined, 'an open document');
}

describe('the tutorials walk', function () {
  this.timeout(120_000);
  let api: BerthApi;
  const containers: string[] = [];
  const images: string[] = [];

  before(async () => {
    api = await berthApi();
  });

  after(async () => {
    api.prompts.reset();
    for (const id of containers) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    for (const ref of images) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
  });

  async function started(name: string, extra: Record<string, unknown> = {}, cmd = ['sleep', '600']): Promise<string> {
    const created = await docker.createContainer({ Image: testImage, name, Cmd: cmd, ...extra });
    containers.push(created.id);
    await created.start();
    return created.id;
  }

  it('runs the tag that was clicked, and a second run from the same tag pre-fills no name or host port in use', async () => {
    const repo = uniqueName('walktag').replace(/[^a-z0-9-]/g, '');
    for (const tag of ['a', 'b']) {
      await docker.getImage(testImage).tag({ repo, tag });
      images.push(`${repo}:${tag}`);
    }
    await api.stores.refresh(['images']);
    // Whichever of the two the engine lists second: the clicked tag is not the image's first one.
    const node = await waitFor(async () => (await walk(api.views.images)).find((n): n is TagNode =>
      n.kind === 'image' && !!n.reference?.startsWith(`${repo}:`) && n.image.repoTags[0] !== n.reference), `a second tag of ${repo} in the Images tree`);
    const second = node.reference!;
    const name = uniqueName('walkrun');
    const port = 20000 + Math.floor(Math.random() * 20000);
    const first = await withAnswers(api, ['Name', name, 'Command', 'httpd -f -p 80', 'Ports', `127.0.0.1:${port}:80`, 'Run'], () => run('berth.images.run', node, [node]));
    assert.ok((first as { ok: boolean }).ok, JSON.stringify(first));
    const inspected = await docker.getContainer(name).inspect();
    containers.push(inspected.Id);
    assert.equal(inspected.Config.Image, second);

    // Only "Run": the remembered name and host port are held by the first container.
    const again = await withAnswers(api, ['Run'], () => run('berth.images.run', node, [node]));
    assert.ok((again as { ok: boolean; output: string }).ok, (again as { output: string }).output);
    const mine = (await docker.listContainers({ all: true })).filter((c) => c.Image === second && !c.Names.includes(`/${name}`));
    assert.equal(mine.length, 1, 'a second container from the clicked tag');
    containers.push(mine[0].Id);
    assert.equal((await docker.getContainer(mine[0].Id).inspect()).HostConfig.PortBindings?.['80/tcp'], undefined, 'no host port pre-filled');
  });

  it('refuses --rm with a restart policy in the form as it is chosen, and confirms a create', async () => {
    const name = uniqueName('walkcreate');
    let picks: { detail?: string }[] = [];
    const result = await withAnswers(api, ['Name', name, 'Restart policy', 'always', 'Remove when stopped', 'Create'], async () => {
      const value = await run('berth.images.create', testImage);
      picks = api.prompts.asked.filter((a) => a.kind === 'pick');
      return value;
    });
    assert.match(picks.at(-1)?.detail ?? '', /"Remove when stopped" \(--rm\) cannot go with the restart policy "always"/);
    const created = result as { ok: boolean; value: string; message: string };
    containers.push(created.value);
    assert.match(created.message, new RegExp(`^Created container ${name} from ${testImage.replace('.', '\\.')}; it is not started\\.$`));
    const inspected = await docker.getContainer(name).inspect();
    assert.equal(inspected.HostConfig.RestartPolicy?.Name, 'always');
    assert.equal(inspected.HostConfig.AutoRemove, false);
  });

  it('starts a container attached (docker start -a) so a short-lived one\'s output is all there', async () => {
    const created = await docker.createContainer({ Image: testImage, name: uniqueName('walkstarta'), Cmd: ['sh', '-c', 'echo first line; echo second line; exit 3'] });
    containers.push(created.id);
    const node = await containerNode(api, (await created.inspect()).Name.slice(1), 'created');
    const session = await run<AttachSession>('berth.containers.startAttach', node);
    await ended(session);
    assert.match(plainText(session.transcript), /first line\s+second line/);
    assert.match(plainText(session.transcript), /exited with code 3/);
    session.terminal?.dispose();
  });

  it('detaches with Ctrl+] (a key VS Code leaves to the terminal) without ending a docker run -it container, and closing asks Detach or Stop', async () => {
    // As `docker run -it` makes it: stdin closes with the attach (StdinOnce), so only a real detach keeps it running.
    const name = uniqueName('walkattach');
    const id = await started(name, { Tty: true, OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true }, ['sh']);
    const node = await containerNode(api, name, 'running');
    const attach = await run<AttachSession>('berth.containers.attach', node);
    await output(attach, /Ctrl\+\] detaches/);
    attach.terminal!.sendText('echo "in $((6*7))"');
    await output(attach, /in 42/);
    attach.terminal!.sendText('\x1d', false);
    await ended(attach);
    assert.match(plainText(attach.transcript), /Detached from .*; it keeps running\./);
    assert.equal((await docker.getContainer(id).inspect()).State.Running, true);
    attach.terminal!.dispose();

    const again = await run<AttachSession>('berth.containers.attach', node);
    await output(again, /Attached to/);
    api.prompts.reset();
    api.prompts.strict = true;
    api.prompts.answer('Stop');
    again.terminal!.dispose();
    await waitFor(async () => !(await docker.getContainer(id).inspect()).State.Running, `${name} to stop after "Stop"`, 30_000);
    assert.match(api.prompts.asked[0]?.message ?? '', /detach or stop it\?/);
    api.prompts.reset();
  });

  it('stops with a grace period and says in the view description when stopped containers are hidden', async () => {
    const name = uniqueName('walkgrace');
    const id = await started(name);
    const node = await containerNode(api, name, 'running');
    await answered(api, [['ten', '1']], () => run('berth.containers.stopAfter', node));
    assert.match(api.prompts.asked.at(-1)?.validation?.[0] ?? '', /not a whole number of seconds/);
    assert.equal((await docker.getContainer(id).inspect()).State.Running, false);

    const showing = api.context.config['containers.showStopped'];
    await run('berth.containers.toggleStopped');
    assert.equal(api.views.treeViews.containers.description, showing ? 'running only' : undefined);
    await run('berth.containers.toggleStopped');
    assert.equal(api.views.treeViews.containers.description, showing ? undefined : 'running only');
  });

  it('shows docker diff, docker history and the engine\'s network JSON from the palette', async () => {
    const name = uniqueName('walkdiff');
    const id = await started(name, {}, ['sh', '-c', 'touch /walk-was-here; sleep 600']);
    await waitFor(async () => ((await docker.getContainer(id).changes()) ?? []).length > 0, 'the file change');
    await containerNode(api, name);
    await answered(api, [name], () => run('berth.containers.showChanges'));
    assert.match(await activeText(), /^A \/walk-was-here$/m);
    await answered(api, [testImage], () => run('berth.images.showHistory'));
    assert.match(await activeText(), new RegExp(`# docker history ${testImage.replace('.', '\\.')}\\nIMAGE\\s+CREATED\\s+CREATED BY`));
    const networks = await walk(api.views.networks);
    const bridge = networks.find((n): n is Extract<NetworkNode, { kind: 'network' }> => n.kind === 'network' && n.network.name === 'bridge');
    if (!bridge) {
      await run('berth.networks.toggleBuiltIn');
    }
    const network = bridge ?? (await walk(api.views.networks)).find((n): n is Extract<NetworkNode, { kind: 'network' }> => n.kind === 'network' && n.network.name === 'bridge');
    assert.ok(network, 'the bridge network in the tree');
    await run('berth.networks.inspect', network);
    const raw = JSON.parse(await activeText()) as Record<string, unknown>;
    assert.equal(raw.Name, 'bridge');
    assert.ok('IPAM' in raw && 'EnableIPv6' in raw, 'the engine\'s own keys');
    if (!bridge) await run('berth.networks.toggleBuiltIn');
  });

  it('pulls every tag of a repository (pull -a) and says when the pull finished', async () => {
    const registry = process.env.BERTH_TEST_REGISTRY;
    assert.ok(registry, 'BERTH_TEST_REGISTRY is set (source .vscode-test/env/env.sh)');
    const repo = `${registry}/berth/${uniqueName('walkpull').slice(-12)}`;
    for (const tag of ['one', 'two']) {
      await docker.getImage(testImage).tag({ repo, tag });
      images.push(`${repo}:${tag}`);
      await api.context.engine.images.push(`${repo}:${tag}`);
      await docker.getImage(`${repo}:${tag}`).remove();
    }
    const result = await run<{ ok: boolean; message: string }>('berth.images.pullAllTags', repo);
    assert.match(result.message, new RegExp(`^Pulled every tag of ${repo.replace(/[.]/g, '\\.')} \\(`));
    for (const tag of ['one', 'two']) await assert.doesNotReject(docker.getImage(`${repo}:${tag}`).inspect(), `${tag} is here`);
  });

  it('says the fix that fits when an image a created container uses is removed', async () => {
    const repo = uniqueName('walkrm').replace(/[^a-z0-9-]/g, '');
    const source = await docker.createContainer({ Image: testImage, Cmd: ['true'] });
    containers.push(source.id);
    await source.commit({ repo, tag: 'v1' });
    images.push(`${repo}:v1`);
    const user = await docker.createContainer({ Image: `${repo}:v1`, name: uniqueName('walkuser'), Cmd: ['true'] });
    containers.unshift(user.id);
    await api.stores.refresh(['images', 'containers']);
    const node = await waitFor(async () => (await walk(api.views.images)).find((n): n is TagNode => n.kind === 'image' && n.reference === `${repo}:v1`), 'the image in the tree');
    const log = new BerthLog(api);
    const mark = log.mark();
    await answered(api, ['Remove'], () => run('berth.images.remove', node, [node]));
    const asked = api.prompts.asked.at(-1);
    assert.match(asked?.detail ?? '', /Still used by 1 container/);
    assert.doesNotMatch(asked?.detail ?? '', /keep running/, 'the container using it is only created');
    const refusal = await waitFor(() => log.errorOf('berth.images.remove', mark), 'the refusal in the log');
    assert.match(refusal, /Remove the containers that use the image first/);
    assert.doesNotMatch(refusal, /name that is not taken/);
    await assert.doesNotReject(docker.getImage(`${repo}:v1`).inspect(), 'the engine refused the plain remove');
  });
});
