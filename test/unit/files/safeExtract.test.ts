/** The crafted-archive tests: nothing an archive says may land outside the target folder. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import * as tar from 'tar-stream';
import { downloadArchive, extractTarSafely, UnsafeArchiveError } from '../../../src/files/safeExtract';
import { asReadable, packHostPaths, readFirstEntry, readHeaders } from '../../../src/files/tarPack';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-extract-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

type Entry = Partial<tar.Header> & { name: string } & { body?: string };

function craft(entries: Entry[]): Readable {
  const pack = tar.pack();
  for (const { body, ...header } of entries) pack.entry({ mode: 0o644, mtime: new Date(1_600_000_000_000), ...header }, body ?? '');
  pack.finalize();
  return asReadable(pack);
}

function fresh(name: string): { root: string; outside: string } {
  const base = fs.mkdtempSync(path.join(scratch, `${name}-`));
  const root = path.join(base, 'target');
  fs.mkdirSync(root);
  return { root, outside: base };
}

/** Every path under `dir`, relative, to prove nothing appeared outside the target. */
function tree(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    out.push(`${prefix}${entry.name}`);
    if (entry.isDirectory()) out.push(...tree(path.join(dir, entry.name), `${prefix}${entry.name}/`));
  }
  return out.sort();
}

describe('safe extraction of crafted archives', () => {
  for (const name of ['../escaped.txt', 'a/../../escaped.txt', '/tmp/berth-absolute.txt', 'C:/escaped.txt', '..\\escaped.txt']) {
    it(`refuses the whole archive when an entry is named ${JSON.stringify(name)}`, async () => {
      const { root, outside } = fresh('name');
      await assert.rejects(
        extractTarSafely(craft([{ name: 'fine.txt', body: 'ok' }, { name, body: 'evil' }]), root),
        (error: unknown) => error instanceof UnsafeArchiveError && error.message.includes(name),
      );
      assert.deepEqual(tree(outside).filter((p) => !p.startsWith('target')), []);
      assert.equal(fs.existsSync('/tmp/berth-absolute.txt'), false);
    });
  }

  it('does not create links that point outside, and reports them', async () => {
    const { root, outside } = fresh('links');
    const result = await extractTarSafely(craft([
      { name: 'abs', type: 'symlink', linkname: '/etc' },
      { name: 'up', type: 'symlink', linkname: '../..' },
      { name: 'dir', type: 'directory', mode: 0o755 },
      { name: 'dir/inside', type: 'symlink', linkname: '../dir' },
    ]), root);
    assert.deepEqual(result.skipped.map((s) => s.name).sort(), ['abs', 'up']);
    assert.equal(fs.readlinkSync(path.join(root, 'dir/inside')), '../dir');
    assert.deepEqual(tree(outside), ['target', 'target/dir', 'target/dir/inside']);
  });

  it('never writes through a link, even one that looked inside', async () => {
    const { root, outside } = fresh('through');
    // `here` points at the root, so `here/c/../..` is the root lexically but its parent physically.
    const result = await extractTarSafely(craft([
      { name: 'c', type: 'directory' },
      { name: 'here', type: 'symlink', linkname: '.' },
      { name: 'sneaky', type: 'symlink', linkname: 'here/c/../..' },
      { name: 'sneaky/victim/pwned.txt', body: 'inside after all' },
    ]), root);
    assert.deepEqual(result.skipped.map((s) => s.name), ['sneaky']);
    assert.equal(fs.readFileSync(path.join(root, 'sneaky/victim/pwned.txt'), 'utf8'), 'inside after all');
    assert.deepEqual(tree(outside).filter((p) => !p.startsWith('target')), []);
  });

  it('refuses a write through a link that only leaves the folder once a later folder exists', async () => {
    const { root, outside } = fresh('later');
    await assert.rejects(extractTarSafely(craft([
      { name: 'here', type: 'symlink', linkname: '.' },
      { name: 'later', type: 'symlink', linkname: 'here/d/../..' },
      { name: 'd', type: 'directory' },
      { name: 'later/victim/pwned.txt', body: 'evil' },
    ]), root), UnsafeArchiveError);
    assert.deepEqual(tree(outside).filter((p) => !p.startsWith('target')), []);
  });

  it('replaces a link at a file entry instead of writing through it', async () => {
    const { root, outside } = fresh('replace');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'keep');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'f.txt'));
    await extractTarSafely(craft([{ name: 'f.txt', body: 'new' }]), root);
    assert.equal(fs.readFileSync(path.join(outside, 'secret.txt'), 'utf8'), 'keep');
    assert.equal(fs.readFileSync(path.join(root, 'f.txt'), 'utf8'), 'new');
    assert.equal(fs.lstatSync(path.join(root, 'f.txt')).isSymbolicLink(), false);
  });

  it('skips hard links to files outside the folder', async () => {
    const { root } = fresh('hard');
    const result = await extractTarSafely(craft([
      { name: 'a.txt', body: 'a' },
      { name: 'b.txt', type: 'link', linkname: 'a.txt' },
      { name: 'c.txt', type: 'link', linkname: '../../../etc/passwd' },
    ]), root);
    assert.equal(fs.readFileSync(path.join(root, 'b.txt'), 'utf8'), 'a');
    assert.deepEqual(result.skipped.map((s) => s.name), ['c.txt']);
  });

  it('extracts spaces, unicode, modes and times exactly', async () => {
    const { root } = fresh('unicode');
    await extractTarSafely(craft([
      { name: 'my dir/', type: 'directory', mode: 0o750 },
      { name: 'my dir/ünï côdé 📦.sh', body: '#!/bin/sh\n', mode: 0o755 },
    ]), root);
    const file = path.join(root, 'my dir', 'ünï côdé 📦.sh');
    assert.equal(fs.readFileSync(file, 'utf8'), '#!/bin/sh\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o755);
    assert.equal(fs.statSync(path.join(root, 'my dir')).mode & 0o777, 0o750);
    assert.equal(fs.statSync(file).mtimeMs, 1_600_000_000_000);
  });
});

