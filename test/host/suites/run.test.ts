/** Host tier: the run form (validation as you type), a run with ports, a bind mount, env and workdir; a saved berth-run task run again. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { berth, scratch, taskResult, withAnswers } from '../support/berth';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function httpText(port: number): Promise<string | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/index.html`, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

describe('run form and berth-run tasks', function () {
  this.timeout(120_000);
  const names: string[] = [];

  after(async () => {
    for (const name of names) await testDocker().getContainer(name).remove({ force: true }).catch(() => undefined);
  });

  it('runs with ports, a bind mount, env and workdir, validating each field as it is typed', async () => {
    const api = await berth();
    const site = scratch('run-site', { 'index.html': 'hello from berth\n' });
    const name = uniqueName('run');
    names.push(name);
    const port = await freePort();
    api.prompts.reset();
    api.prompts.strict = true;
    api.prompts.answer(
      'Name', name,
      'Command', 'httpd -f -p 80 -h /site',
      'Ports', ['8080:80/tcpx', `127.0.0.1:${port}:80`],
      'Volumes', 'Edit as Text', ['./run-site:/site'],
    );
    // The relative host path is refused; the scripted answer fails like the box would refuse it.
    const refused = await vscode.commands.executeCommand('berth.images.run', testImage);
    assert.equal(refused, undefined);
    const messages = api.prompts.asked.flatMap((t) => t.validation ?? []).filter(Boolean);
    assert.match(messages[0] ?? '', /Bad port spec "8080:80\/tcpx"/);
    assert.match(messages[1] ?? '', /host path "\.\/run-site" is relative/);

    const result = taskResult(await withAnswers(api, [
      'Name', name,
      'Command', 'httpd -f -p 80 -h /site',
      'Ports', `127.0.0.1:${port}:80`,
      'Volumes', 'Bind a Folder…', site, '/site:ro',
      'Environment', 'MODE=test, GREETING=hi there',
      'Working directory', ['site', '/site'],
      'Network', 'Other…', ['nosuch-network', 'bridge'],
      'Run',
    ], () => vscode.commands.executeCommand('berth.images.run', testImage)));
    assert.ok(result.ok, result.output);
    assert.match(result.output, /Started /);
    assert.equal(await waitFor(() => httpText(port), `an HTTP answer on 127.0.0.1:${port}`, 20_000), 'hello from berth\n');

    const inspect = await testDocker().getContainer(name).inspect();
    assert.ok(inspect.Config.Env.includes('MODE=test'));
    assert.ok(inspect.Config.Env.includes('GREETING=hi there'));
    assert.equal(inspect.Config.WorkingDir, '/site');
    assert.deepEqual(inspect.Config.Cmd, ['httpd', '-f', '-p', '80', '-h', '/site']);
    assert.equal(inspect.HostConfig.NetworkMode, 'bridge');
    const mount = inspect.Mounts.find((m) => m.Destination === '/site');
    assert.ok(mount, 'the bind mount is there');
    assert.equal(mount.Type, 'bind');
    assert.equal(mount.Source, site);
    assert.equal(mount.RW, false);
    assert.deepEqual(inspect.HostConfig.PortBindings?.['80/tcp'], [{ HostIp: '127.0.0.1', HostPort: String(port) }]);
  });

  it('remembers the last options, saves them as a berth-run task, and runs that task again', async () => {
    const api = await berth();
    const name = uniqueName('task');
    names.push(name);
    const port = await freePort();
    const label = `berth run ${name}`;
    // The form opens with the last options for this image: only the name and the port change.
    const saved = await withAnswers(api, ['Name', name, 'Ports', `127.0.0.1:${port}:80`, 'Save as Task', label], () => vscode.commands.executeCommand('berth.images.run', testImage));
    assert.deepEqual(saved, { saved: label });
    const tasksJson = vscode.workspace.getConfiguration('tasks', vscode.workspace.workspaceFolders?.[0].uri).get<Record<string, unknown>[]>('tasks') ?? [];
    const entry = tasksJson.find((t) => t.label === label);
    assert.ok(entry, 'the task is in tasks.json');
    assert.equal(entry.type, 'berth-run');
    assert.equal(entry.workdir, '/site', 'remembered options came along');
    assert.ok(fs.existsSync(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'tasks.json')));

    for (let round = 0; round < 2; round++) {
      const task = await waitFor(async () => (await vscode.tasks.fetchTasks({ type: 'berth-run' })).find((t) => t.name === label), 'the saved task');
      const finished = new Promise<{ ok: boolean; output: string }>((resolve) => {
        const listener = api.tasks.onDidFinish((event) => {
          if (event.label !== label) return;
          listener.dispose();
          resolve(event.result);
        });
      });
      await vscode.tasks.executeTask(task);
      const result = await finished;
      assert.ok(result.ok, result.output);
      assert.equal(await waitFor(() => httpText(port), `round ${round + 1}: an HTTP answer on 127.0.0.1:${port}`, 20_000), 'hello from berth\n');
      await testDocker().getContainer(name).remove({ force: true });
    }
  });

  it('creates without starting', async () => {
    const api = await berth();
    const name = uniqueName('create');
    names.push(name);
    const result = await withAnswers(api, ['Name', name, 'Ports', '', 'Create'], () => vscode.commands.executeCommand('berth.images.create', testImage));
    assert.equal((result as { ok: boolean }).ok, true);
    const inspect = await testDocker().getContainer(name).inspect();
    assert.equal(inspect.State.Status, 'created');
  });
});
