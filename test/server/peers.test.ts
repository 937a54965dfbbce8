/**
 * The peer tables over the LSP wire (dist/server.js --stdio), as an editor gets them:
 * every BuildKit and hadolint case, each file in its own folder with its .hadolint.yaml
 * (the spec's config; `override:` turns on the rules hadolint has off by default) and
 * .dockerignore on disk. Each must come out
 * as in the unit tier: passing, or listed in test/unit/language/peers/exceptions.ts.
 * Also the malformed exec form: diagnostic, quick fix, and the finding gone after it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from './client';
import { hadolintCases } from '../unit/language/peers/hadolintCases';
import { buildkitCases } from '../unit/language/peers/buildkitCases';
import { differences, notYet } from '../unit/language/peers/exceptions';
import { buildkitCaseId, hadolintCaseId, hadolintCaseInput, scoreBuildkit, scoreHadolint, type Outcome } from '../unit/language/peers/run';
import type { HadolintPeerCase } from '../unit/language/peers/types';

let workspace: string;
let client: LspClient;
let serial = 0;

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-peers-'));
  client = await LspClient.start({ rootPath: workspace, env: { BERTH_LS_TIMEOUT_MS: '10000' } });
});
after(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

/** Writes the case's files into a folder of its own and returns the diagnostics the server publishes for it. */
async function lintOverLsp(text: string, files: Record<string, string>) {
  const folder = path.join(workspace, `case-${++serial}`);
  fs.mkdirSync(folder);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content);
  const file = path.join(folder, 'Dockerfile');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  client.open(uri, text);
  const published = await client.waitForDiagnostics(uri, (d) => d.version === 1);
  client.close(uri);
  return published.diagnostics.map((d) => ({ code: d.code, range: { start: d.range.start, end: d.range.start } }));
}

function hadolintYaml(c: HadolintPeerCase, severity: Record<string, string>): string | undefined {
  const lines: string[] = [];
  if (Object.keys(severity).length) lines.push('override:', `  info: [${Object.keys(severity).join(', ')}]`);
  if (c.config?.trustedRegistries) lines.push(`trustedRegistries: [${c.config.trustedRegistries.map((r) => JSON.stringify(r)).join(', ')}]`);
  if (c.config?.labelSchema) lines.push('label-schema:', ...Object.entries(c.config.labelSchema).map(([name, type]) => `  ${JSON.stringify(name)}: ${type}`));
  if (c.config?.strictLabels) lines.push('strict-labels: true');
  return lines.length ? `${lines.join('\n')}\n` : undefined;
}

function expectLikeUnitTier(id: string, outcome: Outcome, describe: string): void {
  if (differences[id] || notYet[id]) assert.ok(!outcome.pass, `${id} passes over LSP but is listed as an exception`);
  else assert.ok(outcome.pass, `${describe}: the server published [${outcome.found.join(' ')}]`);
}

test('BuildKit lint tests over LSP', async (t) => {
  for (const c of buildkitCases) {
    const id = buildkitCaseId(c);
    await t.test(id, async () => {
      const files: Record<string, string> = c.dockerignore !== undefined ? { '.dockerignore': c.dockerignore } : {};
      const outcome = scoreBuildkit(c, await lintOverLsp(c.dockerfile, files));
      expectLikeUnitTier(id, outcome, `expected [${c.warnings.map((w) => `${w.rule}@${w.line}`).join(' ')}]`);
    });
  }
});

test('hadolint specs over LSP', async (t) => {
  for (const c of hadolintCases) {
    const id = hadolintCaseId(c);
    await t.test(`${id} ${c.rule}${c.onbuild ? ' (ONBUILD)' : ''}: ${c.name}`, async () => {
      const { text, severity } = hadolintCaseInput(c);
      const yaml = hadolintYaml(c, severity);
      const outcome = scoreHadolint(c, await lintOverLsp(text, yaml ? { '.hadolint.yaml': yaml } : {}));
      expectLikeUnitTier(id, outcome, `${c.rule} expected ${c.expect}`);
    });
  }
});

test('CMD ["echo", "hi" (bracket missing): a diagnostic where the JSON breaks, and a quick fix that mends it', async () => {
  const text = 'FROM alpine:3.20\nCMD ["echo", "hi"\n';
  const file = path.join(workspace, 'typo.Dockerfile');
  const uri = pathToFileURL(file).href;
  client.open(uri, text);
  const published = await client.waitForDiagnostics(uri, (d) => d.version === 1);
  const diagnostic = published.diagnostics.find((d) => d.code === 'MalformedExecForm');
  assert.ok(diagnostic, `MalformedExecForm in ${published.diagnostics.map((d) => d.code).join(', ')}`);
  assert.match(diagnostic.message, /looks like an exec form \(JSON array\) but is not valid JSON \(the closing bracket is missing\)/);
  assert.deepEqual(diagnostic.range.start, { line: 1, character: 16 }, 'on the last character before the missing ]');
  assert.ok(!published.diagnostics.some((d) => d.code === 'JSONArgsRecommended' || d.code === 'DL3025'), 'not also reported as a shell form');
  const actions = await client.request<Array<{ title: string; edit: { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> } }>>(
    'textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } },
  );
  const mend = actions.find((action) => action.title === 'Add the closing bracket');
  assert.ok(mend, actions.map((action) => action.title).join(' | '));
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 1, text), mend.edit.changes[uri]);
  assert.equal(fixed, 'FROM alpine:3.20\nCMD ["echo", "hi"]\n');
  client.resetDiagnostics(uri);
  client.change(uri, fixed);
  const after = await client.waitForDiagnostics(uri, (d) => (d.version ?? 0) >= 2);
  assert.deepEqual(after.diagnostics.filter((d) => d.code === 'MalformedExecForm'), []);
});