describe('downloads are all or nothing', () => {
  it('moves a folder into place when the archive is whole', async () => {
    const { outside } = fresh('dl');
    const destination = path.join(outside, 'copy of app');
    await downloadArchive(craft([{ name: 'app', type: 'directory' }, { name: 'app/x.txt', body: 'x' }]), destination);
    assert.equal(fs.readFileSync(path.join(destination, 'x.txt'), 'utf8'), 'x');
    assert.deepEqual(fs.readdirSync(outside).sort(), ['copy of app', 'target']);
  });

  it('leaves nothing behind when the stream fails midway', async () => {
    const { outside } = fresh('broken');
    const whole = await buffer(craft([{ name: 'big.bin', body: 'y'.repeat(100_000) }]));
    const broken = new Readable({ read() {} });
    broken.push(whole.subarray(0, 20_000));
    setImmediate(() => broken.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
    await assert.rejects(downloadArchive(broken, path.join(outside, 'big.bin')), /socket hang up/);
    assert.deepEqual(fs.readdirSync(outside), ['target']);
  });

  it('refuses to replace an existing file unless told to', async () => {
    const { outside } = fresh('exists');
    const destination = path.join(outside, 'f.txt');
    fs.writeFileSync(destination, 'old');
    await assert.rejects(downloadArchive(craft([{ name: 'f.txt', body: 'new' }]), destination), /already exists/);
    assert.equal(fs.readFileSync(destination, 'utf8'), 'old');
    await downloadArchive(craft([{ name: 'f.txt', body: 'new' }]), destination, { overwrite: true });
    assert.equal(fs.readFileSync(destination, 'utf8'), 'new');
    assert.deepEqual(fs.readdirSync(outside).sort(), ['f.txt', 'target']);
  });
});

describe('packing host paths', () => {
  it('round-trips a folder with a link, unicode and a 3 MB file byte for byte', async () => {
    const { root, outside } = fresh('pack');
    const source = path.join(outside, 'src dir');
    fs.mkdirSync(path.join(source, 'ünï'), { recursive: true });
    const big = Buffer.alloc(3_000_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) & 0xff;
    fs.writeFileSync(path.join(source, 'ünï', 'big.bin'), big);
    fs.symlinkSync('ünï/big.bin', path.join(source, 'link'));
    const names: string[] = [];
    await readHeaders(packHostPaths([source]), (h) => names.push(`${h.type}:${h.name}`));
    assert.deepEqual(names, ['directory:src dir', 'symlink:src dir/link', 'directory:src dir/ünï', 'file:src dir/ünï/big.bin']);
    await extractTarSafely(packHostPaths([source]), root);
    assert.ok(fs.readFileSync(path.join(root, 'src dir', 'ünï', 'big.bin')).equals(big));
    assert.equal(fs.readlinkSync(path.join(root, 'src dir', 'link')), 'ünï/big.bin');
  });

  it('reads only the first entry when asked for a header', async () => {
    const first = await readFirstEntry(craft([{ name: 'a.txt', body: 'hello' }, { name: 'b.txt', body: 'x' }]), { withContent: true });
    assert.equal(first?.header.name, 'a.txt');
    assert.equal(first?.content?.toString(), 'hello');
  });
});

async function buffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
