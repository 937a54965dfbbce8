/**
 * Editing features, quick fixes and the custom protocol over the LSP wire, on fixture
 * files, against dist/server.js --stdio.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, repoRoot } from './client';
import { localImagesNotification, lintSettingsNotification } from '../../src/language/protocol';

const fixture = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'dockerfiles', 'multistage.Dockerfile'), 'utf8');
let workspace: string;
let client: LspClient;

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-ls-'));
  fs.writeFileSync(path.join(workspace, '.hadolint.yaml'), 'override:\n  error: [JSONArgsRecommended]\n');
  fs.writeFileSync(path.join(workspace, '.dockerignore'), 'secrets\n');
  client = await LspClient.start({
    rootPath: workspace,
    env: { BERTH_LS_TIMEOUT_MS: '5000' },
    initializationOptions: { localImages: [{ ref: 'base:arm', platforms: ['linux/arm64'] }, 'tools:1'], enginePlatform: 'linux/amd64', rulesDocsBase: 'file:///docs/rules/' },
  });
});
after(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

function uriOf(name: string, text: string): string {
  const file = path.join(workspace, name);
  fs.writeFileSync(file, text);
  return pathToFileURL(file).href;
}

function apply(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 1, text), edits);
}

test('the fixture: symbols, hover, completion, inlay hints, lenses, tokens, folding, links', async () => {
  const uri = uriOf('Dockerfile', fixture);
  client.open(uri, fixture);
  const symbols = await client.request<Array<{ name: string; children?: unknown[] }>>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.filter((s) => s.children).map((s) => s.name), ['build', 'runtime']);
  const hover = await client.request<{ contents: unknown }>('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 1 } });
  assert.ok(hover.contents);
  const completion = await client.request<Array<{ label: string }>>('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: 17 } });
  assert.ok(completion.some((item) => item.label === 'cache'), 'mount type completion at type=');
  const hints = await client.request<Array<{ label: string }>>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
  assert.ok(hints.some((hint) => hint.label === 'build'));
  const lenses = await client.request<Array<{ command: { command: string } }>>('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.length, 2);
  const tokens = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.ok(tokens.data.length > 50);
  const folds = await client.request<unknown[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.ok(folds.length > 0);
  const links = await client.request<unknown[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.ok(links.length > 0);
});

test('diagnostics honour .hadolint.yaml in the workspace and link to the docs base', async () => {
  const text = 'FROM alpine\nCMD run me\nCOPY secrets/key /k\n';
  const uri = uriOf('app.Dockerfile', text);
  client.open(uri, text);
  const published = await client.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0);
  const json = published.diagnostics.find((d) => d.code === 'JSONArgsRecommended');
  assert.equal(json?.severity, 1, 'overridden to error by .hadolint.yaml');
  assert.equal(json?.codeDescription?.href, 'file:///docs/rules/JSONArgsRecommended.md');
  assert.ok(published.diagnostics.some((d) => d.code === 'CopyIgnoredFile'), '.dockerignore beside the Dockerfile');
});

test('quick fixes over the wire: applied, the finding is gone', async () => {
  const text = 'FROM alpine as build\nCMD run me\n';
  const uri = uriOf('fix.Dockerfile', text);
  client.open(uri, text);
  const published = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'FromAsCasing'));
  const diagnostic = published.diagnostics.find((d) => d.code === 'FromAsCasing');
  const actions = await client.request<Array<{ title: string; edit: { changes: Record<string, never[]> } }>>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic] } });
  const titles = actions.map((action) => action.title);
  assert.ok(titles.includes("Change 'as' to 'AS'"), titles.join(' | '));
  assert.ok(titles.includes('Ignore FromAsCasing in this file (# check=skip)'));
  const fixed = apply(text, actions[0].edit.changes[uri]);
  client.resetDiagnostics(uri);
  client.change(uri, fixed);
  const after = await client.waitForDiagnostics(uri, (d) => (d.version ?? 0) >= 2);
  assert.ok(!after.diagnostics.some((d) => d.code === 'FromAsCasing'));
});

test('custom notifications: local images update FROM completion and platform checks; lint settings', async () => {
  const text = 'FROM base:arm\nFROM ';
  const uri = uriOf('images.Dockerfile', text);
  client.open(uri, text);
  const first = await client.waitForDiagnostics(uri);
  assert.ok(first.diagnostics.some((d) => d.code === 'InvalidBaseImagePlatform'), 'from initializationOptions');
  let items = await client.request<Array<{ label: string }>>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 5 } });
  assert.ok(items.some((item) => item.label === 'tools:1'));
  client.resetDiagnostics(uri);
  await client.connection.sendNotification(localImagesNotification, { images: [{ ref: 'base:arm', platforms: ['linux/amd64'] }, 'fresh:2'] });
  const second = await client.waitForDiagnostics(uri, (d) => !d.diagnostics.some((x) => x.code === 'InvalidBaseImagePlatform'));
  assert.ok(second);
  items = await client.request<Array<{ label: string }>>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 5 } });
  assert.ok(items.some((item) => item.label === 'fresh:2') && !items.some((item) => item.label === 'tools:1'));
  client.resetDiagnostics(uri);
  await client.connection.sendNotification(lintSettingsNotification, { enabled: false });
  const silenced = await client.waitForDiagnostics(uri, (d) => d.diagnostics.every((x) => x.source !== 'buildkit' && x.source !== 'berth'));
  assert.ok(silenced);
  await client.connection.sendNotification(lintSettingsNotification, { enabled: true, severity: {} });
});
