import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeRegistries, registryItem, tagReference } from '../../../src/registries/items';

describe('registry items', () => {
  it('lists Docker Hub first, then docker config, added and Berth logins, once each', () => {
    assert.deepEqual(mergeRegistries(['ghcr.io', 'docker.io'], ['127.0.0.1:5000'], ['127.0.0.1:5000']), [
      { registry: 'docker.io', sources: ['built in', 'docker config'] },
      { registry: 'ghcr.io', sources: ['docker config'] },
      { registry: '127.0.0.1:5000', sources: ['added', 'Berth login'] },
    ]);
  });

  it('names references the way docker writes them', () => {
    assert.equal(tagReference({ registry: '127.0.0.1:5000', repository: 'team/app', tag: 'dev' }), '127.0.0.1:5000/team/app:dev');
    assert.equal(tagReference({ registry: 'docker.io', repository: 'library/busybox', tag: 'latest' }), 'busybox:latest');
  });

  it('gives menus a context value that says kind and login state', () => {
    assert.equal(registryItem({ kind: 'registry', registry: '127.0.0.1:5000', sources: ['added'], loggedIn: 'Berth' }).contextValue, 'registry.v2.loggedIn.added');
    assert.equal(registryItem({ kind: 'registry', registry: 'docker.io', sources: ['built in'], loggedIn: undefined }).contextValue, 'registry.hub.anonymous');
    assert.equal(registryItem({ kind: 'registry', registry: 'docker.io', sources: ['built in'], loggedIn: undefined }).collapsible, false);
    const tag = registryItem({ kind: 'tag', registry: '127.0.0.1:5000', repository: 'app', tag: 'dev' });
    assert.equal(tag.contextValue, 'registry.tag');
    assert.equal(tag.description, '127.0.0.1:5000/app:dev');
  });
});
