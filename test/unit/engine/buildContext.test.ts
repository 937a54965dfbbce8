/** The build context's tar: what the engine receives, for small files (read whole) and big ones (streamed). */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { packContext } from '../../../src/engine/buildContext';
import { readTar } from '../../../src/engine/tar';

const dir = mkdtempSync(path.join(tmpdir(), 'berth-context-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('packContext', () => {
  it('packs empty, small and multi-megabyte files byte for byte, with folders and symlinks, honouring .dockerignore', async () => {
    const small = randomBytes(1000);
    const big = randomBytes(3 * 1024 * 1024 + 7);
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(path.join(dir, '.dockerignore'), '*.log\n');
    writeFileSync(path.join(dir, 'src', 'empty'), '');
    writeFileSync(path.join(dir, 'src', 'small.bin'), small);
    writeFileSync(path.join(dir, 'big.bin'), big, { mode: 0o640 });
    writeFileSync(path.join(dir, 'debug.log'), 'ignored');
    symlinkSync('src/small.bin', path.join(dir, 'link'));

    const entries = await readTar(packContext(dir), 16 * 1024 * 1024);
    const byPath = new Map(entries.map((e) => [e.path.replace(/\/$/, ''), e]));
    assert.deepEqual([...byPath.keys()].sort(), ['.dockerignore', 'Dockerfile', 'big.bin', 'link', 'src', 'src/empty', 'src/small.bin']);
    assert.ok(byPath.get('big.bin')!.content.equals(big), 'the streamed file arrives intact');
    assert.equal(byPath.get('big.bin')!.mode & 0o777, 0o640);
    assert.ok(byPath.get('src/small.bin')!.content.equals(small), 'the whole-read file arrives intact');
    assert.equal(byPath.get('src/empty')!.size, 0);
    assert.equal(byPath.get('link')!.type, 'symlink');
    assert.equal(byPath.get('src')!.type, 'directory');
  });
});
