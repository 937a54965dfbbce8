/** The editing features, in-process on real Dockerfiles (the wire tests repeat the main ones over LSP). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, DocumentSymbol, InlayHint, CodeLens, Location, Hover, SemanticTokens, TextEdit, WorkspaceEdit, FoldingRange, DocumentLink, SignatureHelp } from 'vscode-languageserver-types';
import { Analyzer } from '../../../src/language/server/analyzer';
import { semanticTokensLegend } from '../../../src/language/server/features/semanticTokens';
import { applyEdits } from './helpers';

const fixture = fs.readFileSync(path.resolve(__dirname, '..', '..', 'fixtures', 'dockerfiles', 'multistage.Dockerfile'), 'utf8');
const analyzer = new Analyzer({ localImages: [{ ref: 'alpine:3.20', platforms: ['linux/amd64'] }, { ref: 'myapp:dev' }] });
let version = 0;

async function at<T>(method: string, text: string, line: number, character: number, extra: object = {}): Promise<T> {
  const uri = 'file:///features/Dockerfile';
  analyzer.sync(uri, ++version, text);
  return (await analyzer.handle(method, uri, { textDocument: { uri }, position: { line, character }, ...extra })) as T;
}

/** Completion labels at the end of the last line of `text`. */
async function complete(text: string): Promise<string[]> {
  const lines = text.split('\n');
  const items = await at<CompletionItem[]>('textDocument/completion', text, lines.length - 1, lines[lines.length - 1].length);
  return items.map((item) => item.label);
}

const base = 'FROM golang AS build\nFROM alpine AS final\n';

test('completion: instructions and snippets from the library', async () => {
  const labels = await complete(`${base}CO`);
  assert.ok(labels.some((label) => label.startsWith('COPY')));
  assert.ok((await complete(`${base}HEALTHCHECK `)).length > 0);
});

