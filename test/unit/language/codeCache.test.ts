/**
 * The analysis worker's code cache (src/language/server/codeCache.ts) on real files and
 * V8's real cache: a bundle runs as `require` would run it, the cache is written, taken
 * back, rejected when it is not V8's, replaced when the bundle changes, and a folder that
 * cannot be written never stops the bundle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileName, loadWithCodeCache } from '../../../src/language/server/codeCache';

type Ran = { dirname: string; filename: string; platform: string; sum: number };

function bundleIn(dir: string, body: string): string {
  const entry = path.join(dir, 'bundle.js');
  // What an esbuild CommonJS bundle uses: require for Node's modules, __dirname, module.exports.
  fs.writeFileSync(entry, `const os = require('node:os');
function sum(n) { let s = 0; for (let i = 1; i <= n; i++) s += i; return s; }
module.exports.ran = { dirname: __dirname, filename: __filename, platform: os.platform(), sum: sum(${body}) };
globalThis.__codeCacheTestRan = module.exports.ran;
`);
  return entry;
}

const ran = () => (globalThis as { __codeCacheTestRan?: Ran }).__codeCacheTestRan;

/** Runs `body` in a scratch folder (the bundle beside `cache/`), removed afterwards. */
function inScratch(body: (dir: string, cache: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-code-cache-'));
  try {
    body(dir, path.join(dir, 'cache'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a bundle runs through the loader as require would run it, and its cache is written, then used', () => inScratch((dir, cache) => {
  const entry = bundleIn(dir, '10');
  const first = loadWithCodeCache(entry, cache);
  assert.deepEqual(ran(), { dirname: dir, filename: entry, platform: os.platform(), sum: 55 });
  assert.equal(first.use, 'none');
  assert.match(first.save(), /^written \(\d+ KB\)$/);
  const file = path.join(cache, cacheFileName(fs.readFileSync(entry, 'utf8')));
  assert.ok(fs.statSync(file).size > 0, 'the cache file is there');
  assert.match(first.save(), /^written/, 'saved once: a second call reports the first outcome');

  const second = loadWithCodeCache(entry, cache);
  assert.equal(second.use, 'used', 'V8 took the cache written by the first load');
  assert.equal(second.save(), 'kept');
  assert.equal(ran()?.sum, 55);
}));

test('a cache V8 cannot use is rejected, the bundle still runs, and saving replaces it', () => inScratch((dir, cache) => {
  const entry = bundleIn(dir, '4');
  const file = path.join(cache, cacheFileName(fs.readFileSync(entry, 'utf8')));
  fs.mkdirSync(cache);
  fs.writeFileSync(file, Buffer.from('not a V8 code cache at all'));
  const loaded = loadWithCodeCache(entry, cache);
  assert.equal(loaded.use, 'rejected');
  assert.equal(ran()?.sum, 10);
  assert.match(loaded.save(), /^written/);
  assert.equal(loadWithCodeCache(entry, cache).use, 'used');
}));

test('a changed bundle gets a cache of its own, and the old one is removed when the new one is written', () => inScratch((dir, cache) => {
  const oldEntry = bundleIn(dir, '3');
  loadWithCodeCache(oldEntry, cache).save();
  const oldFile = path.join(cache, cacheFileName(fs.readFileSync(oldEntry, 'utf8')));
  assert.ok(fs.existsSync(oldFile));
  const entry = bundleIn(dir, '5');
  const loaded = loadWithCodeCache(entry, cache);
  assert.equal(loaded.use, 'none', 'the old bundle\'s cache is not offered to the new one');
  assert.equal(ran()?.sum, 15);
  loaded.save();
  assert.deepEqual(fs.readdirSync(cache), [cacheFileName(fs.readFileSync(entry, 'utf8'))]);
}));

test('a cache folder that cannot be made leaves the bundle running and says why nothing was written', () => inScratch((dir) => {
  const entry = bundleIn(dir, '6');
  // A file where the folder should be: mkdir fails, as it would on a read-only disk.
  const blocked = path.join(dir, 'blocked');
  fs.writeFileSync(blocked, '');
  const loaded = loadWithCodeCache(entry, path.join(blocked, 'cache'));
  assert.equal(loaded.use, 'none');
  assert.equal(ran()?.sum, 21);
  assert.match(loaded.save(), /^not written: /);
}));
