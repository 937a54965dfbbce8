/** Engine tier: every error kind, produced by a real engine (or a real socket), with its sentence and fix. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, Server } from 'node:net';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Engine } from '../../src/engine/engine';
import { EngineError, EngineErrorKind } from '../../src/engine/errors';
import { Leftovers, testDockerHost, testEngine, testImage, uniqueName, testEngineKind } from '../support/engine';

const engine = testEngine();
const made = new Leftovers();
after(async () => {
  await made.clean(engine);
  await engine.dispose();
});

function expectKind(kind: EngineErrorKind, check?: (e: EngineError) => void): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof EngineError, `an EngineError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.ok(error.message.length > 0 && /^[A-Z"]/.test(error.message), 'a sentence');
    check?.(error);
    return true;
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('error kinds', () => {
  it('unreachable: names the endpoint, where it came from, and the fix (unix and tcp)', async () => {
    const server = createServer();
    const port = await listen(server);
    server.close();
    const nowhere = new Engine({ url: `tcp://127.0.0.1:${port}`, source: 'DOCKER_HOST', why: 'from the DOCKER_HOST environment variable' });
    await assert.rejects(nowhere.system.ping(), expectKind('unreachable', (e) => {
      assert.match(e.message, new RegExp(`tcp://127\\.0\\.0\\.1:${port} \\(from the DOCKER_HOST environment variable\\)`));
      assert.match(e.message, /ECONNREFUSED/);
      assert.ok(e.fix);
    }));
    const badUrl = new Engine({ url: 'ftp://example', source: 'setting', why: 'from the berth.host setting' });
    await assert.rejects(badUrl.system.ping(), expectKind('badRequest', (e) => assert.match(e.message, /"ftp:\/\/" is not supported.*berth\.host setting/)));
  });

  it('permission: an unprivileged user on a root-owned socket is told the cause and the fixes', () => {
    const socket = testDockerHost();
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'probe.ts'), socket], {
      uid: 65534, gid: 65534, encoding: 'utf8', cwd: path.join(__dirname, '..', '..'), env: { PATH: process.env.PATH, HOME: '/tmp', TSX_TSCONFIG_PATH: '' }, timeout: 30_000,
    });
    assert.equal(result.status, 0, `the probe ran as nobody: ${result.stderr}`);
    const outcome = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { kind?: string; message?: string; fix?: string };
    assert.equal(outcome.kind, 'permission', JSON.stringify(outcome));
    assert.match(outcome.message ?? '', new RegExp(socket.replace(/[/.]/g, '\\$&')), 'names the socket');
    assert.match(outcome.message ?? '', /^Permission denied opening the engine socket .*: your user may not use it \(EACCES\)\.$/, 'says why');
    assert.match(outcome.fix ?? '', /docker group \(sudo usermod -aG docker \$USER\)/, 'the rootful fix');
    assert.match(outcome.fix ?? '', /rootless engine/, 'the rootless fix');
    assert.match(outcome.fix ?? '', /berth\.host setting, DOCKER_HOST or the Docker context/, 'where to point Berth');
  });

  it('notFound, conflict and badRequest come from the engine\'s status codes', async () => {
    await assert.rejects(engine.containers.inspect('berth-missing'), expectKind('notFound', (e) => assert.equal(e.statusCode, 404)));
    const id = await engine.containers.run({ image: testImage, name: uniqueName('conflict'), cmd: ['sleep', '300'] });
    made.containers.push(id);
    // Podman answers 500 with the failure named in `cause`; the kind is the same.
    const podman = testEngineKind() === 'podman';
    await assert.rejects(engine.containers.remove(id), expectKind('conflict', (e) => {
      assert.equal(e.statusCode, podman ? 500 : 409);
      assert.match(e.fix ?? '', /Stop or remove what still uses it \(or use force\)/);
      assert.doesNotMatch(e.fix ?? '', /name/, 'a running container is no name clash');
    }));
    await assert.rejects(engine.containers.create({ image: testImage, name: 'not a valid name!' }), expectKind('badRequest', (e) => assert.equal(e.statusCode, podman ? 500 : 400)));
    await assert.rejects(engine.containers.create({ image: testImage, env: ['=nokey'] }), expectKind('badRequest', (e) => assert.equal(e.message, '"=nokey" has no variable name before "=".')));
  });

  it('conflict: each request gets the fix that fits what its 409 means', async () => {
    // An image of its own (one tag), made by a commit, so removing the tag must delete it.
    const source = await engine.containers.create({ image: testImage, cmd: ['true'] });
    made.containers.push(source);
    const repo = `berth-inuse-${uniqueName('img')}`;
    await engine.containers.commit(source, { repo, tag: 'v1', changes: ['LABEL berth.test=inuse'] });
    made.images.push(`${repo}:v1`);
    // Only created, never started: the engine still refuses to remove the image it uses.
    const name = uniqueName('user');
    made.containers.unshift(await engine.containers.create({ image: `${repo}:v1`, name }));
    await assert.rejects(engine.images.remove(`${repo}:v1`), expectKind('conflict', (e) => {
      assert.match(e.fix ?? '', /Remove the containers that use the image first/);
      assert.doesNotMatch(e.fix ?? '', /name that is not taken/);
    }));
    await assert.rejects(engine.containers.create({ image: testImage, name }), expectKind('conflict', (e) => assert.match(e.fix ?? '', /Pick a name that is not taken/)));
    const volume = uniqueName('vol');
    await engine.volumes.create({ name: volume });
    made.volumes.push(volume);
    const holder = await engine.containers.create({ image: testImage, binds: [`${volume}:/data`] });
    made.containers.push(holder);
    await assert.rejects(engine.volumes.remove(volume), expectKind('conflict', (e) => assert.match(e.fix ?? '', /Remove the containers that use the volume first/)));
  });

  it('server: an engine-side failure keeps the engine\'s words', async () => {
    // dockerd asks this registry for /v1/search, which docker-registry does not serve; Podman
    // searches its catalog (which it serves), so it is asked to search a port where nothing listens.
    const server = createServer();
    const closed = await listen(server);
    server.close();
    const term = testEngineKind() === 'podman' ? `localhost:${closed}/berth` : `${process.env.BERTH_TEST_REGISTRY ?? '127.0.0.1:5000'}/berth`;
    await assert.rejects(engine.images.search(term), expectKind('server', (e) => {
      assert.equal(e.statusCode, 500);
      assert.match(e.message, /^The engine failed: /);
    }));
  });

  it('timeout: an endpoint that accepts but never answers', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    const port = await listen(silent);
    try {
      const slow = new Engine({ url: `tcp://127.0.0.1:${port}`, source: 'setting', why: 'from the berth.host setting' }, { timeoutMs: 300 });
      await assert.rejects(slow.system.version(), expectKind('timeout', (e) => {
        assert.match(e.message, new RegExp(`at tcp://127\\.0\\.0\\.1:${port} \\(from the berth\\.host setting\\) did not answer in time`));
        assert.match(e.fix ?? '', /is a Docker engine's API/, 'says what to check');
      }));
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('cancelled: an aborted signal, before and during a call', async () => {
    const before = new AbortController();
    before.abort();
    await assert.rejects(engine.containers.list({ signal: before.signal }), expectKind('cancelled'));
    const id = await engine.containers.run({ image: testImage, name: uniqueName('cancel'), cmd: ['sleep', '300'] });
    made.containers.push(id);
    const during = new AbortController();
    const waiting = engine.containers.wait(id, { signal: during.signal });
    setTimeout(() => during.abort(), 100);
    await assert.rejects(waiting, expectKind('cancelled'));
  });
});
