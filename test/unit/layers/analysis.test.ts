import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseLayers, historyToDiffIndex } from '../../../src/layers/analysis';
import type { LayerEntry } from '../../../src/layers/archive';
import { toLayerEntry as decode } from '../../../src/layers/archive';

const toLayerEntry = (h: { name: string; type: 'file' | 'directory' | 'symlink'; size: number; linkname?: string }) => decode({ linkname: undefined as unknown as string, ...h });

const file = (path: string, size: number): LayerEntry => ({ path, type: 'file', size });
const dir = (path: string): LayerEntry => ({ path, type: 'directory', size: 0 });

describe('layer analysis', () => {
  it('decodes whiteouts and opaque folders from tar names', () => {
    assert.deepEqual(toLayerEntry({ name: 'etc/.wh.motd', type: 'file', size: 0 }), { path: 'etc/motd', type: 'other', size: 0, whiteout: 'path' });
    assert.deepEqual(toLayerEntry({ name: './var/cache/.wh..wh..opq', type: 'file', size: 0 }), { path: 'var/cache', type: 'directory', size: 0, whiteout: 'opaque' });
    assert.deepEqual(toLayerEntry({ name: '.wh.top', type: 'file', size: 0 }), { path: 'top', type: 'other', size: 0, whiteout: 'path' });
    assert.equal(toLayerEntry({ name: 'usr/bin/', type: 'directory', size: 0 }).path, 'usr/bin');
    assert.equal(toLayerEntry({ name: 'bin/sh', type: 'symlink', size: 0, linkname: 'busybox' }).linkTarget, 'busybox');
  });

  it('says what each layer added, changed and removed, who wrote last, and the bytes wasted', () => {
    const report = analyseLayers([
      [dir('etc'), file('etc/a.conf', 100), file('etc/b.conf', 50), dir('var'), dir('var/cache'), file('var/cache/x', 30), file('var/cache/y', 20)],
      [dir('etc'), file('etc/a.conf', 120), { path: 'etc/b.conf', type: 'other', size: 0, whiteout: 'path' }],
      [{ path: 'var/cache', type: 'directory', size: 0, whiteout: 'opaque' }, dir('var/cache'), file('var/cache/z', 5), file('etc/a.conf', 7)],
    ]);
    const [base, second, third] = report.layers;
    assert.deepEqual(base.files.map((f) => [f.path, f.change, f.replacedBy]), [
      ['etc', 'added', undefined], ['etc/a.conf', 'added', 1], ['etc/b.conf', 'added', 1], ['var', 'added', undefined],
      ['var/cache', 'added', undefined], ['var/cache/x', 'added', 2], ['var/cache/y', 'added', 2],
    ]);
    assert.equal(base.wastedBytes, 100 + 50 + 30 + 20);
    // The folder etc is listed again by the second layer but is not a change of its own.
    assert.deepEqual(second.files.map((f) => [f.path, f.change, f.size, f.replacedBy]), [['etc/a.conf', 'changed', 120, 2], ['etc/b.conf', 'removed', 50, undefined]]);
    assert.equal(second.wastedBytes, 120);
    assert.deepEqual(third.files.map((f) => [f.path, f.change]), [['etc/a.conf', 'changed'], ['var/cache/z', 'added']]);
    assert.equal(third.wastedBytes, 0);
    assert.equal(report.wastedBytes, 200 + 120);
    assert.equal(report.lastWriter.get('etc/a.conf'), 2);
    assert.equal(report.lastWriter.get('var/cache/z'), 2);
    assert.equal(report.lastWriter.has('etc/b.conf'), false);
    assert.equal(report.lastWriter.has('var/cache/x'), false);
    assert.equal(report.lastWriter.get('var'), 0);
  });

  it('removes a folder with everything below it', () => {
    const report = analyseLayers([[dir('a'), file('a/1', 1), dir('a/b'), file('a/b/2', 2)], [{ path: 'a', type: 'other', size: 0, whiteout: 'path' }]]);
    assert.deepEqual(report.layers[1].files.map((f) => [f.path, f.change, f.type]), [['a', 'removed', 'directory']]);
    assert.equal(report.layers[0].wastedBytes, 3);
    assert.equal(report.lastWriter.size, 0);
  });

  it('maps history rows (newest first) to layer tars (base first)', () => {
    const row = (size: number, createdBy = '/bin/sh -c #(nop)  CMD ["sh"]') => ({ size, createdBy });
    assert.deepEqual(historyToDiffIndex([row(0), row(10, 'RUN x'), row(0), row(300, 'Imported')], 2), [undefined, 1, undefined, 0]);
    // `RUN rm` adds only whiteouts: zero bytes, but a layer all the same.
    assert.deepEqual(historyToDiffIndex([row(0), row(0, '/bin/sh -c rm /a'), row(5, 'Imported')], 2), [undefined, 1, 0]);
    // Neither sizes nor "#(nop)" can say; the config's flags can.
    assert.equal(historyToDiffIndex([row(0), row(5, 'x')], 2), undefined);
    assert.deepEqual(historyToDiffIndex([row(0), row(5, 'x')], 2, [false, false]), [1, 0]);
  });
});
