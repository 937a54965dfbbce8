import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as tar from 'tar-stream';
import { ScanHeader, TarScanner } from '../../../src/layers/tarScan';

function scan(archive: Buffer, chunk: number): { headers: ScanHeader[]; bodies: Map<string, string> } {
  const headers: ScanHeader[] = [];
  const bodies = new Map<string, string>();
  const scanner = new TarScanner((h) => {
    headers.push(h);
    const parts: Buffer[] = [];
    return { write: (c) => void parts.push(Buffer.from(c)), end: () => void bodies.set(h.name, Buffer.concat(parts).toString()) };
  });
  for (let i = 0; i < archive.length; i += chunk) scanner.push(archive.subarray(i, i + chunk));
  assert.ok(scanner.done, 'the end-of-archive block was seen');
  return { headers, bodies };
}

const longName = `${'deep/'.repeat(30)}파일.txt`;

describe('tar header scanner', () => {
  it('reads pax names and link targets, in chunks of any size, bodies to their sinks', async () => {
    const pack = tar.pack();
    pack.entry({ name: 'etc/', type: 'directory' });
    pack.entry({ name: 'etc/motd' }, 'hello\n');
    pack.entry({ name: longName }, '긴 이름');
    pack.entry({ name: 'bin/sh', type: 'symlink', linkname: `/${longName}` });
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
    const archive = Buffer.concat(chunks);
    for (const size of [1, 7, 512, 4096, archive.length]) {
      const { headers, bodies } = scan(archive, size);
      assert.deepEqual(headers.map((h) => [h.name, h.flag]), [['etc/', '5'], ['etc/motd', '0'], [longName, '0'], ['bin/sh', '2']]);
      assert.equal(headers[3].linkname, `/${longName}`);
      assert.equal(bodies.get('etc/motd'), 'hello\n');
      assert.equal(bodies.get(longName), '긴 이름');
    }
  });

  it('reads GNU long names as GNU tar writes them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-gnutar-'));
    const name = 'x'.repeat(150);
    fs.writeFileSync(path.join(dir, name), 'gnu\n');
    const archive = execFileSync('tar', ['--format=gnu', '-C', dir, '-cf', '-', name]);
    fs.rmSync(dir, { recursive: true, force: true });
    const { headers, bodies } = scan(archive, 100);
    assert.deepEqual(headers.map((h) => h.name), [name]);
    assert.equal(bodies.get(name), 'gnu\n');
  });

  it('refuses what is not a tar', () => {
    assert.throws(() => new TarScanner(() => undefined).push(Buffer.from('{"not":"a tar"}'.padEnd(512, ' '))), /Not a tar archive/);
  });
});
