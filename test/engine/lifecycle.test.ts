/** Engine tier: container lifecycle operations through engine.containers. */
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { EngineError } from '../../src/engine/errors';
import { Leftovers, testDocker, testEngine, testEngineKind, testImage, uniqueName } from '../support/engine';
import { waitFor } from '../support/wait';
import { tempDir } from '../support/temp';

const engine = testEngine();
const made = new Leftovers();
after(async () => {
  await made.clean(engine);
  await engine.dispose();
});

async function sleeper(extra: Parameters<typeof engine.containers.run>[0] | object = {}): Promise<string> {
  const id = await engine.containers.run({ image: testImage, name: uniqueName('life'), cmd: ['sleep', '300'], ...extra });
  made.containers.push(id);
  return id;
}

describe('container lifecycle', () => {
  it('shows a health check\'s state: dockerd runs it, Podman without systemd never does', async () => {
    // Created with another client: Berth's run form has no health check options.
    const created = await testDocker().createContainer({ Image: testImage, name: uniqueName('health'), Cmd: ['sleep', '300'], Healthcheck: { Test: ['CMD', 'true'], Interval: 500_000_000 } });
    made.containers.push(created.id);
    await created.start();
    if (testEngineKind() === 'docker') {
      await waitFor(async () => (await engine.containers.inspect(created.id)).state.health === 'healthy' || undefined, 'the health check to pass');
      await waitFor(async () => (await engine.containers.list({ all: true })).find((c) => c.id === created.id)?.health === 'healthy' || undefined, 'the list to say healthy');
      return;
    }
    // Podman schedules health checks as systemd timers; with no systemd (these machines, most
    // containers) they never run, so the state stays "starting" and the list's status line
    // carries no health at all. Nothing announces that the check did not run: the test waits
    // ten of its intervals, then checks that nothing changed.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    assert.equal((await engine.containers.inspect(created.id)).state.health, 'starting', 'Podman without systemd never runs the check');
    assert.equal((await engine.containers.list({ all: true })).find((c) => c.id === created.id)?.health, undefined);
  });

  it('creates with every run option and inspect shows them', async () => {
    const dir = tempDir('envfile-');
    const envFile = path.join(dir, 'app.env');
    await writeFile(envFile, '# comment\nFROM_FILE=yes\n\nSHARED=file\n');
    const volume = uniqueName('vol');
    made.volumes.push(volume);
    const id = await engine.containers.create({
      image: testImage, name: uniqueName('opts'), cmd: ['sleep', '300'], entrypoint: ['/bin/env'],
      env: ['SHARED=option', 'PLAIN=1'], envFiles: [envFile],
      ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1' }], expose: [{ containerPort: 9000, protocol: 'udp' }],
      binds: [`${dir}:/host:ro`, `${volume}:/data`], volumes: ['/anon'], workdir: '/tmp', user: 'nobody',
      restart: { name: 'on-failure', maximumRetryCount: 3 }, memory: 64 * 1024 * 1024, cpus: 0.5, cpuShares: 512, readOnly: true,
      hostname: 'berth-host', dns: ['10.0.0.53'], extraHosts: ['db.local:10.1.2.3'], labels: { 'berth.test': 'opts' },
      tty: true, openStdin: true,
    });
    made.containers.push(id);
    const d = await engine.containers.inspect(id);
    assert.deepEqual(d.config.entrypoint, ['/bin/env']);
    assert.deepEqual(d.config.cmd, ['sleep', '300']);
    for (const line of ['FROM_FILE=yes', 'SHARED=option', 'PLAIN=1']) assert.ok(d.config.env.includes(line), line);
    if (testEngineKind() === 'podman') {
      // Podman keeps one entry per variable: the later one, --env over --env-file.
      assert.ok(!d.config.env.includes('SHARED=file'), 'Podman keeps only the winning SHARED');
    } else {
      // dockerd keeps both entries in order; the later one wins in the container.
      assert.ok(d.config.env.indexOf('SHARED=option') > d.config.env.indexOf('SHARED=file'), '--env comes after --env-file, so it wins');
    }
    assert.equal(d.config.workdir, '/tmp');
    assert.equal(d.config.user, 'nobody');
    assert.equal(d.config.hostname, 'berth-host');
    assert.equal(d.config.tty, true);
    assert.equal(d.config.openStdin, true);
    assert.ok(d.config.exposedPorts.includes('80/tcp') && d.config.exposedPorts.includes('9000/udp'));
    assert.deepEqual(d.hostConfig.restart, { name: 'on-failure', maximumRetryCount: 3 });
    assert.equal(d.hostConfig.memory, 64 * 1024 * 1024);
    assert.equal(d.hostConfig.nanoCpus, 5e8);
    assert.equal(d.hostConfig.cpuShares, 512);
    assert.equal(d.hostConfig.readOnly, true);
    assert.deepEqual(d.hostConfig.dns, ['10.0.0.53']);
    assert.deepEqual(d.hostConfig.extraHosts, ['db.local:10.1.2.3']);
    assert.ok(d.hostConfig.binds.includes(`${dir}:/host:ro`));
    assert.equal(d.config.labels['berth.test'], 'opts');
    assert.ok(d.mounts.some((m) => m.destination === '/anon'));
  });

  it('runs, stops with a timeout, restarts, kills with a signal, pauses and unpauses', async () => {
    const id = await sleeper();
    assert.equal((await engine.containers.inspect(id)).state.status, 'running');
    await engine.containers.pause(id);
    assert.equal((await engine.containers.inspect(id)).state.status, 'paused');
    await engine.containers.unpause(id);
    assert.equal((await engine.containers.inspect(id)).state.status, 'running');
    await engine.containers.stop(id, { timeout: 0 });
    assert.equal((await engine.containers.inspect(id)).state.running, false);
    await engine.containers.restart(id, { timeout: 0 });
    assert.equal((await engine.containers.inspect(id)).state.running, true);
    await engine.containers.kill(id, { signal: 'SIGKILL' });
    const killed = await engine.containers.inspect(id);
    assert.equal(killed.state.running, false);
    assert.equal(killed.state.exitCode, 137);
  });

  it('lists with all, filters and sizes', async () => {
    const label = `berth.list=${uniqueName('l')}`;
    const running = await sleeper({ labels: { 'berth.list': label.split('=')[1] } });
    const stopped = await engine.containers.create({ image: testImage, name: uniqueName('stopped'), labels: { 'berth.list': label.split('=')[1] } });
    made.containers.push(stopped);
    const onlyRunning = await engine.containers.list({ all: false, filters: { label } });
    assert.deepEqual(onlyRunning.map((c) => c.id), [running]);
    const all = await engine.containers.list({ all: true, filters: { label } });
    assert.deepEqual(new Set(all.map((c) => c.id)), new Set([running, stopped]));
    assert.equal(all[0].sizeRw, undefined, 'no sizes unless asked');
    const sized = await engine.containers.list({ all: true, filters: { label }, size: true });
    assert.ok(sized.every((c) => typeof c.sizeRootFs === 'number'));
    const byStatus = await engine.containers.list({ filters: { label, status: 'created' } });
    assert.deepEqual(byStatus.map((c) => c.id), [stopped]);
  });

  it('renames, removes with force and volumes, and prunes stopped containers', async () => {
    const id = await sleeper({ volumes: ['/anon'] });
    const newName = uniqueName('renamed');
    await engine.containers.rename(id, newName);
    assert.equal((await engine.containers.inspect(id)).name, newName);
    const anon = (await engine.containers.inspect(id)).mounts.find((m) => m.destination === '/anon')?.name;
    assert.ok(anon);
    await engine.containers.remove(id, { force: true, volumes: true });
    await assert.rejects(engine.volumes.inspect(anon), (e: EngineError) => e.kind === 'notFound');
    const label = uniqueName('prune');
    const stopped = await engine.containers.create({ image: testImage, labels: { 'berth.prune': label } });
    made.containers.push(stopped);
    const pruned = await engine.containers.prune({ filters: { label: `berth.prune=${label}` } });
    assert.deepEqual(pruned.deleted, [stopped]);
  });

  it('waits for exit and reports published ports', async () => {
    const id = await engine.containers.run({ image: testImage, cmd: ['sh', '-c', 'exit 3'], name: uniqueName('exit') });
    made.containers.push(id);
    assert.equal(await engine.containers.wait(id), 3);
    const web = await sleeper({ ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1' }] });
    const ports = await engine.containers.ports(web);
    const published = ports.find((p) => p.privatePort === 80);
    assert.ok(published?.publicPort && published.publicPort > 0, `a host port was assigned: ${JSON.stringify(ports)}`);
    assert.equal(published.ip, '127.0.0.1');
  });

  it('a failed run removes the container only when auto-remove was asked', async () => {
    const kept = uniqueName('failkept');
    await assert.rejects(engine.containers.run({ image: testImage, name: kept, cmd: ['/no/such/binary'] }), (e: EngineError) => e instanceof EngineError);
    const keptList = await engine.containers.list({ filters: { name: kept } });
    assert.equal(keptList.length, 1, 'without auto-remove the container stays for inspection');
    made.containers.push(keptList[0].id);
    const gone = uniqueName('failgone');
    await assert.rejects(engine.containers.run({ image: testImage, name: gone, cmd: ['/no/such/binary'], autoRemove: true }));
    assert.equal((await engine.containers.list({ filters: { name: gone } })).length, 0, 'with auto-remove nothing is left behind');
  });
});
