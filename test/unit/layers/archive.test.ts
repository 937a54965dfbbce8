import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import * as tar from 'tar-stream';
import { readLayerFile, readSavedLayers, ReadLayer } from '../../../src/layers/archive';
import { ImageLayerFiles, LayerEngine } from '../../../src/layers/imageFiles';

/** A real tar (tar-stream packs it), as an engine would send one. */
async function tarOf(entries: { name: string; type?: 'file' | 'directory'; body?: string | Buffer }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    const body = typeof e.body === 'string' ? Buffer.from(e.body) : e.body ?? Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => pack.entry({ name: e.name, type: e.type ?? 'file', size: body.length }, body, (error) => (error ? reject(error) : resolve())));
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function savedImage(): Promise<{ archive: Buffer; diffIds: string[] }> {
  const base = await tarOf([{ name: 'etc/', type: 'directory' }, { name: 'etc/motd', body: 'hello' }, { name: 'bin/tool', body: Buffer.alloc(4096, 1) }]);
  const top = await tarOf([{ name: 'etc/motd', body: '안녕하세요' }, { name: 'bin/.wh.tool' }]);
  // Docker 20's layout: layer folders sorted by id, the top one first here, manifest last.
  const archive = await tarOf([
    { name: 'bbbb/', type: 'directory' }, { name: 'bbbb/json', body: '{}' }, { name: 'bbbb/layer.tar', body: top },
    { name: 'cccc.json', body: '{"rootfs":{}}' },
    { name: 'dddd/', type: 'directory' }, { name: 'dddd/layer.tar', body: base },
    { name: 'manifest.json', body: '[]' },
  ]);
  return { archive, diffIds: [sha(base), sha(top)] };
}

/** Hands out the archive in small chunks, so every tar boundary falls mid-chunk somewhere. */
function chunked(buffer: Buffer, size = 333): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) parts.push(buffer.subarray(i, i + size));
  return Readable.from(parts);
}

describe('saved image archives', () => {
  it('lists each layer tar by its diff id, in archive order, bodies skipped', async () => {
    const { archive, diffIds } = await savedImage();
    const layers: ReadLayer[] = [];
    await readSavedLayers(chunked(archive), (l) => layers.push(l));
    assert.deepEqual(layers.map((l) => l.diffId), [diffIds[1], diffIds[0]]);
    assert.deepEqual(layers[1].entries.map((e) => [e.path, e.type, e.size]), [['etc', 'directory', 0], ['etc/motd', 'file', 5], ['bin/tool', 'file', 4096]]);
    assert.deepEqual(layers[0].entries.map((e) => [e.path, e.whiteout]), [['etc/motd', undefined], ['bin/tool', 'path']]);
    assert.equal(layers[1].archiveName, 'dddd/layer.tar');
  });

  it('reads one file of one layer again', async () => {
    const { archive } = await savedImage();
    assert.equal((await readLayerFile(chunked(archive), 'bbbb/layer.tar', '/etc/motd', 1024)).toString(), '안녕하세요');
    await assert.rejects(readLayerFile(chunked(archive), 'dddd/layer.tar', 'bin/tool', 100), /4096 bytes, more than the 100/);
    await assert.rejects(readLayerFile(chunked(archive), 'dddd/layer.tar', 'nope', 100), /not a file of this layer/);
  });

  it('answers for the base layer before the archive has ended, and for each layer with the ones below it', async () => {
    const { archive, diffIds } = await savedImage();
    // The stream stops before the base layer's folder: the top layer alone cannot be reported yet.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const cut = archive.indexOf(Buffer.from('dddd/'));
    const engine: LayerEngine = {
      inspect: async () => ({ raw: { RootFS: { Layers: diffIds } } }),
      save: async () => Readable.from((async function* () {
        yield archive.subarray(0, cut);
        await gate;
        yield archive.subarray(cut);
      })()),
    };
    const files = new ImageLayerFiles(() => engine);
    let topDone = false;
    const top = files.layer('img', 1).then((v) => ((topDone = true), v));
    // Asked for as soon as it is read, the top layer answers alone: its files, not yet what they changed.
    const early = await files.layer('img', 1, { partial: true });
    assert.equal(early.complete, false);
    assert.deepEqual(early.report.files.map((f) => [f.path, f.change]), [['bin/tool', 'removed'], ['etc/motd', 'added']]);
    let progressed = 0;
    files.onProgress(() => progressed++);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(topDone, false);
    release();
    const view = await top;
    assert.equal(view.complete, true);
    assert.ok(progressed >= 1, 'the tree hears that the layer is complete');
    assert.deepEqual(view.report.files.map((f) => [f.path, f.change]), [['bin/tool', 'removed'], ['etc/motd', 'changed']]);
    const base = await files.layer('img', 0);
    assert.equal(base.image?.wastedBytes, 4096 + 5);
    assert.equal(base.report.files.find((f) => f.path === 'bin/tool')?.replacedBy, 1);
    assert.equal((await files.readFile('img', 1, 'etc/motd', 100)).toString(), '안녕하세요');
    await assert.rejects(files.layer('img', 5), /no layer 6/);
  });

  it('says so when the archive lacks a layer', async () => {
    const { archive, diffIds } = await savedImage();
    const engine: LayerEngine = { inspect: async () => ({ raw: { RootFS: { Layers: [...diffIds, 'sha256:missing'] } } }), save: async () => chunked(archive) };
    await assert.rejects(new ImageLayerFiles(() => engine).layer('img', 2), /holds 2 of its 3 layers/);
  });
});
