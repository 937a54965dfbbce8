/** Engine tier: networks, volumes and system operations. */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { EngineError } from '../../src/engine/errors';
import { Leftovers, testEngine, testImage, uniqueName, sameImage, testEngineKind } from '../support/engine';

const engine = testEngine();
const made = new Leftovers();
after(async () => {
  await made.clean(engine);
  await engine.dispose();
});

// The dockerd tiers of every checkout on the machine use 10.231-10.234 and fd00:234::/64. Podman
// refuses a subnet any host route already uses, and its tier runs beside this checkout's dockerd
// tier: it takes addresses of its own (100.64.0.0/10 and another IPv6 prefix).
const octets = (octet: number): string => (testEngineKind() === 'podman' ? `100.${octet - 231 + 64}` : `10.${octet}`);
const v6 = testEngineKind() === 'podman' ? 'fd00:b234::/64' : 'fd00:234::/64';

describe('networks', () => {
  it('creates with driver, subnet, ip-range, gateway, internal and labels; lists by driver; inspects', async () => {
    const name = uniqueName('net');
    const id = await engine.networks.create({ name, driver: 'bridge', subnet: `${octets(231)}.0.0/16`, ipRange: `${octets(231)}.5.0/24`, gateway: `${octets(231)}.0.254`, internal: true, labels: { 'berth.test': 'net' } });
    made.networks.push(id);
    const net = await engine.networks.inspect(name);
    assert.equal(net.id, id);
    assert.equal(net.internal, true);
    assert.deepEqual(net.ipam, [{ subnet: `${octets(231)}.0.0/16`, ipRange: `${octets(231)}.5.0/24`, gateway: `${octets(231)}.0.254` }]);
    assert.equal(net.labels['berth.test'], 'net');
    const bridges = await engine.networks.list({ driver: 'bridge' });
    assert.ok(bridges.some((n) => n.id === id));
    assert.ok(bridges.every((n) => n.driver === 'bridge'));
    assert.ok(!(await engine.networks.list({ driver: 'host' })).some((n) => n.id === id));
  });

  it('creates a dual-stack network (--ipv6 with an IPv6 subnet) and refuses an IPv4 one as the IPv6 subnet', async () => {
    const name = uniqueName('v6');
    const id = await engine.networks.create({ name, subnet: `${octets(234)}.0.0/24`, ipv6Subnet: v6 });
    made.networks.push(id);
    const raw = await engine.networks.inspectRaw(name) as { EnableIPv6: boolean; IPAM: { Config: { Subnet: string }[] } };
    assert.equal(raw.EnableIPv6, true);
    assert.deepEqual(raw.IPAM.Config.map((c) => c.Subnet), [`${octets(234)}.0.0/24`, v6]);
    await assert.rejects(engine.networks.create({ name: uniqueName('v6bad'), ipv6Subnet: '10.235.0.0/24' }), (e: EngineError) => e.kind === 'badRequest' && /IPv6 needs an IPv6 one/.test(e.message));
  });

  it('connects a container with an ip and aliases, disconnects, removes, prunes', async () => {
    const name = uniqueName('conn');
    const id = await engine.networks.create({ name, subnet: `${octets(232)}.0.0/24` });
    made.networks.push(id);
    const box = await engine.containers.run({ image: testImage, name: uniqueName('netbox'), cmd: ['sleep', '300'] });
    made.containers.push(box);
    await engine.networks.connect(name, box, { ipv4Address: `${octets(232)}.0.42`, aliases: ['berth-alias'] });
    const inspected = await engine.containers.inspect(box);
    assert.equal(inspected.networks[name]?.ipAddress, `${octets(232)}.0.42`);
    assert.ok(inspected.networks[name]?.aliases.includes('berth-alias'));
    assert.ok(Object.keys((await engine.networks.inspect(name)).containers).includes(box));
    await assert.rejects(engine.networks.remove(name), (e: EngineError) => e.kind === 'conflict' && !!e.fix, 'a network in use cannot be removed');
    await engine.networks.disconnect(name, box);
    assert.equal((await engine.containers.inspect(box)).networks[name], undefined);
    await engine.networks.remove(name);
    await assert.rejects(engine.networks.inspect(name), (e: EngineError) => e.kind === 'notFound');
    const label = uniqueName('netprune');
    const unused = await engine.networks.create({ name: uniqueName('unused'), labels: { 'berth.prune': label } });
    made.networks.push(unused);
    const pruned = await engine.networks.prune({ filters: { label: `berth.prune=${label}` } });
    assert.equal(pruned.deleted.length, 1);
  });

  it('refuses a gateway outside the subnet before asking the engine', async () => {
    await assert.rejects(engine.networks.create({ name: uniqueName('bad'), subnet: '10.233.0.0/24', gateway: '10.9.9.9' }), (e: EngineError) => {
      assert.equal(e.kind, 'badRequest');
      assert.equal(e.message, 'The gateway 10.9.9.9 is not inside the subnet 10.233.0.0/24.');
      return true;
    });
  });
});

