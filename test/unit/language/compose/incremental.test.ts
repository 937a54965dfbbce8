/**
 * The compose parse of an edited version from the previous one (incremental.ts) against a
 * whole parse of the same text, over seeded random edits of realistic files: the same
 * values, problems, node offsets, comments, line starts, declarations and diagnostics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { visit, type Document } from 'yaml';
import { diagnostics } from '../../../../src/language/server/compose/diagnostics';
import { reparse } from '../../../../src/language/server/compose/incremental';
import { parseCompose, type ComposeModel } from '../../../../src/language/server/compose/model';
import type { ComposeFeatureHost } from '../../../../src/language/server/compose/types';
import { noYamlOverlap } from '../../../../src/language/protocol';
import { dice } from '../../../support/fuzzing';
import { largeCompose } from '../../../server/composeInputs';

const corpus = path.join(__dirname, '..', '..', '..', 'fixtures', 'compose');
const withComments = `# a project
x-common: &common
  restart: always
services:
  # the web server
  web:
    image: busybox:local   # pinned
    <<: *common
    command: |
      sh -c "echo hi"

  api:
    image: busybox:local
    environment:
      A: "1"
    # trailing comment of api
  cache:
    image: busybox:local
    environment:
      B: "1"
  db:
    image: busybox:local
    ports: ["5432:5432"]
volumes:
  data:
`;
const texts = [
  ...['corpus/features.yaml', 'corpus/services-120.yaml', 'override/compose.yaml'].map((name) => fs.readFileSync(path.join(corpus, name), 'utf8')),
  largeCompose(400),
  withComments,
];
const host: ComposeFeatureHost = { config: { localImages: [], yamlOverlap: noYamlOverlap }, log: () => undefined };
const pieces = ['a', ' ', '\n', ':', '- ', '#', '"', "'", '&x ', '*x', '[', '{', '    ', '\n    image: busybox:local', '\n      - x', 'restart: no', '\t', '${A}', '|', '  '];

/** Each node in order: its kind, offsets, comments and spacing. */
function shape(doc: Document): unknown[] {
  const out: unknown[] = [];
  visit(doc, {
    Node: (_, node) => {
      const n = node as unknown as { constructor: { name: string }; range?: number[]; commentBefore?: string; comment?: string; spaceBefore?: boolean };
      out.push([n.constructor.name, n.range, n.commentBefore, n.comment, n.spaceBefore]);
    },
    Pair: () => void out.push('pair'),
  });
  return out;
}

/** What `read` gives, or the error it throws (a merge of a non-map, a document with errors). */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return `throws: ${(error as Error).message}`;
  }
}

function same(incremental: ComposeModel, whole: ComposeModel, what: string): void {
  assert.deepEqual(outcome(() => incremental.doc.toJS()), outcome(() => whole.doc.toJS()), `${what}: values`);
  assert.deepEqual([incremental.doc.errors.length, incremental.doc.warnings.length], [whole.doc.errors.length, whole.doc.warnings.length], `${what}: problems`);
  assert.deepEqual(shape(incremental.doc), shape(whole.doc), `${what}: nodes`);
  assert.deepEqual(incremental.doc.range, whole.doc.range, `${what}: document range`);
  assert.deepEqual(incremental.lines.lineStarts, whole.lines.lineStarts, `${what}: line starts`);
  const declared = (model: ComposeModel) => Object.entries(model.declared).map(([kind, entries]) => [kind, entries.map((entry) => [entry.name, entry.keyRange])]);
  assert.deepEqual(declared(incremental), declared(whole), `${what}: declarations`);
  assert.equal(outcome(() => String(incremental.doc)), outcome(() => String(whole.doc)), `${what}: printed`);
  assert.deepEqual(diagnostics(host, incremental), diagnostics(host, whole), `${what}: diagnostics`);
}

test('an edit inside a service gives the same model as parsing the whole text again (seeded random edits)', () => {
  const { int, pick } = dice(20261207);
  let reused = 0;
  let whole = 0;
  for (let round = 0; round < 1500; round++) {
    const before = pick(texts);
    const at = int(before.length);
    const cut = pick([0, 0, 1, 3, 12]);
    const after = before.slice(0, at) + (cut > 1 && round % 3 === 0 ? '' : pick(pieces)) + before.slice(at + cut);
    const previous = parseCompose('file:///c/compose.yaml', 1, before);
    const expected = parseCompose('file:///c/compose.yaml', 2, after);
    const incremental = reparse(previous, 2, after);
    if (!incremental) {
      whole++;
      continue;
    }
    reused++;
    same(incremental, expected, `round ${round}: offset ${at}, ${JSON.stringify(after.slice(Math.max(0, at - 30), at + 30))}`);
  }
  assert.ok(reused > 300 && whole > 100, `reused the previous parse ${reused} times, parsed the whole text ${whole} times: both ran`);
});

test('edits typed one after another inside a service stay equal to a whole parse', () => {
  let model = parseCompose('file:///c/compose.yaml', 1, largeCompose(400));
  const typed = '\n    labels:\n      team: core';
  const at = model.text.indexOf('    restart: unless-stopped', model.text.length / 2) + '    restart: unless-stopped'.length;
  let reused = 0;
  for (let i = 1; i <= typed.length; i++) {
    const text = model.text.slice(0, at) + typed.slice(0, i) + model.text.slice(at + i - 1);
    const incremental = reparse(model, i + 1, text);
    if (incremental) reused++;
    const next = incremental ?? parseCompose(model.uri, i + 1, text);
    same(next, parseCompose(model.uri, i + 1, text), `after typing ${JSON.stringify(typed.slice(0, i))}`);
    model = next;
  }
  assert.ok(reused > typed.length / 2, `reused ${reused} of ${typed.length}`);
});

test('no reuse outside a service body, in the last service, or where a service defines an anchor', () => {
  const text = withComments;
  const previous = () => parseCompose('file:///c/compose.yaml', 1, text);
  const edit = (find: string, replace: string) => reparse(previous(), 2, text.replace(find, replace));
  assert.equal(edit('volumes:\n  data:', 'volumes:\n  data2:'), undefined, 'outside services');
  assert.equal(edit('ports: ["5432:5432"]', 'ports: ["5433:5432"]'), undefined, 'the last service');
  assert.equal(edit('# trailing comment of api', '# another comment'), undefined, "the comment before the next service's key");
  assert.equal(edit('    image: busybox:local   # pinned', '    image: busybox:local   &anchor'), undefined, 'an anchor');
  assert.equal(edit('      A: "1"', '      A: "2"'), undefined, 'a service followed by a comment');
  assert.equal(edit('      B: "1"\n', '      B: "1"\n\n'), undefined, 'a blank line added before the next service');
  assert.ok(edit('      B: "1"', '      B: "2"'), 'a value inside a service body is reused');
  assert.ok(edit('      B: "1"', '      B: "1"\n      C: "3"'), 'a key added at the end of a service body is reused');
});
