/**
 * Host tier: "Copy as docker command" from the run form (before running) and from the
 * Containers, Networks and Volumes items, read back from the real clipboard; the same line
 * in the run task's terminal and in Berth's log.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { itemsOf } from '../../../src/state/store';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { berth, berthLogText, taskResult, withAnswers } from '../support/berth';

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex

describe('Copy as docker command', function () {
  this.timeout(120_000);
  const containers: string[] = [];
  const networks: string[] = [];
  const volumes: string[] = [];

  after(async () => {
    for (const name of containers) await testDocker().getContainer(name).remove({ force: true }).catch(() => undefined);
    for (const name of networks) await testDocker().getNetwork(name).remove().catch(() => undefined);
    for (const name of volumes) await testDocker().getVolume(name).remove().catch(() => undefined);
  });

  it('copies from the run form before running, and the run sends that very command (task terminal and log)', async () => {
    const api = await berth();
    const name = uniqueName('copy');
    containers.push(name);
    await vscode.env.clipboard.writeText('');
    const result = taskResult(await withAnswers(api, [
      'Name', name, 'Command', "sh -c 'sleep 300'", 'Environment', 'GREETING=hi there', 'Copy as docker command', 'Run',
    ], () => vscode.commands.executeCommand('berth.images.run', testImage)));
    assert.ok(result.ok, result.output);
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, new RegExp(`^docker run -d --name ${name} `));
    assert.ok(copied.includes("-e 'GREETING=hi there'"), copied);
    assert.ok(copied.endsWith(`${testImage} sh -c 'sleep 300'`), copied);
    const echoed = plain(result.output).split(/\r?\n/).find((l) => l.startsWith('$ docker run'));
    assert.equal(echoed, `$ ${copied}`);
    await waitFor(() => (berthLogText(api).includes(copied) ? true : undefined), 'the command in Berth\'s log', 10_000);
  });

  it('copies the docker run that recreates a container from the Containers view', async () => {
    const api = await berth();
    const name = containers[0];
    await waitFor(() => (itemsOf(api.stores.containers).some((c) => c.name === name) ? true : undefined), 'the container in the store', 10_000).catch(() => undefined);
    await withAnswers(api, [[name]], () => vscode.commands.executeCommand('berth.containers.copyDockerCommand'));
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, new RegExp(`^docker run -d --name ${name} `));
    assert.ok(copied.includes("-e 'GREETING=hi there'"), copied);
    assert.ok(copied.endsWith(`${testImage} sh -c 'sleep 300'`), copied);
    assert.ok(!copied.includes('PATH='), `what the image sets is left out: ${copied}`);
  });

  it('copies network and volume create lines', async () => {
    const api = await berth();
    const network = uniqueName('copynet');
    const volume = uniqueName('copyvol');
    networks.push(network);
    volumes.push(volume);
    await testDocker().createNetwork({ Name: network, Driver: 'bridge', Internal: true, Labels: { team: 'web' } });
    await testDocker().createVolume({ Name: volume, Labels: { team: 'db' } });
    await api.views.refreshAll();
    await waitFor(() => (itemsOf(api.stores.networks).some((n) => n.name === network) && itemsOf(api.stores.volumes).some((v) => v.name === volume) ? true : undefined), 'the network and volume in the stores', 10_000);
    await withAnswers(api, [[network]], () => vscode.commands.executeCommand('berth.networks.copyDockerCommand'));
    assert.match(await vscode.env.clipboard.readText(), new RegExp(`^docker network create --driver bridge --internal --label team=web (--subnet \\S+ (--gateway \\S+ )?)?${network}$`));
    await withAnswers(api, [[volume]], () => vscode.commands.executeCommand('berth.volumes.copyDockerCommand'));
    assert.equal(await vscode.env.clipboard.readText(), `docker volume create --label team=db ${volume}`);
  });
});
