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
import { semanticTokensLegend } from '../../src/language/server/features/semanticTokens';

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

/** Semantic tokens decoded from the wire's relative form: "line:char text type[+modifier]". */
function decodeTokens(data: number[], text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaChar, length, type, modifiers] = data.slice(i, i + 5);
    line += deltaLine;
    char = deltaLine ? deltaChar : char + deltaChar;
    const modifierNames = semanticTokensLegend.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    out.push(`${line}:${char} ${lines[line].slice(char, char + length)} ${[semanticTokensLegend.tokenTypes[type], ...modifierNames].join('+')}`);
  }
  return out;
}

const at = (line: number, character: number) => ({ line, character });

test('the fixture: symbols, hover, completion, inlay hints, lenses, tokens, folding, links', async () => {
  const uri = uriOf('Dockerfile', fixture);
  client.open(uri, fixture);
  const symbols = await client.request<Array<{ name: string; detail?: string; range: { start: { line: number }; end: { line: number } }; children?: Array<{ name: string; detail?: string }> }>>('textDocument/documentSymbol', { textDocument: { uri } });
  // The two global ARGs, then one symbol per stage spanning its lines, its instructions as children.
  assert.deepEqual(symbols.map((s) => `${s.name} ${s.detail} ${s.range.start.line}-${s.range.end.line}`), ['ARG GO_VERSION 1-1', 'ARG BASE 2-2', 'build FROM golang:${GO_VERSION} 4-12', 'runtime FROM ${BASE} 14-25']);
  assert.deepEqual(symbols[2].children!.map((c) => c.name), ['ARG', 'ARG', 'WORKDIR', 'RUN', 'COPY', 'RUN']);
  assert.deepEqual(symbols[3].children!.map((c) => c.name), ['RUN', 'COPY', 'COPY', 'RUN', 'USER', 'EXPOSE', 'ENTRYPOINT']);

  const hover = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri }, position: at(8, 1) });
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /^Execute any commands on top of the current image as a new layer/, 'RUN\'s documentation');

  const completion = await client.request<Array<{ label: string }>>('textDocument/completion', { textDocument: { uri }, position: at(8, 17) });
  assert.deepEqual(completion.map((item) => item.label).sort(), ['bind', 'cache', 'secret', 'ssh', 'tmpfs'], 'the mount types at type=');

  const hints = await client.request<Array<{ position: { line: number; character: number }; label: string }>>('textDocument/inlayHint', { textDocument: { uri }, range: { start: at(0, 0), end: at(40, 0) } });
  // ARG defaults where they are used, and the stage name behind COPY --from=0.
  assert.deepEqual(hints.map((h) => `${h.position.line}:${h.position.character} ${h.label}`), ['4:51 = 1.23', '14:12 = alpine:3.20', '18:13 build']);

  const lenses = await client.request<Array<{ range: { start: { line: number } }; command: { title: string; command: string; arguments: Array<{ dockerfile: string; target: string }> } }>>('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command.title, l.command.command, l.command.arguments[0].target, l.command.arguments[0].dockerfile]), [
    [4, 'Build stage build', 'berth.images.build', 'build', uri],
    [14, 'Build stage runtime', 'berth.images.build', 'runtime', uri],
  ]);

  const tokens = decodeTokens((await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } })).data, fixture);
  const onLine = (line: number) => tokens.filter((t) => t.startsWith(`${line}:`));
  assert.deepEqual(onLine(4), ['4:0 FROM keyword', '4:5 --platform parameter', '4:16 $BUILDPLATFORM string', '4:31 golang class', '4:38 ${GO_VERSION} string', '4:52 AS keyword', '4:55 build namespace+declaration']);
  assert.deepEqual(onLine(14), ['14:0 FROM keyword', '14:5 ${BASE} class', '14:13 AS keyword', '14:16 runtime namespace+declaration']);
  assert.deepEqual(onLine(0), ['0:2 syntax macro', '0:9 docker/dockerfile:1 string'], 'the parser directive');
  assert.ok(tokens.includes('26:0 # the image runs as the unprivileged user "app" comment'), 'a comment');

  const folds = await client.request<Array<{ startLine: number; endLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
  // The two continued RUNs and the heredoc.
  assert.deepEqual(folds.map((f) => `${f.startLine}-${f.endLine}`), ['8-10', '15-16', '19-22']);

  const links = await client.request<Array<{ range: { start: { line: number; character: number } }; target: string }>>('textDocument/documentLink', { textDocument: { uri } });
  // golang is a Docker Hub image; ${BASE} is a variable and alpine:3.20 only its default.
  assert.deepEqual(links.map((l) => `${l.range.start.line}:${l.range.start.character} ${l.target}`), ['4:31 https://hub.docker.com/_/golang/']);
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