test('completion: every current flag of RUN, COPY, ADD', async () => {
  assert.deepEqual((await complete(`${base}RUN --`)).filter((l) => l.startsWith('--')).sort(), ['--mount', '--network', '--security']);
  const copy = await complete(`${base}COPY --`);
  for (const flag of ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude']) assert.ok(copy.includes(flag), flag);
  const add = await complete(`${base}ADD --`);
  for (const flag of ['--checksum', '--keep-git-dir', '--unpack', '--link', '--exclude', '--chmod', '--chown']) assert.ok(add.includes(flag), flag);
  assert.deepEqual((await complete(`${base}RUN --network=`)).sort(), ['default', 'host', 'none']);
  assert.deepEqual((await complete(`${base}RUN --security=`)).sort(), ['insecure', 'sandbox']);
});

test('completion: --mount types, their keys and values', async () => {
  assert.deepEqual((await complete(`${base}RUN --mount=type=`)).sort(), ['bind', 'cache', 'secret', 'ssh', 'tmpfs']);
  const cache = await complete(`${base}RUN --mount=type=cache,`);
  for (const key of ['id', 'target', 'sharing', 'from', 'mode', 'uid', 'gid']) assert.ok(cache.includes(key), key);
  assert.ok(!cache.includes('type'), 'type is already set');
  assert.deepEqual((await complete(`${base}RUN --mount=type=cache,sharing=`)).sort(), ['locked', 'private', 'shared']);
  const secret = await complete(`${base}RUN --mount=type=secret,`);
  for (const key of ['id', 'env', 'required']) assert.ok(secret.includes(key), key);
});

test('completion: stage names after COPY --from= and --mount from=', async () => {
  for (const text of [`${base}COPY --from=`, `${base}RUN --mount=type=bind,from=`]) {
    const labels = await complete(text);
    for (const stage of ['build', 'final', '0', '1']) assert.ok(labels.includes(stage), `${stage} in ${text}`);
  }
});

test('completion: local images and earlier stages after FROM; platform ARGs', async () => {
  const labels = await complete(`${base}FROM `);
  for (const image of ['alpine:3.20', 'myapp:dev', 'build', 'scratch']) assert.ok(labels.includes(image), image);
  const args = await complete('ARG GO=1\nFROM golang:${');
  for (const name of ['GO', 'TARGETPLATFORM', 'BUILDPLATFORM', 'TARGETARCH']) assert.ok(args.includes(name), name);
  const declared = await complete(`${base}ARG TARGET`);
  for (const name of ['TARGETOS', 'TARGETARCH', 'TARGETVARIANT']) assert.ok(declared.includes(name), name);
});

test('completion: $ variables in scope', async () => {
  assert.ok((await complete('FROM alpine\nARG VERSION=1\nRUN echo $')).some((label) => label.includes('VERSION')));
});

test('hover and signature help', async () => {
  const hover = await at<Hover>('textDocument/hover', fixture, 8, 1);
  assert.match(JSON.stringify(hover.contents), /RUN|command/i);
  const signature = await at<SignatureHelp>('textDocument/signatureHelp', 'FROM alpine\nCOPY --from=', 1, 12);
  assert.ok(signature && signature.signatures.length > 0);
});

test('formatting keeps heredocs and continuation indentation', async () => {
  const edits = await at<TextEdit[]>('textDocument/formatting', fixture, 0, 0, { options: { tabSize: 4, insertSpaces: true } });
  const formatted = applyEdits(fixture, edits);
  assert.ok(formatted.includes('  echo "indented on purpose"'), 'heredoc body untouched');
  assert.ok(formatted.includes('      && adduser -D app'), 'continuation untouched');
  assert.ok(formatted.includes('    --mount=type=bind,source=go.mod,target=go.mod \\'));
  const messy = 'FROM alpine\n   RUN   echo hi\n';
  const fixed = applyEdits(messy, await at<TextEdit[]>('textDocument/formatting', messy, 0, 0, { options: { tabSize: 4, insertSpaces: true } }));
  assert.equal(fixed, 'FROM alpine\nRUN   echo hi\n');
  const onType = await at<TextEdit[]>('textDocument/onTypeFormatting', 'FROM alpine\nRUN echo \\\necho', 1, 10, { ch: '\\', options: { tabSize: 4, insertSpaces: true } });
  assert.ok(Array.isArray(onType));
});

test('folding, highlight, links', async () => {
  assert.ok((await at<FoldingRange[]>('textDocument/foldingRange', fixture, 0, 0)).some((range) => range.startLine === 8));
  const links = await at<DocumentLink[]>('textDocument/documentLink', fixture, 0, 0);
  assert.ok(links.some((link) => /hub\.docker\.com\/_\/golang/.test(String(link.target))));
  assert.ok(links.every((link) => !String(link.target).includes('$')), 'no link built from a variable');
});

test('rename and references: a global ARG follows its FROM uses and stage redeclarations', async () => {
  const text = 'ARG V=1\nFROM alpine:${V}\nARG V\nRUN echo $V\nFROM alpine\nRUN echo $V\n';
  const edit = await at<WorkspaceEdit>('textDocument/rename', text, 1, 14, { newName: 'W' });
  assert.equal(applyEdits(text, Object.values(edit.changes ?? {})[0]), 'ARG W=1\nFROM alpine:${W}\nARG W\nRUN echo $W\nFROM alpine\nRUN echo $V\n');
  const refs = await at<Location[]>('textDocument/references', text, 0, 4, { context: { includeDeclaration: false } });
  assert.deepEqual(refs.map((ref) => ref.range.start.line), [1, 3]);
  const definition = await at<Location>('textDocument/definition', text, 3, 10);
  assert.equal(definition.range.start.line, 2);
});

test('rename and references: stage names', async () => {
  const text = 'FROM alpine AS build\nFROM build\nCOPY --from=build /a /b\n';
  const edit = await at<WorkspaceEdit>('textDocument/rename', text, 0, 16, { newName: 'base' });
  assert.equal(applyEdits(text, Object.values(edit.changes ?? {})[0]), 'FROM alpine AS base\nFROM base\nCOPY --from=base /a /b\n');
  const refs = await at<Location[]>('textDocument/references', text, 2, 14, { context: { includeDeclaration: true } });
  assert.ok(refs.length >= 2);
  const definition = await at<Location>('textDocument/definition', text, 2, 14);
  assert.equal(definition.range.start.line, 0);
});

test('document symbols: a tree of stages holding their instructions', async () => {
  const symbols = await at<DocumentSymbol[]>('textDocument/documentSymbol', fixture, 0, 0);
  const stages = symbols.filter((symbol) => symbol.children);
  assert.deepEqual(stages.map((stage) => stage.name), ['build', 'runtime']);
  assert.deepEqual(stages[0].children?.map((child) => child.name).slice(0, 3), ['ARG', 'ARG', 'WORKDIR']);
  assert.equal(symbols.filter((symbol) => !symbol.children).length, 2, 'the two global ARGs');
});

test('inlay hints: ARG defaults where used, stage names for --from=<index>', async () => {
  const hints = await at<InlayHint[]>('textDocument/inlayHint', fixture, 0, 0, { range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } });
  const labels = hints.map((hint) => `${hint.position.line}:${String(hint.label)}`);
  assert.ok(labels.includes('4:= 1.23'));
  assert.ok(labels.includes('14:= alpine:3.20'));
  assert.ok(labels.includes('18:build'));
});

test('code lens: Build this stage, with the dockerfile and the target', async () => {
  const lenses = await at<CodeLens[]>('textDocument/codeLens', fixture, 0, 0);
  assert.equal(lenses.length, 2);
  assert.equal(lenses[0].command?.command, 'berth.images.build');
  assert.deepEqual(lenses[1].command?.arguments, [{ dockerfile: 'file:///features/Dockerfile', target: 'runtime' }]);
});

test('code lens: none on an unnamed stage, which --target cannot build', async () => {
  const lenses = await at<CodeLens[]>('textDocument/codeLens', 'FROM busybox:local\nRUN true\nFROM busybox:local AS final\n', 0, 0);
  assert.deepEqual(lenses.map((lens) => lens.command?.title), ['Build stage final']);
});

test('semantic tokens: keywords, comments, variables, flags; sorted and on one line each', async () => {
  const tokens = await at<SemanticTokens>('textDocument/semanticTokens/full', fixture, 0, 0);
  const types = new Set<string>();
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4);
    assert.ok(deltaLine > 0 || deltaStart >= 0);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    assert.ok(length > 0);
    types.add(semanticTokensLegend.tokenTypes[type]);
  }
  for (const type of ['keyword', 'comment', 'variable', 'parameter', 'macro', 'namespace']) assert.ok(types.has(type), type);
  assert.ok(line >= 20);
});
