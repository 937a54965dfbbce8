/** Host tier: berth-build through the real task system — COPY with .dockerignore, build args, target, a failing RUN, cancel. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testDocker, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { berth, scratch, taskResult, withAnswers, workspaceFolder } from '../support/berth';

/** Runs `sh -c script` in the image and returns what it printed. */
async function runIn(image: string, script: string): Promise<string> {
  const docker = testDocker();
  const container = await docker.createContainer({ Image: image, Cmd: ['sh', '-c', script], Tty: true });
  try {
    await container.start();
    await container.wait();
    return (await container.logs({ stdout: true, stderr: true })).toString('utf8');
  } finally {
    await container.remove({ force: true });
  }
}

const multiStage = [
  'FROM busybox:local AS base',
  'ARG GREETING=hello',
  'WORKDIR /app',
  'COPY . /app/',
  'RUN echo "$GREETING" > /app/greeting.txt',
  'FROM base AS final',
  'RUN echo final > /app/final.txt',
  'FROM base AS broken',
  'RUN exit 7',
  '',
].join('\n');

describe('berth-build', function () {
  this.timeout(180_000);
  const images: string[] = [];

  after(async () => {
    for (const image of images) await testDocker().getImage(image).remove({ force: true }).catch(() => undefined);
  });

  it('builds from the Dockerfile\'s context menu with a tag and a target, honouring .dockerignore', async () => {
    const api = await berth();
    const dir = scratch('build-copy', { Dockerfile: multiStage, 'keep.txt': 'kept\n', 'secret.txt': 'must not be sent\n', '.dockerignore': 'secret.txt\n' });
    const tag = `berth-test/build-copy:${Date.now().toString(36)}`;
    images.push(tag);
    // The language server's code lens passes {dockerfile, target}; the tag is asked for (default: folder name).
    const result = taskResult(await withAnswers(api, [tag], () =>
      vscode.commands.executeCommand('berth.images.build', { dockerfile: vscode.Uri.file(path.join(dir, 'Dockerfile')).toString(), target: 'final' })));
    assert.ok(result.ok, result.output);
    assert.equal(api.prompts.asked.length, 0);
    assert.match(result.output, /Step \d+\/7 : RUN echo final/);
    const listing = await runIn(tag, 'ls -a /app; cat /app/greeting.txt /app/final.txt');
    assert.match(listing, /keep\.txt/);
    assert.doesNotMatch(listing, /secret\.txt/, 'the .dockerignored file is not in the image');
    assert.match(listing, /hello/);
    assert.match(listing, /final/);
  });

  it('asks for the tag (folder name by default) and offers the stages as targets', async () => {
    const api = await berth();
    const dir = scratch('Build Stages', { Dockerfile: multiStage, 'keep.txt': 'kept\n' });
    images.push('build-stages:latest');
    api.prompts.reset();
    api.prompts.strict = true;
    api.prompts.answer(['Bad Tag!', 'build-stages:latest'], 'base');
    const result = taskResult(await vscode.commands.executeCommand('berth.images.build', vscode.Uri.file(path.join(dir, 'Dockerfile'))));
    const [tagQuestion, targetQuestion] = api.prompts.asked;
    api.prompts.reset();
    assert.ok(result.ok, result.output);
    assert.match(tagQuestion.validation?.[0] ?? '', /whitespace|lowercase|not a valid/, 'the tag is validated as typed');
    assert.equal(tagQuestion.validation?.[1], undefined);
    assert.equal(targetQuestion.kind, 'pick');
    assert.match(result.output, /Step \d+\/5 : RUN echo "\$GREETING"/);
  });

  it('passes build args and a target from a task definition', async () => {
    const api = await berth();
    scratch('build-args', { Dockerfile: multiStage, 'keep.txt': 'kept\n' });
    const tag = `berth-test/build-args:${Date.now().toString(36)}`;
    images.push(tag);
    const result = await api.tasks.runTask({ type: 'berth-build', dockerfile: 'build-args/Dockerfile', context: 'build-args', tags: [tag], buildArgs: { GREETING: 'bonjour' }, target: 'base', labels: { 'berth.test': 'yes' } }, workspaceFolder());
    assert.ok(result.ok, result.output);
    assert.match(await runIn(tag, 'cat /app/greeting.txt'), /bonjour/);
    const inspect = await testDocker().getImage(tag).inspect();
    assert.equal(inspect.Config.Labels?.['berth.test'], 'yes');
  });

  it('puts a failing RUN on its Dockerfile line and fails with the engine\'s message', async () => {
    const api = await berth();
    const dir = scratch('build-fail', { Dockerfile: multiStage });
    const result = await api.tasks.runTask({ type: 'berth-build', dockerfile: 'build-fail/Dockerfile', context: 'build-fail', target: 'broken' }, workspaceFolder());
    assert.equal(result.ok, false);
    assert.match(result.output, /returned a non-zero code: 7/);
    const diagnostics = api.tasks.diagnostics.get(vscode.Uri.file(path.join(dir, 'Dockerfile'))) ?? [];
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 8, 'the diagnostic sits on "RUN exit 7"');
    assert.match(diagnostics[0].message, /non-zero code: 7/);
    // A later good build of the same Dockerfile clears it.
    const fixed = await api.tasks.runTask({ type: 'berth-build', dockerfile: 'build-fail/Dockerfile', context: 'build-fail', target: 'final' }, workspaceFolder());
    assert.ok(fixed.ok, fixed.output);
    assert.equal((api.tasks.diagnostics.get(vscode.Uri.file(path.join(dir, 'Dockerfile'))) ?? []).length, 0);
  });

  it('aborts the build when the task is cancelled', async () => {
    const api = await berth();
    const marker = uniqueName('sleep').slice(-12);
    scratch('build-cancel', { Dockerfile: `FROM busybox:local\nRUN echo ${marker} && sleep 120\n` });
    const running = api.tasks.runTask({ type: 'berth-build', dockerfile: 'build-cancel/Dockerfile', context: 'build-cancel', noCache: true }, workspaceFolder());
    const docker = testDocker();
    const isBuildStep = (c: { Command: string }): boolean => c.Command.includes(marker);
    await waitFor(async () => (await docker.listContainers()).some(isBuildStep), 'the RUN step to start', 60_000);
    const execution = vscode.tasks.taskExecutions.find((e) => e.task.definition.type === 'berth-build' && e.task.definition.dockerfile === 'build-cancel/Dockerfile');
    assert.ok(execution, 'the build task is running');
    const started = Date.now();
    execution.terminate();
    const result = await running;
    assert.equal(result.ok, false);
    assert.ok(Date.now() - started < 30_000, 'the task ended soon after it was cancelled');
    await waitFor(async () => !(await docker.listContainers()).some(isBuildStep), 'the engine to stop the build step', 30_000);
  });
});
