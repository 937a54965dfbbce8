import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { describeHostWriteError, fileSource, streamToFile, tarNameFor } from '../../../src/files/hostFiles';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-hostfiles-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function chunks(count: number, size: number, failAt?: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (failAt !== undefined && sent === failAt) {
        this.destroy(Object.assign(new Error('No such container: gone'), { statusCode: 404 }));
        return;
      }
      if (sent === count) this.push(null);
      else {
        sent++;
        this.push(Buffer.alloc(size, sent));
      }
    },
  });
}

describe('streaming to and from host files', () => {
  it('writes the whole stream and counts its bytes', async () => {
    const seen: number[] = [];
    const target = path.join(dir, 'whole.tar');
    const total = await streamToFile(chunks(10, 100_000), target, { onBytes: (n) => seen.push(n) });
    assert.equal(total, 1_000_000);
    assert.equal(fs.statSync(target).size, 1_000_000);
    assert.equal(seen[seen.length - 1], 1_000_000);
    assert.deepEqual(fs.readdirSync(dir), ['whole.tar']);
  });

  it('leaves no partial file and keeps an existing one when the stream fails midway', async () => {
    const target = path.join(dir, 'kept.tar');
    fs.writeFileSync(target, 'previous');
    await assert.rejects(streamToFile(chunks(10, 100_000, 5), target), /No such container/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'previous');
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('partial')), []);
  });

  it('stops and cleans up on cancel', async () => {
    const controller = new AbortController();
    const target = path.join(dir, 'cancelled.tar');
    const endless = new Readable({ read() { this.push(Buffer.alloc(65_536)); } });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(streamToFile(endless, target, { signal: controller.signal }), { name: 'AbortError' });
    assert.equal(fs.existsSync(target), false);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('partial')), []);
  });

  it('reads a file as a stream with its size', async () => {
    const source = path.join(dir, 'whole.tar');
    let last = 0;
    const { stream, size } = await fileSource(source, (n) => (last = n));
    let read = 0;
    for await (const chunk of stream) read += (chunk as Buffer).length;
    assert.equal(size, 1_000_000);
    assert.equal(read, size);
    assert.equal(last, size);
    await assert.rejects(fileSource(dir), /is a folder; choose a file/);
    await assert.rejects(fileSource(path.join(dir, 'missing.tar')), /^Error: There is no file at .*missing\.tar\.$/);
  });

  it('says which host file could not be written and why', () => {
    const error = describeHostWriteError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), '/mnt/x.tar');
    assert.equal(error.message, 'Could not write /mnt/x.tar: the disk is full (ENOSPC). Nothing partial was left behind.');
    const other = new Error('engine said no');
    assert.equal(describeHostWriteError(other, '/x'), other);
  });

  it('names tar files after engine names', () => {
    assert.equal(tarNameFor('/web'), 'web.tar');
    assert.equal(tarNameFor('127.0.0.1:5000/app:dev'), '127.0.0.1_5000_app_dev.tar');
    assert.equal(tarNameFor('///'), 'archive.tar');
  });
});
