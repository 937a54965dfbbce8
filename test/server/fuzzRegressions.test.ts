/**
 * Inputs the fuzzer (scripts/fuzz-dockerfile.ts) once found trouble with, replayed over
 * the wire: diagnostics arrive without the worker being cancelled, every feature answers.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, repoRoot } from './client';

const dir = path.join(repoRoot, 'test', 'fixtures', 'dockerfiles', 'fuzz');
const files = fs.readdirSync(dir).filter((name) => name.endsWith('.Dockerfile')).sort();
let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(async () => client.stop());

test('there are fuzz fixtures to replay', () => assert.ok(files.length > 0));

for (const name of files) {
  test(`fuzz fixture ${name}`, async () => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const uri = `file:///fuzz-regressions/${name}`;
    client.open(uri, text);
    await client.waitForDiagnostics(uri, () => true, 20_000);
    for (const method of ['textDocument/completion', 'textDocument/hover', 'textDocument/documentSymbol', 'textDocument/semanticTokens/full', 'textDocument/formatting', 'textDocument/codeAction', 'textDocument/inlayHint', 'textDocument/rename']) {
      await client.request(method, { textDocument: { uri }, position: { line: 2, character: 3 }, range: { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } }, newName: 'x', options: { tabSize: 4, insertSpaces: true }, context: { diagnostics: [] } });
    }
    assert.deepEqual(client.logs.filter((line) => /ran over|failed/.test(line)), []);
    assert.equal(client.child.exitCode, null);
  });
}
