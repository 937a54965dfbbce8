import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DirEntry } from '../../../src/files/containerFs';
import { changeNodes, containerChildNodes, entryNodes, filesNodeItem, folderOf, isFilesNode } from '../../../src/files/nodes';
import { validateEntryName } from '../../../src/commands/files';
import { container } from '../views/fixtures';

const c = container({ id: 'c0ffee', name: 'web' });
const entry = (name: string, kind: DirEntry['kind'], extra: Partial<DirEntry> = {}): DirEntry => ({ name, kind, size: 1_500, mtime: 0, permissions: 0o644, ...extra });

describe('Files and Changes nodes', () => {
  it('puts Files and Changes under a container', () => {
    const [files, changes] = containerChildNodes(c);
    assert.equal(filesNodeItem(files).label, 'Files');
    assert.equal(filesNodeItem(files).contextValue, 'berth.files.folder.root');
    assert.equal(folderOf(files), '/');
    assert.equal(filesNodeItem(changes).label, 'Changes');
    assert.ok(isFilesNode(files) && !isFilesNode({ kind: 'container' }));
  });

  it('lists folders first, then names, with links that say where they point', () => {
    const nodes = entryNodes(c, '/etc', [entry('b.conf', 'file'), entry('z', 'directory'), entry('a', 'symlink', { linkTarget: '/srv', targetKind: 'directory' }), entry('sh', 'symlink', { linkTarget: 'busybox', targetKind: 'file' })]);
    const items = nodes.map(filesNodeItem);
    assert.deepEqual(items.map((i) => i.label), ['a', 'z', 'b.conf', 'sh']);
    assert.deepEqual(items.map((i) => i.contextValue), ['berth.files.folder', 'berth.files.folder', 'berth.files.file', 'berth.files.file.link']);
    assert.equal(items[0].description, 'link to /srv');
    assert.equal(items[0].icon.id, 'file-symlink-directory');
    assert.equal(items[2].description, '1.5 kB');
    assert.equal(items[2].id, 'files:c0ffee:/etc/b.conf');
    assert.deepEqual(items[2].resourceUri, { scheme: 'berth-container', authority: 'c0ffee', path: '/etc/b.conf' });
    assert.equal(items[2].command?.command, 'vscode.open');
    assert.equal(items[1].command, undefined);
    assert.equal(folderOf(nodes[0]), '/etc/a');
    assert.equal(folderOf(nodes[2]), undefined);
  });

  it('decorates changes A/C/D and opens all but deleted ones', () => {
    const items = changeNodes(c, [{ path: '/tmp/new', kind: 'added' }, { path: '/etc/hosts', kind: 'changed' }, { path: '/gone', kind: 'deleted' }]).map(filesNodeItem);
    assert.deepEqual(items.map((i) => i.description), ['/etc/hosts', '/gone', '/tmp/new']);
    assert.deepEqual(items.map((i) => i.resourceUri?.query), ['change=C', 'change=D', 'change=A']);
    assert.deepEqual(items.map((i) => i.contextValue), ['berth.change.changed', 'berth.change.deleted', 'berth.change.added']);
    assert.equal(items[1].command, undefined);
    assert.equal(items[0].command?.command, 'berth.files.openChange');
  });

  it('takes one path segment as a new name', () => {
    assert.equal(validateEntryName('notes ü.txt'), undefined);
    assert.ok(validateEntryName(''));
    assert.ok(validateEntryName('..'));
    assert.ok(validateEntryName('a/b'));
  });
});
