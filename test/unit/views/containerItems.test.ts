import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerItem, containerTooltip, mountItem, portItem, portUrl, publishedPorts } from '../../../src/views/containerItems';
import { arrangeContainers, containerChildren, ContainerNode, containerParent, groupItem, matchesFilter, activeBadge, containersDescription } from '../../../src/views/containerTree';
import { container } from './fixtures';

const now = 1_700_000_600_000;
const all = [
  container({ name: 'web', created: 30, labels: { 'com.docker.compose.project': 'shop' }, ports: [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }, { privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' }] }),
  container({ name: 'db', created: 20, labels: { 'com.docker.compose.project': 'shop' }, state: 'exited', status: 'Exited (0) 1 minute ago' }),
  container({ name: 'cache', created: 10, state: 'paused', status: 'Up 1 minute (Paused)', image: 'redis:7' }),
  container({ name: 'api', created: 40, state: 'running', health: 'unhealthy', status: 'Up 1 minute (unhealthy)' }),
];
const names = (nodes: ContainerNode[]) => nodes.map((n) => (n.kind === 'container' ? n.container.name : n.kind === 'containerGroup' ? `[${n.key}]` : n.kind));

describe('container items', () => {
  it('names the state in the context value and picks an icon per state and health', () => {
    const [web, db, cache, api] = all.map((c) => containerItem(c, undefined, now));
    assert.equal(web.contextValue, 'container.running');
    assert.equal(db.contextValue, 'container.exited');
    assert.equal(cache.contextValue, 'container.paused');
    assert.equal(api.contextValue, 'container.running.health-unhealthy');
    assert.deepEqual(web.icon, { id: 'vm-running', color: 'testing.iconPassed' });
    assert.equal(db.icon.id, 'vm-outline');
    assert.equal(cache.icon.id, 'debug-pause');
    assert.deepEqual(api.icon, { id: 'vm-active', color: 'errorForeground' });
    for (const state of ['restarting', 'created', 'dead'] as const) {
      assert.ok(containerItem(container({ name: 'x', state })).icon.id, state);
    }
  });

  it('chooses label and description from the display settings', () => {
    // Created 90 s before the clock the item is given: "1 minute ago", whatever today's date.
    const web = { ...all[0], created: now / 1000 - 90 };
    const item = containerItem(web, { label: 'image', description: ['name', 'ports', 'created'] }, now);
    assert.equal(item.label, 'busybox:local');
    assert.equal(item.description, 'web · 8080→80/tcp · 1 minute ago');
    assert.equal(containerItem({ ...web, created: now / 1000 - 3 * 86_400 }, { label: 'name', description: ['created'] }, now).description, '3 days ago');
    assert.equal(containerItem(all[0], undefined, now).description, 'busybox:local · Up 2 minutes · 8080→80/tcp');
  });

  it('builds a tooltip with command, image, ports, mounts, networks and status', () => {
    const tip = containerTooltip(container({ name: 'w', mounts: [{ type: 'volume', name: 'data', source: '/var/lib/x', destination: '/data', readOnly: false }], ports: all[0].ports }));
    // Markdown escapes dropped: what the hover shows.
    const shown = tip.replace(/\\(.)/g, '$1');
    for (const part of ['sleep 60', 'busybox:local', '8080→80/tcp', 'data → /data', 'bridge', 'Up 2 minutes']) assert.ok(shown.includes(part), part);
  });

  it('has published ports (one per host port) and mounts as children; a port opens in the browser', () => {
    const withMount = container({ ...all[0], name: 'web', mounts: [{ type: 'bind', source: '/src', destination: '/app', readOnly: true }] });
    const children = containerChildren({ kind: 'container', container: withMount });
    // Ports and mounts, then the container's Files and Changes (listed only when expanded).
    assert.deepEqual(children.map((c) => c.kind), ['port', 'mount', 'filesRoot', 'changesRoot']);
    // Ports and mounts carry their container; Files and Changes find it among the listed ones.
    assert.deepEqual(children.map((c) => containerParent(c, [{ kind: 'container', container: withMount }])), children.map(() => ({ kind: 'container', container: withMount })));
    assert.deepEqual(children.map((c) => containerParent(c, [])?.kind), ['container', 'container', undefined, undefined]);
    assert.equal(publishedPorts(withMount).length, 1);
    const port = portItem(withMount, publishedPorts(withMount)[0]);
    assert.equal(port.command?.command, 'berth.containers.openPort');
    assert.equal(port.description, 'http://localhost:8080');
    const mount = mountItem(withMount, withMount.mounts[0]);
    assert.equal(mount.contextValue, 'container.mount.bind');
    assert.match(mount.description!, /read-only/);
    assert.equal(containerItem(withMount).collapsible, true);
    // Every container has Files and Changes under it.
    assert.equal(containerItem(all[2]).collapsible, true);
  });

  it('maps ports to browser addresses', () => {
    assert.equal(portUrl({ privatePort: 80, publicPort: 8080, ip: '127.0.0.1', type: 'tcp' }), 'http://127.0.0.1:8080');
    assert.equal(portUrl({ privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' }), 'http://localhost:8080');
    assert.equal(portUrl({ privatePort: 53, publicPort: 53, type: 'udp' }), undefined);
    assert.equal(portUrl({ privatePort: 80, type: 'tcp' }), undefined);
  });
});

describe('container tree', () => {
  const base = { groupBy: 'none', sortBy: 'created', showStopped: true, filter: '' } as const;

  it('sorts by creation (newest first) or by name', () => {
    assert.deepEqual(names(arrangeContainers(all, base)), ['api', 'web', 'db', 'cache']);
    assert.deepEqual(names(arrangeContainers(all, { ...base, sortBy: 'name' })), ['api', 'cache', 'db', 'web']);
  });

  it('hides stopped containers when asked', () => {
    assert.deepEqual(names(arrangeContainers(all, { ...base, showStopped: false })), ['api', 'web', 'cache']);
  });

  it('filters on name, image, status and project, case-insensitively', () => {
    assert.deepEqual(names(arrangeContainers(all, { ...base, filter: 'REDIS' })), ['cache']);
    assert.deepEqual(names(arrangeContainers(all, { ...base, filter: 'shop' })), ['web', 'db']);
    assert.equal(matchesFilter(all[1], 'exited'), true);
    assert.equal(matchesFilter(all[1], '8080'), false);
    assert.equal(matchesFilter(all[0], '8080'), true);
  });

  it('groups by compose project, leaving containers outside any project at the top level', () => {
    const nodes = arrangeContainers(all, { ...base, groupBy: 'composeProject' });
    assert.deepEqual(names(nodes), ['[shop]', 'api', 'cache']);
    assert.deepEqual(names(containerChildren(nodes[0])), ['web', 'db']);
    assert.equal(containerParent(containerChildren(nodes[0])[0], nodes), nodes[0]);
    const group = groupItem(nodes[0] as Extract<ContainerNode, { kind: 'containerGroup' }>);
    assert.equal(group.contextValue, 'containerGroup.composeProject.running.stopped');
    assert.equal(group.description, '1/2 running');
  });

  it('groups by state (running first) and by image', () => {
    assert.deepEqual(names(arrangeContainers(all, { ...base, groupBy: 'state' })), ['[running]', '[paused]', '[exited]']);
    assert.deepEqual(names(arrangeContainers(all, { ...base, groupBy: 'image' })), ['[busybox:local]', '[redis:7]']);
  });

  it('counts for the badge what the running-only list shows, and says what it counts', () => {
    const shown = arrangeContainers(all, { ...base, showStopped: false }).length;
    assert.deepEqual(activeBadge(all), { value: shown, tooltip: '3 containers up: 2 running, 1 paused' });
    assert.equal(activeBadge(all.filter((c) => c.state === 'exited')), undefined);
  });

  it('says in the view description that stopped containers are hidden', () => {
    assert.equal(containersDescription('', true), undefined);
    assert.equal(containersDescription('', false), 'running only');
    assert.equal(containersDescription('web', false), 'filter: web · running only');
  });
});
