/** Engine tier: images — list, inspect, history, tag, remove, prune, build, import, save, load, search. */
import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { readAll } from '../../src/engine/api';
import { EngineError } from '../../src/engine/errors';
import { BuildError } from '../../src/engine/images';
import { packFiles, readTar } from '../../src/engine/tar';
import type { ProgressEvent } from '../../src/engine/types';
import { Leftovers, sameImage, testEngine, testEngineKind, testImage, testRegistry, uniqueName } from '../support/engine';
import { tempDir } from '../support/temp';

const engine = testEngine();
const made = new Leftovers();
after(async () => {
  await made.clean(engine);
  await engine.dispose();
});

const repo = (prefix: string): string => `berth-${prefix}-${uniqueName('i').slice(-10)}`;

async function buildContext(files: Record<string, string>): Promise<string> {
  const dir = tempDir('build-');
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

describe('image listing and metadata', () => {
  it('lists, inspects, shows history, tags and removes with no-prune', async () => {
    const list = await engine.images.list();
    const base = list.find((i) => i.repoTags.some((t) => sameImage(t, testImage)));
    assert.ok(base, 'busybox:local is listed');
    const details = await engine.images.inspect(testImage);
    assert.equal(details.id, base.id);
    assert.equal(details.os, 'linux');
    const history = await engine.images.history(testImage);
    // The newest entry is the image itself; dockerd names its tags there, Podman names none.
    assert.ok(history.length >= 1 && sameImage(history[0].id, base.id));
    if (testEngineKind() === 'docker') assert.ok(history[0].tags.some((t) => sameImage(t, testImage)));
    else assert.deepEqual(history[0].tags, []);
    const target = `${repo('tag')}:v1`;
    await engine.images.tag(testImage, target);
    made.images.push(target);
    assert.ok((await engine.images.inspect(target)).repoTags.some((t) => sameImage(t, target)));
    const removed = await engine.images.remove(target, { noPrune: true });
    assert.equal(removed.untagged.length, 1, JSON.stringify(removed));
    assert.ok(sameImage(removed.untagged[0], target), JSON.stringify(removed));
    assert.deepEqual(removed.deleted, []);
    await assert.rejects(engine.images.tag(testImage, 'Not A Valid:ref'), (e: EngineError) => e.kind === 'badRequest');
  });

  it('refuses to remove an image a container uses unless forced', async () => {
    const ctx = await buildContext({ Dockerfile: `FROM ${testImage}\nLABEL berth.used=${uniqueName('u')}\n` });
    const tag = `${repo('used')}:v1`;
    const built = await engine.images.build({ context: ctx, tags: [tag] });
    made.images.push(built.imageId);
    const box = await engine.containers.create({ image: tag, name: uniqueName('user') });
    made.containers.push(box);
    await assert.rejects(engine.images.remove(built.imageId), (e: EngineError) => e.kind === 'conflict');
    const removed = await engine.images.remove(built.imageId, { force: true });
    assert.ok(removed.untagged.some((t) => sameImage(t, tag)), JSON.stringify(removed));
  });

  it('lists dangling images and digests, prunes dangling ones', async () => {
    const ctx = await buildContext({ Dockerfile: `FROM ${testImage}\nLABEL berth.dangling=${uniqueName('d')}\n` });
    const label = uniqueName('prune');
    const built = await engine.images.build({ context: ctx, labels: { 'berth.prune': label } });
    made.images.push(built.imageId);
    const dangling = await engine.images.list({ dangling: true, filters: { label: `berth.prune=${label}` } });
    assert.deepEqual(dangling.map((i) => i.id), [built.imageId]);
    assert.deepEqual(dangling[0].repoTags, []);
    const all = await engine.images.list({ all: true });
    assert.ok(all.length >= dangling.length);
    const pruned = await engine.images.prune({ filters: { label: `berth.prune=${label}` } });
    assert.ok(pruned.deleted.includes(built.imageId), JSON.stringify(pruned));
  });

  it('prunes unused tagged images only with all', async () => {
    const label = uniqueName('pruneall');
    const ctx = await buildContext({ Dockerfile: `FROM ${testImage}\nLABEL berth.pruneall=${label}\n` });
    const tag = `${repo('pruneall')}:v1`;
    const built = await engine.images.build({ context: ctx, tags: [tag] });
    made.images.push(tag);
    const dangling = await engine.images.prune({ filters: { label: `berth.pruneall=${label}` } });
    assert.deepEqual(dangling.deleted, [], 'a tagged image is not dangling');
    const all = await engine.images.prune({ all: true, filters: { label: `berth.pruneall=${label}` } });
    assert.ok(all.deleted.some((d) => sameImage(d, built.imageId) || sameImage(d, tag)), JSON.stringify(all));
    await assert.rejects(engine.images.inspect(tag), (e: EngineError) => e.kind === 'notFound');
  });
});

describe('build', () => {
  it('sends a context filtered by .dockerignore, with dockerfile path, tags, args, target, labels, no-cache', async () => {
    const ctx = await buildContext({
      '.dockerignore': 'secret.txt\nignored/\n!ignored/keep.txt\n*.log\n',
      'docker/app.Dockerfile': [
        `FROM ${testImage} AS base`, 'ARG GREETING=unset', 'WORKDIR /app', 'COPY . /app/', 'RUN echo "$GREETING" > /app/greeting && ls -a /app > /app/listing',
        `FROM base AS final`, 'RUN echo final > /app/stage',
      ].join('\n'),
      'app.txt': 'app', 'secret.txt': 'secret', 'ignored/drop.txt': 'x', 'ignored/keep.txt': 'kept', 'debug.log': 'log',
    });
    const tag = `${repo('build')}:dev`;
    const progress: ProgressEvent[] = [];
    const result = await engine.images.build(
      { context: ctx, dockerfile: 'docker/app.Dockerfile', tags: [tag], buildArgs: { GREETING: 'hello' }, target: 'base', labels: { 'berth.built': 'yes' }, noCache: true },
      { onProgress: (e) => progress.push(e) },
    );
    made.images.push(tag);
    assert.match(result.imageId, /^sha256:/);
    assert.ok(progress.some((p) => 'step' in p && p.step), 'steps are reported');
    const image = await engine.images.inspect(tag);
    assert.equal(image.config.labels['berth.built'], 'yes');
    const id = await engine.containers.create({ image: tag, name: uniqueName('built') });
    made.containers.push(id);
    const files = await engine.containers.copyFrom(id, '/app');
    const text = (p: string): string | undefined => files.find((f) => f.path === p)?.content.toString();
    assert.equal(text('app/greeting'), 'hello\n');
    const listing = text('app/listing') ?? '';
    assert.match(listing, /app\.txt/);
    assert.doesNotMatch(listing, /secret\.txt|debug\.log/);
    assert.equal(text('app/ignored/keep.txt'), 'kept');
    assert.equal(text('app/ignored/drop.txt'), undefined);
    assert.equal(text('app/stage'), undefined, 'the target stopped at base');
  });

  it('names the failed step', async () => {
    const ctx = await buildContext({ Dockerfile: `FROM ${testImage}\nRUN true\nRUN exit 3\n` });
    await assert.rejects(engine.images.build({ context: ctx }), (error: unknown) => {
      assert.ok(error instanceof BuildError, String(error));
      assert.equal(error.step?.index, 3);
      assert.equal(error.step?.instruction, 'RUN exit 3');
      // dockerd's classic builder and Podman's Buildah word the exit code differently.
      assert.match(error.message, testEngineKind() === 'podman' ? /Step 3\/3 \(RUN exit 3\) failed: .*exit status 3/ : /Step 3\/3 \(RUN exit 3\) failed: .*non-zero code: 3/);
      return true;
    });
  });

  it('can be cancelled', async () => {
    const ctx = await buildContext({ Dockerfile: `FROM ${testImage}\nRUN sleep 20\n` });
    const controller = new AbortController();
    // Aborted once the RUN step runs: dockerd says "Running in <container>", Podman (Buildah) only names the step.
    const running = (e: { stream?: string; step?: { index: number } }): boolean => (testEngineKind() === 'podman' ? e.step?.index === 2 : !!e.stream?.includes('Running in'));
    const build = engine.images.build({ context: ctx, noCache: true }, { signal: controller.signal, onProgress: (e) => { if (running(e)) controller.abort(); } });
    await assert.rejects(build, (e: EngineError) => e.kind === 'cancelled');
  });
});

describe('import, save, load', () => {
  it('imports a tar with repository and tag, saves two images and loads them back', async () => {
    const imported = `${repo('import')}:v2`;
    const tar = packFiles([{ path: 'hello.txt', content: 'imported' }]);
    const id = await engine.images.import(tar, { repo: imported.split(':')[0], tag: 'v2', changes: ['CMD ["/hello.txt"]'], message: 'from berth' });
    made.images.push(imported);
    assert.equal((await engine.images.inspect(imported)).id, id);
    const second = `${repo('second')}:v1`;
    await engine.images.tag(testImage, second);
    made.images.push(second);
    const saved = await readAll(await engine.images.save([imported, second]));
    const savedEntries = await readTar(packFromBuffer(saved), 512 * 1024 * 1024);
    assert.ok(savedEntries.some((e) => e.path === 'manifest.json'));
    await engine.images.remove(imported);
    await engine.images.remove(second);
    const loaded = await engine.images.load(saved);
    assert.ok(loaded.some((l) => sameImage(l, imported)) && loaded.some((l) => sameImage(l, second)), JSON.stringify(loaded));
    assert.equal((await engine.images.inspect(imported)).id, id);
  });
});

describe('search', () => {
  it('asks the registry search API of the registry the term names', async () => {
    if (testEngineKind() === 'podman') {
      // Podman searches a v2 registry's catalog (docker-registry serves it), only on registries
      // its registries.conf lets it reach over plain HTTP: the test registry is one of them.
      const name = `berth/search-${uniqueName('s').slice(-10)}`;
      const ref = `${testRegistry()}/${name}:v1`;
      await engine.images.tag(testImage, ref);
      made.images.push(ref);
      await engine.images.push(ref);
      const results = await engine.images.search(`${testRegistry()}/${name}`, { limit: 5 });
      assert.deepEqual(results, [{ name: `${testRegistry()}/${name}`, description: '', stars: 0, official: false, automated: false }]);
      return;
    }
    // docker-registry 2.x has no /v1/search; a small HTTP server answers it as a registry would.
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/v1/search') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ num_results: 1, query: url.searchParams.get('q'), results: [{ name: `${url.searchParams.get('q')}-app`, description: 'found', star_count: 7, is_official: false, is_automated: true }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const results = await engine.images.search(`127.0.0.1:${port}/berth`, { limit: 5 });
      // The engine sends the term without the registry host.
      assert.deepEqual(results, [{ name: 'berth-app', description: 'found', stars: 7, official: false, automated: true }]);
    } finally {
      server.close();
    }
  });
});

function packFromBuffer(buffer: Buffer): import('node:stream').Readable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Readable } = require('node:stream') as typeof import('node:stream');
  return Readable.from([buffer]);
}
