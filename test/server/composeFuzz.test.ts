/**
 * A short seeded fuzz run of the compose server (the long one is `npm run fuzz:compose`),
 * then every input a fuzz run once found trouble with, replayed: no crash, no error
 * answer, no request cut by the time limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, composeServerScript } from './client';
import { composeFuzzFixtures, fuzzCompose } from './composeFuzz';

test('300 seeded random and mutated compose files: the server never crashes, fails or runs over', async () => {
  const outcome = await fuzzCompose(20261207, { inputs: 300 });
  assert.equal(outcome.inputs, 300);
  assert.ok(outcome.requests >= 300 * 5, `only ${outcome.requests} requests answered`);
  assert.deepEqual(outcome.findings.map((finding) => finding.reason), []);
});

test('inputs earlier fuzz runs found trouble with', async () => {
  const files = fs.existsSync(composeFuzzFixtures) ? fs.readdirSync(composeFuzzFixtures).filter((name) => name.endsWith('.yaml')).sort() : [];
  const client = await LspClient.start({ script: composeServerScript });
  try {
    for (const name of files) {
      const uri = `file:///compose-fuzz-regressions/${name}`;
      client.open(uri, fs.readFileSync(path.join(composeFuzzFixtures, name), 'utf8'), 'dockercompose');
      await client.waitForDiagnostics(uri, () => true, 20_000, true);
      for (const method of ['textDocument/completion', 'textDocument/hover', 'textDocument/documentSymbol', 'textDocument/formatting', 'textDocument/documentLink', 'textDocument/rename']) {
        await client.request(method, { textDocument: { uri }, position: { line: 2, character: 3 }, newName: 'x', options: { tabSize: 2, insertSpaces: true } });
      }
    }
    assert.deepEqual(client.logs.filter((line) => /ran over|failed/.test(line)), []);
    assert.equal(client.child.exitCode, null);
  } finally {
    await client.stop();
  }
});
