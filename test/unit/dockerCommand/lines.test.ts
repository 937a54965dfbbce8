/** The docker commands a form's options and a berth-* task make, built by the request builders themselves. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCommandOf, taskCommandsOf } from '../../../src/dockerCommand/lines';

describe('docker commands of forms and tasks', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'berth-lines-'));
  writeFileSync(path.join(folder, 'app.env'), 'FROM_FILE=1\n');

  it('a run: detached, env files read into -e as the create body carries them', async () => {
    assert.deepEqual(await runCommandOf({ image: 'busybox:local', name: 'web', ports: ['127.0.0.1:8080:80'], envFiles: ['app.env'], env: ['A=b c'], command: 'httpd -f' }, 'run', folder),
      ['docker', 'run', '-d', '--name', 'web', '-e', 'FROM_FILE=1', '-e', 'A=b c', '-p', '127.0.0.1:8080:80', 'busybox:local', 'httpd', '-f']);
  });

  it('an interactive run and a create', async () => {
    assert.deepEqual(await runCommandOf({ image: 'img', interactive: true }, 'run'), ['docker', 'run', '-i', '-t', 'img']);
    assert.deepEqual(await runCommandOf({ image: 'img', name: 'xx' }, 'create'), ['docker', 'create', '--name', 'xx', 'img']);
  });

  it('build, tag, push and run tasks', async () => {
    assert.deepEqual(await taskCommandsOf({ type: 'berth-build', dockerfile: 'docker/Dockerfile', context: '.', tags: ['app:1'], buildArgs: { V: '2' }, target: 'prod' }, folder),
      [['docker', 'build', '-t', 'app:1', '-f', path.join(folder, 'docker/Dockerfile'), '--build-arg', 'V=2', '--target', 'prod', '--force-rm', folder]]);
    assert.deepEqual(await taskCommandsOf({ type: 'berth-tag', image: 'app:1', tags: ['127.0.0.1:5000/app:1', 'app:latest'] }, folder),
      [['docker', 'tag', 'app:1', '127.0.0.1:5000/app:1'], ['docker', 'tag', 'app:1', 'app:latest']]);
    assert.deepEqual(await taskCommandsOf({ type: 'berth-push', tags: ['127.0.0.1:5000/app:1'] }, folder), [['docker', 'push', '127.0.0.1:5000/app:1']]);
    assert.deepEqual(await taskCommandsOf({ type: 'berth-run', image: 'img', name: 'nn' }, folder), [['docker', 'run', '-d', '--name', 'nn', 'img']]);
  });
});