describe('volumes', () => {
  it('creates, lists, inspects, removes and prunes', async () => {
    const name = uniqueName('vol');
    const created = await engine.volumes.create({ name, labels: { 'berth.test': 'vol' } });
    made.volumes.push(name);
    assert.equal(created.name, name);
    assert.equal(created.driver, 'local');
    assert.ok((await engine.volumes.list({ filters: { label: 'berth.test=vol' } })).some((v) => v.name === name));
    assert.equal((await engine.volumes.inspect(name)).labels['berth.test'], 'vol');
    const box = await engine.containers.create({ image: testImage, binds: [`${name}:/data`] });
    made.containers.push(box);
    await assert.rejects(engine.volumes.remove(name), (e: EngineError) => e.kind === 'conflict', 'a volume in use is a conflict');
    await engine.containers.remove(box);
    await engine.volumes.remove(name);
    const label = uniqueName('volprune');
    const unused = await engine.volumes.create({ labels: { 'berth.prune': label } });
    made.volumes.push(unused.name);
    const pruned = await engine.volumes.prune({ filters: { label: `berth.prune=${label}` } });
    assert.deepEqual(pruned.deleted, [unused.name]);
  });
});

describe('system', () => {
  it('pings and reports version, info and disk usage', async () => {
    await engine.system.ping();
    const version = await engine.system.version();
    // Berth's own detection (the "Podman Engine" component) names the engine the environment started.
    assert.equal(version.kind, testEngineKind());
    const identity = await engine.system.identity();
    assert.equal(identity.kind, testEngineKind());
    assert.match(identity.version, /^\d+\.\d+\.\d+/);
    assert.match(version.apiVersion, /^1\.\d+$/);
    assert.equal((await engine.version()).apiVersion, version.apiVersion);
    const info = await engine.system.info();
    assert.ok(info.images >= 1 && info.cpus >= 1 && info.serverVersion);
    const df = await engine.system.df();
    assert.ok(df.images.some((i) => i.repoTags.some((t) => sameImage(t, testImage))));
    assert.ok(df.layersSize > 0);
  });

  it('prunes containers, images and networks, and volumes when asked', async () => {
    const stopped = await engine.containers.create({ image: testImage, name: uniqueName('sysprune') });
    made.containers.push(stopped);
    const net = await engine.networks.create({ name: uniqueName('sysprune') });
    made.networks.push(net);
    const vol = await engine.volumes.create({});
    made.volumes.push(vol.name);
    const withoutVolumes = await engine.system.prune();
    assert.ok(withoutVolumes.containers.deleted.includes(stopped));
    assert.ok(withoutVolumes.networks.deleted.length >= 1);
    assert.equal(withoutVolumes.volumes, undefined);
    assert.ok((await engine.volumes.list()).some((v) => v.name === vol.name), 'volumes stay unless asked');
    const withVolumes = await engine.system.prune({ volumes: true });
    assert.ok(withVolumes.volumes?.deleted.includes(vol.name));
    await engine.images.inspect(testImage);
  });
});
