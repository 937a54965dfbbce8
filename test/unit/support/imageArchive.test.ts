import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TarEntry } from '../../../src/engine/tar';
import { variantFiles } from '../../support/imageArchive';

const file = (path: string, content: string): TarEntry => ({ path, type: 'file', size: content.length, mode: 0o644, content: Buffer.from(content) });

/** A `docker save` archive of one image, as its entries: one layer, one config, the manifest. */
const saved: TarEntry[] = [
  { path: 'abc/', type: 'directory', size: 0, mode: 0o755, content: Buffer.alloc(0) },
  file('abc/layer.tar', 'LAYER'),
  file('abc/VERSION', '1.0'),
  file('cfg.json', JSON.stringify({ architecture: 'amd64', config: { Cmd: ['sh'], Labels: { keep: 'me' } }, rootfs: { type: 'layers', diff_ids: ['sha256:x'] } })),
  file('manifest.json', JSON.stringify([{ Config: 'cfg.json', RepoTags: ['busybox:local'], Layers: ['abc/layer.tar'] }])),
  file('repositories', '{}'),
];

describe('images archive for scale tests', () => {
  it('holds the layer once and one config per variant, each named by its digest, all listed in one manifest', () => {
    const files = variantFiles(saved, [{ repoTag: 'scale/a:1', labels: { n: '1' } }, { repoTag: 'scale/a:2', labels: { n: '2' } }]);
    const byPath = new Map(files.map((f) => [f.path, String(f.content)]));
    assert.equal(byPath.get('abc/layer.tar'), 'LAYER');
    assert.ok(!byPath.has('cfg.json') && !byPath.has('repositories'), 'the base image itself is not carried over');
    const manifest = JSON.parse(byPath.get('manifest.json')!) as { Config: string; RepoTags: string[]; Layers: string[] }[];
    assert.deepEqual(manifest.map((m) => m.RepoTags), [['scale/a:1'], ['scale/a:2']]);
    assert.ok(manifest.every((m) => m.Layers.join() === 'abc/layer.tar'), 'every variant shares the base layer');
    const configs = manifest.map((m) => byPath.get(m.Config)!);
    assert.notEqual(configs[0], configs[1], 'distinct configs, so distinct image ids');
    for (const [i, m] of manifest.entries()) assert.equal(m.Config, `${createHash('sha256').update(configs[i]).digest('hex')}.json`);
    const config = JSON.parse(configs[1]) as { config: { Cmd: string[]; Labels: Record<string, string> }; rootfs: unknown };
    assert.deepEqual(config.config.Labels, { keep: 'me', n: '2' });
    assert.deepEqual(config.config.Cmd, ['sh']);
    assert.deepEqual(config.rootfs, { type: 'layers', diff_ids: ['sha256:x'] });
  });

  it('refuses an archive that holds no image or several', () => {
    assert.throws(() => variantFiles(saved.filter((f) => f.path !== 'manifest.json'), []), /no manifest\.json/);
    const two = saved.map((f) => (f.path === 'manifest.json' ? file('manifest.json', JSON.stringify([{ Config: 'cfg.json', Layers: [] }, { Config: 'cfg.json', Layers: [] }])) : f));
    assert.throws(() => variantFiles(two, []), /archive of one image, got 2/);
  });
});
