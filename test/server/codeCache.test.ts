/**
 * `--code-cache <folder>` over the LSP wire (dist/server.js, its loader and worker
 * bundles as built): the first start writes V8's cache of the analysis workers' code once
 * they are idle, the next start takes it, and the diagnostics are the same with it,
 * without it, and with a cache V8 rejects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient } from './client';

const uri = 'file:///project/cache/Dockerfile';
const text = 'FROM alpine as Builder\nRUN apt-get update && apt-get install -y curl\nCMD echo hi\n';

/** Starts a server, lints `text`, waits for the checks worker's code cache line (when a folder is given), and stops. */
async function lint(folder: string | undefined): Promise<{ codes: string[]; cacheLine?: string }> {
  const client = await LspClient.start({ args: folder ? ['--stdio', '--code-cache', folder] : ['--stdio'], env: { BERTH_LS_TIMEOUT_MS: '5000' } });
  try {
    client.open(uri, text);
    const published = await client.waitForDiagnostics(uri, () => true, 60_000);
    const codes = published.diagnostics.map((d) => String(d.code)).sort();
    if (!folder) return { codes };
    // The worker saves its cache after 2 s without a request (or once its warm-up ran).
    const deadline = Date.now() + 60_000;
    let cacheLine: string | undefined;
    while (!(cacheLine = client.logs.find((line) => line.startsWith('code cache (checks worker)'))) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(cacheLine, `no code cache line in the server's log within a minute; the log:\n${client.logs.join('\n')}`);
    return { codes, cacheLine };
  } finally {
    await client.stop();
  }
}

test('--code-cache: the first start writes the workers\' code cache, the next uses it, and the findings do not change', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-server-cache-'));
  try {
    const without = await lint(undefined);
    assert.ok(without.codes.includes('DL3008') && without.codes.includes('FromAsCasing'), `the test file's findings: ${without.codes.join(', ')}`);

    const first = await lint(folder);
    assert.match(first.cacheLine ?? '', /: none, written \(\d+ KB\)$/);
    const files = fs.readdirSync(folder);
    assert.equal(files.length, 1, `one cache file: ${files.join(', ')}`);
    assert.deepEqual(first.codes, without.codes);

    const second = await lint(folder);
    assert.match(second.cacheLine ?? '', /: used, kept$/);
    assert.deepEqual(second.codes, without.codes);

    // A cache V8 cannot take: rejected, the server lints as usual and writes a good one.
    fs.writeFileSync(path.join(folder, files[0]), 'not a V8 code cache');
    const third = await lint(folder);
    assert.match(third.cacheLine ?? '', /: rejected, written \(\d+ KB\)$/);
    assert.deepEqual(third.codes, without.codes);
    assert.match((await lint(folder)).cacheLine ?? '', /: used, kept$/);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
