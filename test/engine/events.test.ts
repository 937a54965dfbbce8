/**
 * Engine tier: the event stream follows a dedicated dockerd across a stop and a
 * restart, reports its state, and loses no event that happened while it was away.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServer, Socket } from 'node:net';
import { Api, readAll } from '../../src/engine/api';
import { EngineError } from '../../src/engine/errors';
import { createModem } from '../../src/engine/transport';
import { Engine } from '../../src/engine/engine';
import type { ConnectionState } from '../../src/engine/events';
import type { EngineEvent } from '../../src/engine/types';
import { PrivateDockerd } from '../support/dockerd';
import { testEngine, testImage } from '../support/engine';
import { waitFor } from '../support/wait';

const dockerd = new PrivateDockerd('berth-ev-');
let engine: Engine;
let image = testImage;

before(async () => {
  await dockerd.start();
  engine = new Engine({ url: dockerd.url, source: 'setting', why: 'the dedicated events test engine' });
  // Give the dedicated engine the test image through the layer itself: save from the shared engine, load here.
  const shared = testEngine();
  const tar = await readAll(await shared.images.save([testImage]));
  await shared.dispose();
  // The name the load reports: from Podman, busybox:local comes as localhost/busybox:local.
  image = (await engine.images.load(tar))[0] ?? testImage;
});

after(async () => {
  await engine?.dispose();
  await dockerd.dispose();
});

describe('event stream', () => {
  it('reconnects across a dockerd restart and resumes with since, losing nothing and repeating nothing', async () => {
    const events: EngineEvent[] = [];
    const states: ConnectionState[] = [];
    // While the engine is down, the follower's backoff waits here until the test has made an event behind its back.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const follower = engine.follow({
      types: ['container'],
      onEvent: (e) => events.push(e),
      onState: (s) => states.push(s),
      backoff: { initialMs: 50, maxMs: 200 },
      sleep: async (ms) => {
        await released;
        await new Promise((r) => setTimeout(r, ms));
      },
    });
    await waitFor(() => follower.state.kind === 'connected', 'the first connection');

    const before = await engine.containers.create({ image, name: 'berth-ev-before' });
    await waitFor(() => events.some((e) => e.id === before && e.action === 'create'), 'the create event before the restart');

    await dockerd.stop();
    await waitFor(() => states.some((s) => s.kind === 'disconnected'), 'the follower to notice the engine went away');
    const down = states.find((s) => s.kind === 'disconnected');
    assert.equal(down?.kind === 'disconnected' && down.error.kind, 'unreachable');

    await dockerd.start();
    // Made while the follower is still waiting to reconnect: only `since` can bring it back.
    const during = await engine.containers.create({ image, name: 'berth-ev-during' });
    await engine.containers.remove(during);
    release();

    await waitFor(() => states.some((s) => s.kind === 'connected' && s.resumed), 'the reconnection');
    await waitFor(() => events.some((e) => e.id === during && e.action === 'destroy'), 'the events made while disconnected');
    const after = await engine.containers.create({ image, name: 'berth-ev-after' });
    await waitFor(() => events.some((e) => e.id === after && e.action === 'create'), 'a live event after the reconnection');

    const keys = events.map((e) => `${e.timeNano}|${e.action}|${e.id}`);
    assert.equal(new Set(keys).size, keys.length, 'no event delivered twice');
    assert.deepEqual(events.filter((e) => e.id === during).map((e) => e.action), ['create', 'destroy']);
    assert.equal(events.filter((e) => e.id === before && e.action === 'create').length, 1);
    const kinds = states.map((s) => s.kind);
    assert.deepEqual(kinds.slice(0, 2), ['connecting', 'connected']);
    assert.ok(kinds.includes('disconnected'));
    await follower.stop();
    assert.equal(follower.state.kind, 'stopped');
    for (const id of [before, after]) await engine.containers.remove(id, { force: true });
  });

  it('on an endpoint that accepts and never answers, reports a timeout within the request limit and keeps trying', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const hanging = new Engine({ url: `tcp://127.0.0.1:${port}`, source: 'setting', why: 'from the berth.host setting' }, { timeoutMs: 300 });
    const states: ConnectionState[] = [];
    const started = Date.now();
    const follower = hanging.follow({ onEvent: () => undefined, onState: (s) => states.push(s), backoff: { initialMs: 50, maxMs: 50 } });
    try {
      await waitFor(() => states.filter((s) => s.kind === 'disconnected').length >= 2, 'two timed-out attempts', 5_000);
      const first = states.find((s) => s.kind === 'disconnected');
      assert.equal(first?.kind === 'disconnected' && first.error.kind, 'timeout');
      assert.ok(Date.now() - started < 3_000, 'each attempt gave up after the 300 ms limit');
    } finally {
      await follower.stop();
      await hanging.dispose();
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  it('limits how long a stream takes to begin, never how long it then runs', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const api = new Api(createModem({ host: '127.0.0.1', port, protocol: 'http' }), `tcp://127.0.0.1:${port}`);
      await assert.rejects(api.stream({ method: 'GET', path: '/events', timeoutMs: 300 }), (e) => e instanceof EngineError && e.kind === 'timeout');
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
    const live = new Api(createModem({ socketPath: dockerd.socket }), dockerd.url);
    const stream = await live.stream({ method: 'GET', path: '/events', query: { filters: JSON.stringify({ type: ['volume'] }) }, timeoutMs: 300 });
    const lines: string[] = [];
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 600));
    const name = `berth-ev-late-${Date.now()}`;
    await engine.volumes.create({ name });
    await waitFor(() => lines.some((l) => l.includes(name)), 'an event after the limit passed, on the same stream');
    stream.destroy();
    await engine.volumes.remove(name);
  });
});
