/** The rule engine's own duties: a rule that throws or dawdles never costs the others. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule } from '../../../src/language/server/rules/types';
import { parseDockerfile } from '../../../src/language/server/parse';
import { lintDocument } from '../../../src/language/server/rules';
import { defaultLintSettings } from '../../../src/language/protocol';
import { emptyHadolintConfig } from '../../../src/language/server/rules/hadolintConfig';
import { fromAsCasing } from '../../../src/language/server/rules/buildkit/stages';

const throwing: Rule = { code: 'DL0001', source: 'hadolint', title: 'throws', defaultSeverity: 'error', check: () => { throw new Error('boom'); } };
const slow: Rule = {
  code: 'DL0002', source: 'hadolint', title: 'slow', defaultSeverity: 'info',
  check: () => {
    const until = performance.now() + 250;
    while (performance.now() < until) { /* busy on purpose */ }
    return [];
  },
};

test('a throwing rule is logged and skipped; a slow one is logged; the rest still report', () => {
  const text = 'FROM alpine as build\n';
  const logs: string[] = [];
  const diagnostics = lintDocument({
    text, dockerfile: parseDockerfile(text), file: undefined, workspaceFolders: [], images: [], enginePlatform: undefined,
    lint: defaultLintSettings, docsBase: 'docs/rules/', hadolint: emptyHadolintConfig, dockerignore: [], log: (line) => logs.push(line),
  }, [throwing, slow, fromAsCasing]);
  assert.deepEqual(diagnostics.map((d) => d.code), ['FromAsCasing']);
  assert.ok(logs.some((line) => line.startsWith('rule DL0001 failed: Error: boom')));
  assert.ok(logs.some((line) => /^rule DL0002 took \d+ ms$/.test(line)));
});

test('the shared parse hands out copies of arguments: a library edit of one range cannot change the next answer', () => {
  // From.getImageNameRange moves the end of the range it got back; with shared ranges,
  // `FROM busybox:local` then had no tag and DL3006 fired on a tagged image.
  const from = parseDockerfile('FROM busybox:local AS build\n').getFROMs()[0];
  assert.equal(from.getImageName(), 'busybox');
  assert.equal(from.getImageTag(), 'local');
  assert.equal(from.getImageName(), 'busybox');
  assert.equal(from.getImageTag(), 'local');
  const tagged = lintDocument({
    text: 'FROM busybox:local\n', dockerfile: parseDockerfile('FROM busybox:local\n'), file: undefined, workspaceFolders: [], images: [], enginePlatform: undefined,
    lint: defaultLintSettings, docsBase: 'docs/rules/', log: () => undefined,
  });
  assert.deepEqual(tagged.filter((d) => d.code === 'DL3006'), []);
});
