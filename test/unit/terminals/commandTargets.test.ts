import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { composeProjectOf, containerRefOf, imageRefOf } from '../../../src/commands/terminals';

const manifest = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
const container = { id: 'abc123', name: 'web', labels: { 'com.docker.compose.project': 'shop' } };
const image = { id: 'sha256:1', repoTags: ['app:dev'], repoDigests: [] };

describe('terminal command targets', () => {
  it('takes the container from a tree node or a record', () => {
    assert.deepEqual(containerRefOf({ kind: 'container', container }), { id: 'abc123', name: 'web' });
    assert.deepEqual(containerRefOf(container), { id: 'abc123', name: 'web' });
    assert.equal(containerRefOf(undefined), undefined);
    assert.equal(containerRefOf({ kind: 'port', port: {} }), undefined);
  });

  it('takes the image reference from a tree node, a record or a request', () => {
    assert.equal(imageRefOf({ kind: 'image', image, reference: 'registry:5000/app:dev' }), 'registry:5000/app:dev');
    assert.equal(imageRefOf({ kind: 'image', image }), 'app:dev');
    assert.equal(imageRefOf({ id: 'sha256:2', repoTags: [], repoDigests: ['app@sha256:9'] }), 'app@sha256:9');
    assert.equal(imageRefOf({ id: 'sha256:3', repoTags: [], repoDigests: [] }), 'sha256:3');
    assert.equal(imageRefOf({ image: 'busybox:local', cmd: ['sh'] }), 'busybox:local');
  });

  it('takes the compose project from a group node, a member, or a request', () => {
    assert.equal(composeProjectOf({ kind: 'containerGroup', by: 'composeProject', key: 'shop', containers: [] }), 'shop');
    assert.equal(composeProjectOf({ kind: 'containerGroup', by: 'image', key: 'nginx', containers: [] }), undefined);
    assert.equal(composeProjectOf({ kind: 'container', container }), 'shop');
    assert.equal(composeProjectOf({ project: 'shop' }), 'shop');
  });
});

describe('terminal menus', () => {
  const entries = (manifest.contributes.menus['view/item/context'] as { command: string; when: string }[]);
  const contextValues = ['container.running', 'container.paused', 'container.exited', 'container.created', 'container.port.http', 'container.mount.volume'];
  const matching = (command: string) => contextValues.filter((value) => entries.some((e) => {
    if (e.command !== command) return false;
    const regex = /viewItem =~ \/(.*)\/$/.exec(e.when)?.[1];
    return regex !== undefined && new RegExp(regex).test(value);
  }));

  it('offers shells, exec, attach, stats and top on running containers only', () => {
    for (const command of ['berth.containers.attachShell', 'berth.containers.exec', 'berth.containers.attach', 'berth.containers.stats', 'berth.containers.top']) {
      assert.deepEqual(matching(command), ['container.running'], command);
    }
  });

  it('offers logs on containers in any state, never on their port or mount rows', () => {
    assert.deepEqual(matching('berth.containers.viewLogs'), ['container.running', 'container.paused', 'container.exited', 'container.created']);
    assert.deepEqual(matching('berth.containers.openLogs'), ['container.running', 'container.paused', 'container.exited', 'container.created']);
  });
});
