/**
 * Host tier: the walkthrough's lessons done for real against the private engine, mostly
 * through Berth's buttons and, for create-then-start, kill and prune, through the engine
 * API directly (as the docker CLI would), and each step's context key turning true from
 * the engine's events alone. Ends with a screenshot of the walkthrough page, named by the
 * display language so the Korean host run makes the Korean one.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ContainerSummary, ImageSummary } from '../../../src/engine/types';
import { contextKey, LessonStep, lessonSteps, lessonImage } from '../../../src/learn/lessons';
import { testDocker, testImage, testRegistry, uniqueName } from '../../support/engine';
import { takeScreenshot } from '../../support/screenshot';
import { waitFor } from '../../support/wait';
import { berth, taskResult, withAnswers, workspaceFolder } from '../support/berth';
import type { BerthApi } from '../../../src/extension';

/** A label as the person sees it: the Korean from the extension's bundle when VS Code speaks Korean (the host-ko run). */
function say(english: string): string {
  if (vscode.env.language !== 'ko') return english;
  const extension = vscode.extensions.all.find((e) => e.packageJSON?.name === 'berth' && fs.existsSync(path.join(e.extensionUri.fsPath, 'l10n', 'bundle.l10n.ko.json')));
  if (!extension) return english;
  const bundle = JSON.parse(fs.readFileSync(path.join(extension.extensionUri.fsPath, 'l10n', 'bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
  return bundle[english] ?? english;
}


describe('walkthrough: the container lessons, checked by doing them', function () {
  this.timeout(180_000);
  let api: BerthApi;
  const containers: string[] = [];
  const images: string[] = [];
  const networks: string[] = [];
  const [web, job] = [uniqueName('learn-web'), uniqueName('learn-job')];
  const built = `${uniqueName('learn-hello')}:1`.toLowerCase();

  const done = (step: LessonStep): Promise<true> =>
    waitFor(() => api.learn.contextValues()[contextKey(step)] === true || undefined, `the context key ${contextKey(step)} to turn true`, 20_000);
  const summary = async (name: string): Promise<ContainerSummary> => {
    const found = (await api.context.engine.containers.list({ all: true })).find((c) => c.name === name);
    assert.ok(found, `container ${name} is not in the engine`);
    return found;
  };
  const containerNode = async (name: string) => ({ kind: 'container', container: await summary(name) });
  const imageNode = async (reference: string) => {
    const image = (await api.context.engine.images.list()).find((i) => i.repoTags.includes(reference));
    assert.ok(image, `image ${reference} is not in the engine`);
    return { kind: 'image', reference, image } satisfies { kind: string; reference: string; image: ImageSummary };
  };

  before(async () => {
    api = await berth();
    await api.learn.reset();
    assert.deepEqual(api.learn.done(), []);
    assert.ok(lessonSteps.every((step) => api.learn.contextValues()[contextKey(step)] === false), 'every step starts open');
    await vscode.commands.executeCommand('berth.learn.open');
  });

  after(async () => {
    const docker = testDocker();
    for (const name of containers) await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    for (const ref of images) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
    for (const name of networks) await docker.getNetwork(name).remove().catch(() => undefined);
  });

  it('runs a container from the smallest local base image with a shell (docker run), which is not yet a create-then-start', async () => {
    const chosen = lessonImage(await api.context.engine.images.list());
    assert.equal(chosen, testImage, `the lesson runs the smallest base image with a shell; another suite left a smaller one (${chosen})`);
    containers.push(web);
    const result = taskResult(await withAnswers(api, [say('Name'), web, say('Command'), 'sleep 300', say('Run')], () => vscode.commands.executeCommand('berth.learn.run')));
    assert.ok(result.ok, result.output);
    await done('run');
    assert.equal((await summary(web)).state, 'running');
  });

  it('creates a container with Berth and starts it later through the engine API (docker create, docker start)', async () => {
    containers.push(job);
    const created = await withAnswers(api, [say('Name'), job, say('Command'), 'sleep 300', say('Create')], () => vscode.commands.executeCommand<{ ok: boolean }>('berth.learn.create'));
    assert.ok(created?.ok);
    assert.equal((await summary(job)).state, 'created');
    assert.notEqual(api.learn.contextValues()[contextKey('createStart')], true, 'a create alone is not the lesson');
    // The lesson is a start that comes later than a run's; the tracker tells them apart by the gap.
    await new Promise((resolve) => setTimeout(resolve, 5_200));
    await testDocker().getContainer(job).start();
    await done('createStart');
  });

  it('stops one container with Berth and kills another through the engine API (docker stop, docker kill)', async () => {
    await vscode.commands.executeCommand('berth.containers.stop', await containerNode(web));
    // A stop alone (busybox's sleep ignores SIGTERM, so the stop ends with a SIGKILL) is not a kill.
    await waitFor(async () => (await summary(web)).state === 'exited' || undefined, `${web} to stop`, 30_000);
    await api.learn.settled();
    assert.notEqual(api.learn.contextValues()[contextKey('stopKill')], true, 'a stop is not a kill');
    await testDocker().getContainer(job).kill();
    await done('stopKill');
  });

  it('removes a container with Berth and prunes through the engine API (docker rm, docker container prune)', async () => {
    await withAnswers(api, [say('Remove')], async () => vscode.commands.executeCommand('berth.containers.remove', await containerNode(web)));
    await waitFor(async () => !(await api.context.engine.containers.list({ all: true })).some((c) => c.name === web) || undefined, `${web} to be removed`);
    await testDocker().pruneContainers();
    await done('removePrune');
  });

  it('opens a shell in a running container (docker exec -it sh) and follows its logs (docker logs -f)', async () => {
    containers.push(web);
    await testDocker().createContainer({ name: web, Image: testImage, Cmd: ['sh', '-c', 'echo hello from the lesson; sleep 300'] }).then((c) => c.start());
    const before = vscode.window.terminals.length;
    await vscode.commands.executeCommand('berth.containers.attachShell', web);
    await done('shell');
    await vscode.commands.executeCommand('berth.containers.viewLogs', web);
    await done('logs');
    for (const terminal of vscode.window.terminals.slice(before)) terminal.dispose();
  });

  it('writes the sample Dockerfile on the local image, counts it once saved, and builds it (docker build -t)', async () => {
    const file = await vscode.commands.executeCommand<vscode.Uri>('berth.learn.writeDockerfile');
    assert.ok(file, 'the sample was written');
    const text = fs.readFileSync(file.fsPath, 'utf8');
    for (const instruction of ['FROM busybox:local', 'WORKDIR', 'COPY', 'RUN', 'EXPOSE', 'CMD']) assert.match(text, new RegExp(`^${instruction}`, 'm'));
    assert.equal(path.dirname(file.fsPath), path.join(workspaceFolder().uri.fsPath, 'berth-learn'));
    assert.notEqual(api.learn.contextValues()[contextKey('dockerfile')], true, 'writing the sample is not the lesson; saving it is');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, file.fsPath);
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), 'LABEL lesson="mine"\n'));
    await editor.document.save();
    await done('dockerfile');

    images.push(built);
    const result = taskResult(await withAnswers(api, [built], () => vscode.commands.executeCommand('berth.images.build', file)));
    assert.ok(result.ok, result.output);
    await done('build');
    assert.notEqual(api.learn.contextValues()[contextKey('tag')], true, 'a build\'s own tag is not a docker tag');
    assert.notEqual(api.learn.contextValues()[contextKey('commit')], true, 'a build\'s step commits are not a docker commit');
  });

  it('tags the image for a registry (docker tag) and pushes it there (docker push)', async () => {
    const target = `${testRegistry()}/${built}`;
    images.push(target);
    await withAnswers(api, [target], async () => vscode.commands.executeCommand('berth.images.tag', await imageNode(built)));
    await done('tag');
    const result = taskResult(await vscode.commands.executeCommand('berth.images.push', target));
    assert.ok(result.ok, result.output);
    await done('push');
  });

  it('commits a container (docker commit), exports one and saves an image (docker export, docker save)', async () => {
    const snapshot = `${uniqueName('learn-snapshot')}:1`.toLowerCase();
    images.push(snapshot);
    await withAnswers(api, [snapshot, '', '', ''], async () => vscode.commands.executeCommand('berth.containers.commit', await containerNode(web)));
    await done('commit');
    const dir = fs.mkdtempSync(path.join(workspaceFolder().uri.fsPath, 'learn-tars-'));
    api.files.dialogs.answer(path.join(dir, 'web.tar'));
    await vscode.commands.executeCommand('berth.containers.export', await containerNode(web));
    await api.learn.settled();
    assert.notEqual(api.learn.contextValues()[contextKey('exportSave')], true, 'an export alone is half the lesson');
    api.files.dialogs.answer(path.join(dir, 'hello.tar'));
    await vscode.commands.executeCommand('berth.images.save', await imageNode(built));
    await done('exportSave');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates a network (docker network create)', async () => {
    const name = uniqueName('learn-net');
    networks.push(name);
    await withAnswers(api, [name, say('Create')], () => vscode.commands.executeCommand('berth.networks.create'));
    await done('network');
  });

  it('has every step done, remembered in globalState, and shows the walkthrough page', async () => {
    assert.deepEqual(api.learn.done(), [...lessonSteps]);
    const stored = api.context.extension.globalState.get<string[]>('berth.learn.facts') ?? [];
    assert.ok(stored.includes('killed') && stored.includes('networkCreated'), `facts kept across sessions: ${stored.join(', ')}`);
    for (const terminal of vscode.window.terminals) terminal.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('berth.learn.open');
    await takeScreenshot(`walkthrough-${vscode.env.language}`, { selector: '.getting-started-step' });
  });
});
