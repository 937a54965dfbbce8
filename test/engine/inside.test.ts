/**
 * Engine tier: what Berth shows inside images and volumes, checked against the real
 * engine: each layer's files from `docker save`'s archive (an image built here with a
 * change and a removal), and a volume's files through a helper container that is
 * never started and is gone afterwards, also after a failure.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ContainerFs, FsError } from '../../src/files/containerFs';
import { ImageLayerFiles } from '../../src/layers/imageFiles';
import { helperLabel, VolumeHelpers } from '../../src/volumes/helpers';
import { Leftovers, testEngine, testImage, uniqueName } from '../support/engine';
import { tempDir } from '../support/temp';

const engine = testEngine();
const made = new Leftovers();
after(async () => {
  await made.clean(engine);
  await engine.dispose();
});

/** Helpers are removed a moment after their last operation; a loaded machine may take a while. */
async function noHelpersLeft(volume: string): Promise<void> {
  const until = Date.now() + 15_000;
  while ((await helpersLeft(volume)).length > 0) {
    if (Date.now() > until) assert.fail(`helpers of ${volume} are still there after 15 s: ${(await helpersLeft(volume)).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function helpersLeft(volume: string): Promise<string[]> {
  const list = await engine.containers.list({ all: true, filters: { label: [`${helperLabel}=${volume}`] } });
  return list.map((c) => c.id);
}

describe('image layers, file by file', () => {
  it('says what each layer of a built image added, changed and removed, and what later layers wasted', async () => {
    const dir = tempDir('layers');
    await fs.writeFile(path.join(dir, 'Dockerfile'), [
      `FROM ${testImage}`,
      'RUN mkdir -p /data && echo first > /data/note.txt && dd if=/dev/zero of=/data/big bs=1024 count=64 2>/dev/null',
      'ENV STAGE=two',
      'RUN echo second-version > /data/note.txt && rm /data/big',
      '',
    ].join('\n'));
    const tag = `berth-layers-${uniqueName('l')}:v1`;
    const built = await engine.images.build({ context: dir, tags: [tag] });
    made.images.push(built.imageId);

    const files = new ImageLayerFiles(() => engine.images);
    const history = await engine.images.history(built.imageId);
    const rows = await files.layersOfRows(built.imageId, history);
    // Newest first: RUN (rm) made layer 3, ENV none, RUN (dd) layer 2, the import layer 1.
    assert.deepEqual(rows.slice(0, 3), [2, undefined, 1]);
    assert.equal(rows[rows.length - 1], 0);

    const second = await files.layer(built.imageId, 1);
    const byPath = new Map(second.report.files.map((f) => [f.path, f]));
    assert.equal(byPath.get('data')?.change, 'added');
    assert.equal(byPath.get('data/note.txt')?.size, 'first\n'.length);
    assert.equal(byPath.get('data/big')?.size, 64 * 1024);

    const third = await files.layer(built.imageId, 2);
    assert.ok(third.image, 'the whole image is read once its top layer is');
    const top = new Map(third.report.files.map((f) => [f.path, f]));
    assert.equal(top.get('data/note.txt')?.change, 'changed');
    assert.equal(top.get('data/big')?.change, 'removed');
    // Read again now that the whole image is known: the second layer's big file and first note are wasted.
    const again = await files.layer(built.imageId, 1);
    assert.equal(again.report.files.find((f) => f.path === 'data/big')?.replacedBy, 2);
    assert.equal(again.report.wastedBytes, 64 * 1024 + 'first\n'.length);
    assert.equal(again.image?.lastWriter.get('data/note.txt'), 2);
    assert.equal(again.image?.lastWriter.has('data/big'), false);
    // A file of a layer as that layer holds it, not as the image ends up.
    assert.equal((await files.readFile(built.imageId, 1, 'data/note.txt', 1024)).toString(), 'first\n');
    assert.equal((await files.readFile(built.imageId, 2, 'data/note.txt', 1024)).toString(), 'second-version\n');
    files.dispose();
  });
});

describe('volume files', () => {
  it('writes, lists, reads and uploads through a helper that is never started and is removed afterwards', async () => {
    const volume = uniqueName('vol');
    await engine.volumes.create({ name: volume });
    made.volumes.push(volume);
    const helpers = new VolumeHelpers(() => engine, 50);
    const volumeFs = new ContainerFs(() => helpers.port, { owner: 'volume' });

    await volumeFs.createDirectory(volume, '/conf');
    await volumeFs.writeFile(volume, '/conf/app.ini', Buffer.from('name=배포\n'), { create: true, overwrite: false });
    // While an operation runs its helper exists, created and never started.
    const listing = volumeFs.readDirectory(volume, '/');
    for (const id of await helpersLeft(volume)) {
      const inspect = await engine.containers.inspect(id).catch(() => undefined);
      if (inspect) assert.equal((inspect.raw as { State: { StartedAt: string } }).State.StartedAt.startsWith('0001-01-01'), true, 'a helper is never started');
    }
    assert.deepEqual((await listing).map((e) => [e.name, e.kind]), [['conf', 'directory']]);
    assert.equal(Buffer.from(await volumeFs.readFile(volume, '/conf/app.ini')).toString(), 'name=배포\n');

    // A container that mounts the volume sees the same bytes.
    const reader = await engine.containers.create({ image: testImage, cmd: ['cat', '/v/conf/app.ini'], mounts: [{ type: 'volume', source: volume, target: '/v' }] });
    made.containers.push(reader);
    const read = await engine.containers.getArchive(reader, '/v/conf/app.ini');
    read.tar.resume();
    assert.equal(read.stat.size, Buffer.byteLength('name=배포\n'));

    await noHelpersLeft(volume);
    await helpers.release();
  });

  it('removes the helper when the operation fails, and says when the volume is gone', async () => {
    const volume = uniqueName('vol');
    await engine.volumes.create({ name: volume });
    made.volumes.push(volume);
    const helpers = new VolumeHelpers(() => engine, 0);
    const volumeFs = new ContainerFs(() => helpers.port, { owner: 'volume' });
    await assert.rejects(volumeFs.readFile(volume, '/missing.txt'), (e: FsError) => e.code === 'FileNotFound');
    await assert.rejects(volumeFs.writeFile(volume, '/no/such/folder/x', Buffer.from('x'), { create: true, overwrite: false }), /The folder \/no\/such\/folder does not exist in the volume/);
    await noHelpersLeft(volume);
    await engine.volumes.remove(volume);
    await assert.rejects(volumeFs.readDirectory(volume, '/'), /No such volume: .* It was removed; refresh the view/);
    // Reading did not bring the volume back (mounting a missing volume would create it).
    await assert.rejects(engine.volumes.inspect(volume), (e: { kind?: string }) => e.kind === 'notFound');
  });

  it('cleans up helpers a previous session left behind', async () => {
    const volume = uniqueName('vol');
    await engine.volumes.create({ name: volume });
    made.volumes.push(volume);
    const stale = await engine.containers.create({ image: testImage, cmd: ['true'], labels: { [helperLabel]: volume }, mounts: [{ type: 'volume', source: volume, target: '/berth-volume' }] });
    made.containers.push(stale);
    const helpers = new VolumeHelpers(() => engine, 0);
    assert.ok(await helpers.removeLeftovers() >= 1);
    assert.deepEqual(await helpersLeft(volume), []);
  });
});
