import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ContainerFs, ContainerGone, FsError } from '../../../src/files/containerFs';
import { FolderPort } from './folderPort';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cfs-'));
const port = new FolderPort(root);
let now = 1_000_000;
const cfs = new ContainerFs(() => port, { now: () => now });
after(() => fs.rmSync(root, { recursive: true, force: true }));

before(() => {
  fs.mkdirSync(path.join(root, 'etc/deep/er'), { recursive: true });
  fs.writeFileSync(path.join(root, 'etc/hosts'), '127.0.0.1 localhost\n', { mode: 0o640 });
  fs.writeFileSync(path.join(root, 'etc/deep/er/x.txt'), 'x');
  fs.mkdirSync(path.join(root, 'bin'));
  fs.writeFileSync(path.join(root, 'bin/busybox'), 'ELF', { mode: 0o755 });
  fs.symlinkSync('busybox', path.join(root, 'bin/sh'));
  fs.symlinkSync('etc', path.join(root, 'etc-link'));
  fs.symlinkSync('nowhere', path.join(root, 'dangling'));
});

function code(expected: string): (error: unknown) => boolean {
  return (error) => error instanceof FsError && error.code === expected;
}

describe('ContainerFs over the archive port', () => {
  it('stats files, folders and links with real sizes and modes', async () => {
    const hosts = await cfs.stat('c1', '/etc/hosts');
    assert.equal(hosts.kind, 'file');
    assert.equal(hosts.size, 20);
    assert.equal(hosts.permissions, 0o640);
    assert.equal((await cfs.stat('c1', '/etc')).kind, 'directory');
    const sh = await cfs.stat('c1', '/bin/sh');
    assert.equal(sh.kind, 'symlink');
    assert.equal(sh.targetKind, 'file');
    assert.equal(sh.linkTarget, '/bin/busybox');
    await assert.rejects(cfs.stat('c1', '/nope'), code('FileNotFound'));
    await assert.rejects(cfs.stat('gone', '/nope'), (e: unknown) => code('FileNotFound')(e) && /No such container: gone/.test((e as Error).message));
  });

  it('lists a folder from one archive and answers its sub-folders from the same read', async () => {
    const before = port.archiveCalls;
    const bin = await cfs.readDirectory('c1', '/bin');
    assert.deepEqual(bin.map((e) => [e.name, e.kind, e.targetKind]).sort(), [['busybox', 'file', undefined], ['sh', 'symlink', 'file']]);
    const top = await cfs.readDirectory('c1', '/');
    assert.deepEqual(top.map((e) => e.name).sort(), ['bin', 'dangling', 'etc', 'etc-link']);
    assert.equal(top.find((e) => e.name === 'etc-link')?.targetKind, 'directory');
    assert.equal(top.find((e) => e.name === 'dangling')?.targetKind, 'other');
    const calls = port.archiveCalls;
    assert.deepEqual((await cfs.readDirectory('c1', '/etc/deep/er')).map((e) => e.name), ['x.txt']);
    assert.equal(port.archiveCalls, calls, 'no new archive for a folder seen in the last listing');
    assert.equal(calls - before, 2);
    now += 60_000;
    await cfs.readDirectory('c1', '/etc/deep/er');
    assert.equal(port.archiveCalls, calls + 1, 'a stale listing is read again');
  });

  it('lists a linked folder through its link', async () => {
    assert.deepEqual((await cfs.readDirectory('c1', '/etc-link')).map((e) => e.name).sort(), ['deep', 'hosts']);
  });

  it('reads files and follows links on open', async () => {
    assert.equal(Buffer.from(await cfs.readFile('c1', '/etc/hosts')).toString(), '127.0.0.1 localhost\n');
    assert.equal(Buffer.from(await cfs.readFile('c1', '/bin/sh')).toString(), 'ELF');
    assert.equal(Buffer.from(await cfs.readFile('c1', '/etc-link/hosts')).toString(), '127.0.0.1 localhost\n');
    await assert.rejects(cfs.readFile('c1', '/etc'), code('FileIsADirectory'));
    await assert.rejects(cfs.readFile('c1', '/dangling'), code('FileNotFound'));
  });

  it('writes a new file, then overwrites it keeping its mode', async () => {
    await cfs.writeFile('c1', '/etc/new file ü.txt', Buffer.from('one'), { create: true, overwrite: false });
    assert.equal(fs.readFileSync(path.join(root, 'etc/new file ü.txt'), 'utf8'), 'one');
    await cfs.writeFile('c1', '/etc/hosts', Buffer.from('changed'), { create: true, overwrite: true });
    assert.equal(fs.readFileSync(path.join(root, 'etc/hosts'), 'utf8'), 'changed');
    assert.equal(fs.statSync(path.join(root, 'etc/hosts')).mode & 0o777, 0o640);
    await assert.rejects(cfs.writeFile('c1', '/etc/hosts', Buffer.from('x'), { create: true, overwrite: false }), code('FileExists'));
    await assert.rejects(cfs.writeFile('c1', '/etc/other', Buffer.from('x'), { create: false, overwrite: true }), code('FileNotFound'));
    await assert.rejects(cfs.writeFile('c1', '/no/such/dir/f', Buffer.from('x'), { create: true, overwrite: true }), (e: unknown) => code('FileNotFound')(e) && /\/no\/such\/dir does not exist/.test((e as Error).message));
    await assert.rejects(cfs.writeFile('c1', '/etc/hosts/x', Buffer.from('x'), { create: true, overwrite: true }), code('FileNotADirectory'));
    await assert.rejects(cfs.writeFile('c1', '/etc', Buffer.from('x'), { create: true, overwrite: true }), code('FileIsADirectory'));
  });

  it('writes through a link to its target', async () => {
    await cfs.writeFile('c1', '/bin/sh', Buffer.from('ELF2'), { create: false, overwrite: true });
    assert.equal(fs.readlinkSync(path.join(root, 'bin/sh')), 'busybox');
    assert.equal(fs.readFileSync(path.join(root, 'bin/busybox'), 'utf8'), 'ELF2');
  });

  it('creates folders and sees its own writes at once', async () => {
    await cfs.readDirectory('c1', '/etc');
    await cfs.createDirectory('c1', '/etc/made here');
    assert.ok(fs.statSync(path.join(root, 'etc/made here')).isDirectory());
    assert.ok((await cfs.readDirectory('c1', '/etc')).some((e) => e.name === 'made here'));
    await assert.rejects(cfs.createDirectory('c1', '/etc/made here'), code('FileExists'));
    await assert.rejects(cfs.createDirectory('c1', '/nope/x'), code('FileNotFound'));
  });

  // Timing is measured against the real engine in the host tier; here the fake's packing dominates.
  it('lists 1,000 entries (10,000 in the host tier)', async () => {
    const big = path.join(root, 'big');
    fs.mkdirSync(big);
    for (let i = 0; i < 1_000; i++) fs.writeFileSync(path.join(big, `f${i}`), '');
    const entries = await cfs.readDirectory('c1', '/big');
    assert.equal(entries.length, 1_000);
    assert.equal(new Set(entries.map((e) => e.name)).size, 1_000);
  });

  it('says the container is gone, not a folder, when a write reaches a removed container', async () => {
    const gone = (error: unknown) => error instanceof ContainerGone && error.code === 'FileNotFound' && /^No such container: removed\. It was removed\.$/.test(error.message);
    // An editor's auto-save after the container went away: neither "the folder does not exist" nor a write that lands.
    await assert.rejects(cfs.writeFile('removed', '/nodir/new.txt', new Uint8Array([1]), { create: true, overwrite: true }), gone);
    await assert.rejects(cfs.writeFile('removed', '/etc/new-in-removed.txt', new Uint8Array([1]), { create: true, overwrite: true }), gone);
    assert.equal(fs.existsSync(path.join(root, 'etc/new-in-removed.txt')), false);
    await assert.rejects(cfs.readFile('removed', '/etc/missing'), gone);
  });

  it('lets a removal wait for the writes in flight into a container', async () => {
    let settled = false;
    const write = cfs.writeFile('c1', '/etc/in-flight.txt', new Uint8Array([1, 2]), { create: true, overwrite: true });
    const waiting = cfs.writesSettled('c1').then(() => (settled = true));
    await cfs.writesSettled('other');
    assert.equal(settled, false, 'another container\'s writes are not waited for');
    await write;
    await waiting;
    assert.equal(settled, true);
    assert.equal(fs.readFileSync(path.join(root, 'etc/in-flight.txt')).length, 2);
    // A failed write settles too.
    const failing = cfs.writeFile('c1', '/nodir/x.txt', new Uint8Array([1]), { create: true, overwrite: true });
    await cfs.writesSettled('c1');
    await assert.rejects(failing, code('FileNotFound'));
  });
});
