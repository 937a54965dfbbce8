/**
 * Bad input everywhere a person types, in the real VS Code: Berth talks to the shared
 * engine through a recording proxy (berth.host points at it), every row of the table
 * in faultsInputRows.ts types or picks a bad value through the Prompter and the file
 * dialogs, and each must (a) be refused with one sentence that says what is wrong and
 * (b) send nothing that changes state to the engine. Good values through the same
 * commands then show the proxy does see what they send, so "nothing" is not vacuous.
 * Fixtures are made and removed with raw dockerode, beside the proxy.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import type { TaskResult } from '../../../src/tasks';
import { itemsOf } from '../../../src/state/store';
import { CountingProxy, RecordedRequest } from '../../support/countingProxy';
import { testDocker, testDockerHost, testImage, uniqueName } from '../../support/engine';
import { assertOneSentence } from '../../support/sentences';
import { waitFor } from '../../support/wait';
import { berth, BerthLog, scratch, workspaceFolder } from '../support/berth';
import { containerNode } from './explorerHelpers';
import { badInputRows, CommandRow, Fixtures, Row } from './faultsInputRows';

const changesOf = (requests: RecordedRequest[]): string[] => requests.map((r) => `${r.method} ${r.path}`);
const isTaskResult = (value: unknown): value is TaskResult => typeof value === 'object' && value !== null && 'ok' in value && 'output' in value;
/** The task terminal prints a failure in red: that line is what the person reads. */
const red = `${String.fromCharCode(27)}[31m`;
const taskFailure = (output: string): string | undefined => output.split(red)[1]?.split(String.fromCharCode(27))[0];

