import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NetworkSummary, VolumeSummary } from '../../../src/engine/types';
import { arrangeNetworks, networkChildren, networkContainerItem, networkItem } from '../../../src/views/networkItems';
import { arrangeVolumes, volumeChildren, volumeContainerItem, volumeItem, volumeLabel, volumeNodeItem, volumeParent } from '../../../src/views/volumeItems';
import { container } from './fixtures';

const network = (name: string, extra: Partial<NetworkSummary> = {}): NetworkSummary => ({
  id: `${name}-id`.padEnd(64, '0'), name, driver: 'bridge', scope: 'local', internal: false, attachable: false, created: '', labels: {}, ipam: [], containers: {}, ...extra,
});
const volume = (name: string): VolumeSummary => ({ name, driver: 'local', mountpoint: `/var/lib/docker/volumes/${name}/_data`, scope: 'local', created: '', labels: {}, options: {} });

const users = [
  container({ name: 'web', networks: ['shop', 'bridge'], mounts: [{ type: 'volume', name: 'data', source: '/x', destination: '/data', readOnly: false }] }),
  container({ name: 'db', state: 'exited', networks: ['shop'], mounts: [{ type: 'volume', name: 'data', source: '/x', destination: '/var/db', readOnly: false }] }),
];

describe('network items', () => {
  const networks = [network('bridge'), network('host'), network('none'), network('shop', { ipam: [{ subnet: '10.42.0.0/16', gateway: '10.42.0.1' }], internal: true }), network('empty')];

  it('shows custom networks, built-in ones only when asked, with connected containers from the container list', () => {
    assert.deepEqual(arrangeNetworks(networks, users, { showBuiltIn: false }).map((n) => n.kind === 'network' && n.network.name), ['empty', 'shop']);
    assert.deepEqual(arrangeNetworks(networks, users, { showBuiltIn: true }).map((n) => n.kind === 'network' && n.network.name), ['empty', 'shop', 'bridge', 'host', 'none']);
    const [, shop] = arrangeNetworks(networks, users, { showBuiltIn: false });
    assert.deepEqual(networkChildren(shop).map((c) => c.kind === 'networkContainer' && c.container.name), ['db', 'web']);
  });

  it('describes driver, subnet and internal, and names custom/built-in and use in the context value', () => {
    const [empty, shop, bridge] = arrangeNetworks(networks, users, { showBuiltIn: true });
    const item = networkItem(shop as Parameters<typeof networkItem>[0]);
    assert.equal(item.description, 'bridge · 10.42.0.0/16 · internal · 2 containers');
    assert.equal(item.contextValue, 'network.custom.inUse');
    assert.equal(item.collapsible, true);
    assert.equal(networkItem(empty as Parameters<typeof networkItem>[0]).contextValue, 'network.custom');
    assert.equal(networkItem(bridge as Parameters<typeof networkItem>[0]).contextValue, 'network.builtIn.inUse');
    const child = networkContainerItem(networkChildren(shop)[0] as Parameters<typeof networkContainerItem>[0]);
    assert.equal(child.contextValue, 'network.container.exited');
  });
});

describe('volume items', () => {
  it('lists volumes with the containers that mount them', () => {
    const nodes = arrangeVolumes([volume('logs'), volume('data')], users);
    assert.deepEqual(nodes.map((n) => n.kind === 'volume' && n.volume.name), ['data', 'logs']);
    const data = volumeItem(nodes[0] as Parameters<typeof volumeItem>[0]);
    assert.equal(data.contextValue, 'volume.inUse');
    assert.equal(data.description, 'local · 2 containers');
    assert.equal(volumeItem(nodes[1] as Parameters<typeof volumeItem>[0]).contextValue, 'volume.unused');
    const [files, ...children] = volumeChildren(nodes[0]);
    // Every volume shows its files first, under their own scheme, then its users.
    const filesItem = volumeNodeItem(files);
    assert.deepEqual([filesItem.label, filesItem.contextValue, filesItem.resourceUri], ['Files', 'berth.files.folder.root', { scheme: 'berth-volume', authority: 'data', path: '/' }]);
    assert.equal(volumeParent(files, nodes), nodes[0]);
    assert.equal(volumeItem(nodes[1] as Parameters<typeof volumeItem>[0]).collapsible, true);
    assert.deepEqual(children.map((c) => c.kind === 'volumeContainer' && c.destination), ['/var/db', '/data']);
    assert.equal(volumeContainerItem(children[1] as Parameters<typeof volumeContainerItem>[0]).description, '/data · running');
  });

  it('shortens anonymous volume names', () => {
    assert.equal(volumeLabel({ name: 'a'.repeat(64) }), `${'a'.repeat(12)}… (anonymous)`);
    assert.equal(volumeLabel({ name: 'data' }), 'data');
  });
});