describe('Bad input: refused in one sentence, nothing sent to the engine', function () {
  this.timeout(300_000);
  const docker = testDocker();
  const proxy = new CountingProxy(new URL(testDockerHost()).pathname);
  const made: { containers: Docker.Container[]; networks: string[]; volumes: string[]; images: string[] } = { containers: [], networks: [], volumes: [], images: [] };
  let api: BerthApi;
  let log: BerthLog;
  let fixtures: Fixtures;

  before(async () => {
    api = await berth();
    log = new BerthLog(api);
    await proxy.start();
    await vscode.workspace.getConfiguration('berth').update('host', proxy.url, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.context.engine.endpoint.url === proxy.url || undefined, 'Berth on the recording proxy');
    fixtures = await makeFixtures();
  });

  after(async () => {
    api.prompts.reset();
    api.files.dialogs.strict = false;
    await vscode.workspace.getConfiguration('berth').update('host', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.context.engine.endpoint.url === process.env.BERTH_TEST_DOCKER_HOST || undefined, 'Berth back on the shared engine');
    for (const c of made.containers) await c.remove({ force: true }).catch(() => undefined);
    for (const n of made.networks) await docker.getNetwork(n).remove().catch(() => undefined);
    for (const v of made.volumes) await docker.getVolume(v).remove({ force: true }).catch(() => undefined);
    for (const i of made.images) await docker.getImage(i).remove({ force: true }).catch(() => undefined);
    await proxy.dispose();
  });

  async function makeFixtures(): Promise<Fixtures> {
    const names = [uniqueName('faults-a'), uniqueName('faults-b')];
    for (const name of names) {
      const c = await docker.createContainer({ Image: testImage, name, Cmd: ['sleep', '600'] });
      made.containers.push(c);
      await c.start();
    }
    const networkName = uniqueName('faults-net');
    await docker.createNetwork({ Name: networkName, IPAM: { Driver: 'default', Config: [{ Subnet: '10.213.0.0/16' }] } });
    made.networks.push(networkName);
    const node = await containerNode(api, names[0], 'running');
    await containerNode(api, names[1]);
    await waitFor(() => itemsOf(api.stores.networks).some((n) => n.name === networkName) || undefined, 'the fixture network in the Networks store');
    const image = (await api.context.engine.images.list()).find((i) => i.repoTags.includes(testImage));
    assert.ok(image, `${testImage} is on the engine`);
    const dir = scratch('faults-input', { 'Dockerfile': `FROM ${testImage}\nCMD ["true"]\n`, 'rootfs.tar': 'not really a tar: refused before it is read', 'folder/keep': '' });
    return {
      container: node, containerName: names[0], otherContainerName: names[1],
      filesRoot: { kind: 'filesRoot', container: node.container },
      fileEntry: { kind: 'fileEntry', container: node.container, path: '/etc/passwd', entry: { name: 'passwd', kind: 'file', size: 0, mode: 0o644, mtime: 0 } },
      image: { kind: 'image', image, reference: testImage },
      network: { kind: 'network', network: await api.context.engine.networks.inspect(networkName), containers: [] },
      networkName,
      dockerfile: vscode.Uri.file(path.join(dir, 'Dockerfile')),
      dockerfilePath: path.relative(workspaceFolder().uri.fsPath, path.join(dir, 'Dockerfile')),
      hostFile: path.join(dir, 'rootfs.tar'),
      hostFolder: path.join(dir, 'folder'),
    };
  }

  /** Runs one row the way a person would; returns what they were told and every request the proxy saw meanwhile. */
  async function attempt(row: Row): Promise<{ message: string | undefined; refusedByBox: string | undefined; requests: RecordedRequest[]; since: number }> {
    api.prompts.reset();
    api.prompts.strict = true;
    api.files.dialogs.strict = true;
    const mark = log.mark();
    const since = Date.now();
    let message: string | undefined;
    if ('task' in row) {
      const result = await api.tasks.runTask(row.task, workspaceFolder());
      assert.equal(result.ok, false, `${row.what}: the task should fail\n${result.output}`);
      message = taskFailure(result.output);
    } else {
      api.prompts.answer(...(row.answers ?? []));
      api.files.dialogs.answer(...(row.dialogs ?? []));
      const result = await vscode.commands.executeCommand(row.command, ...(row.args ?? []));
      if (isTaskResult(result)) {
        assert.equal(result.ok, false, `${row.what}: the task should fail\n${result.output}`);
        message = taskFailure(result.output);
      } else {
        assert.equal(result, undefined, `${row.what}: the command should fail, it returned ${JSON.stringify(result)}`);
        message = await waitFor(() => log.errorOf((row as CommandRow).command, mark), `${row.what}: the refusal in the Berth log`);
      }
      assert.equal(api.prompts.pending(), 0, `${row.what}: answers left over; asked: ${api.prompts.asked.map((a) => a.message).join(' | ')}`);
      assert.equal(api.files.dialogs.pending(), 0, `${row.what}: dialog answers left over`);
    }
    const refusedByBox = api.prompts.asked.find((a) => a.refused)?.refused;
    return { message, refusedByBox, requests: proxy.requests.filter((r) => r.at >= since), since };
  }

  it('refuses every bad value in one sentence and sends nothing that changes state', async function () {
    const rows = badInputRows(fixtures);
    const failures: string[] = [];
    for (const row of rows) {
      try {
        const { message, refusedByBox, requests, since } = await attempt(row);
        assert.deepEqual(changesOf(proxy.changes(since)), [], `${row.what}: requests that change state reached the engine`);
        if (row.noRequests) assert.deepEqual(changesOf(requests.filter((r) => row.noRequests!.test(r.path))), [], `${row.what}: the engine was asked for work before the path was checked`);
        assertOneSentence(message, row.says, row.what);
        if (row.box === false) assert.equal(refusedByBox, undefined, `${row.what}: expected the refusal after the input box, but the box refused "${refusedByBox}"`);
        else assert.equal(refusedByBox, message, `${row.what}: the input box itself should refuse, with the sentence the notification shows`);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${rows.length} rows failed:\n${failures.join('\n')}`);
    assert.equal(vscode.workspace.getConfiguration('berth').get('host'), proxy.url, 'a refused endpoint left berth.host as it was');
    assert.ok(rows.length >= 60, `the table covers every command a person types into (${rows.length} rows)`);
  });

  it('sends good values through the same commands, and the proxy sees them', async () => {
    const volume = uniqueName('faults-vol');
    const network = uniqueName('faults-ok-net');
    const renamed = uniqueName('faults-renamed');
    const target = `berth-faults/ok-${Date.now().toString(36)}:dev`;
    made.volumes.push(volume);
    made.networks.push(network);
    made.images.push(target);
    const good: { what: string; command: string; args?: unknown[]; answers: string[]; expect: RegExp[] }[] = [
      { what: 'create volume', command: 'berth.volumes.create', answers: [volume], expect: [/^POST \/volumes\/create$/] },
      { what: 'create network with subnet and gateway', command: 'berth.networks.create', answers: [network, 'bridge', '10.215.0.0/16', '', '10.215.0.1', 'No'], expect: [/^POST \/networks\/create$/] },
      { what: 'tag', command: 'berth.images.tag', args: [fixtures.image], answers: [target], expect: [/^POST \/images\/.+\/tag$/] },
      { what: 'rename', command: 'berth.containers.rename', args: [fixtures.container], answers: [renamed], expect: [/^POST \/containers\/[0-9a-f]{64}\/rename$/] },
    ];
    for (const { what, command, args, answers, expect } of good) {
      api.prompts.reset();
      api.prompts.strict = true;
      const since = Date.now();
      api.prompts.answer(...answers);
      await vscode.commands.executeCommand(command, ...(args ?? []));
      assert.equal(api.prompts.pending(), 0, `${what}: answers left over`);
      assert.equal(api.prompts.asked.find((a) => a.refused)?.refused, undefined, `${what}: a good value was refused`);
      const changes = changesOf(proxy.changes(since));
      assert.equal(changes.length, expect.length, `${what}: expected ${expect.join(', ')}, the proxy saw ${changes.join(', ') || 'nothing'}`);
      expect.forEach((pattern, i) => assert.match(changes[i], pattern, what));
    }
    // A berth-run task with good options: create and start reach the engine.
    const name = uniqueName('faults-run');
    const since = Date.now();
    const result = await api.tasks.runTask({ type: 'berth-run', image: testImage, name, command: 'sleep 600', ports: ['127.0.0.1::80'], env: ['MODE=ok'], network: fixtures.networkName }, workspaceFolder());
    made.containers.push(docker.getContainer(name));
    assert.ok(result.ok, result.output);
    assert.deepEqual(changesOf(proxy.changes(since)).map((c) => c.replace(/[0-9a-f]{64}/, '<id>')), ['POST /containers/create', 'POST /containers/<id>/start']);
    assert.equal((await docker.getVolume(volume).inspect()).Name, volume);
    assert.equal((await docker.getContainer(renamed).inspect()).Name, `/${renamed}`);
  });
});
