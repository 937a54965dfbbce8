/** Suppressions from both worlds, .hadolint.yaml, client severities, and the "ignore" code actions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Rule } from '../../../src/language/server/rules/types';
import { buildkitRules } from '../../../src/language/server/rules/buildkit';
import { parseHadolintConfig, findHadolintConfig } from '../../../src/language/server/rules/hadolintConfig';
import { Analyzer } from '../../../src/language/server/analyzer';
import { applyEdits, codesOf, lint } from './helpers';

/** A stand-in DL rule (the real ones live on the hadolint branch): flags every `RUN apt-get`. */
const fakeDl: Rule = {
  code: 'DL3008', source: 'hadolint', title: 'Pin versions in apt-get install', defaultSeverity: 'warning',
  check: (context) => context.dockerfile.getInstructions().filter((i) => i.getKeyword() === 'RUN' && /apt-get/.test(i.getTextContent()))
    .map((i) => ({ range: i.getRange(), message: 'Pin versions in apt-get install' })),
};
const rules = [...buildkitRules, fakeDl];
const bad = 'FROM alpine as Build\nRUN apt-get install curl\nRUN apt-get install git\n';

test('# check=skip= silences BuildKit checks file-wide, all or by name', () => {
  assert.ok(codesOf(lint(bad, { rules })).includes('FromAsCasing'));
  const skipped = codesOf(lint(`# check=skip=FromAsCasing,StageNameCasing\n${bad}`, { rules }));
  assert.ok(!skipped.includes('FromAsCasing') && !skipped.includes('StageNameCasing'));
  assert.ok(skipped.includes('DL3008'), 'hadolint rules are not BuildKit checks');
  const all = codesOf(lint(`# syntax=docker/dockerfile:1\n# check=skip=all\n${bad}`, { rules }));
  assert.deepEqual(all, ['DL3008', 'DL3008']);
});

test('# check=... only counts as a directive at the top of the file', () => {
  const late = codesOf(lint(`FROM alpine as Build\n# check=skip=all\n`, { rules }));
  assert.ok(late.includes('FromAsCasing'));
});

test('# check=error=true turns BuildKit findings into errors', () => {
  const diagnostics = lint(`# check=error=true\n${bad}`, { rules });
  for (const d of diagnostics) assert.equal(d.severity, d.source === 'buildkit' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning);
});

test('# hadolint ignore= silences the next instruction only; global ignore= the whole file', () => {
  const once = lint('FROM alpine\n# hadolint ignore=DL3008\nRUN apt-get install curl\nRUN apt-get install git\n', { rules });
  assert.deepEqual(once.filter((d) => d.code === 'DL3008').map((d) => d.range.start.line), [3]);
  const global = lint('# hadolint global ignore=DL3008,FromAsCasing\nFROM alpine as b\nRUN apt-get install curl\n', { rules });
  assert.deepEqual(codesOf(global), []);
});

test('.hadolint.yaml: ignored, override, failure-threshold, trustedRegistries, label-schema', () => {
  const config = parseHadolintConfig([
    'ignored: [DL3008]', 'failure-threshold: warning', 'override:', '  error: [FromAsCasing]', '  info: [StageNameCasing]',
    'trustedRegistries: [docker.io, my.registry:5000]', 'label-schema:', '  author: text', 'strict-labels: true',
  ].join('\n'));
  const diagnostics = lint(bad, { rules, hadolint: config });
  assert.ok(!codesOf(diagnostics).includes('DL3008'));
  assert.equal(diagnostics.find((d) => d.code === 'FromAsCasing')?.severity, DiagnosticSeverity.Error);
  // info is below the failure threshold (warning): visible, but as a hint
  assert.equal(diagnostics.find((d) => d.code === 'StageNameCasing')?.severity, DiagnosticSeverity.Hint);
  assert.deepEqual(config.trustedRegistries, ['docker.io', 'my.registry:5000']);
  assert.deepEqual(config.labelSchema, { author: 'text' });
  assert.equal(config.strictLabels, true);
});

test('.hadolint.yaml is found beside the Dockerfile or up to the workspace folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-hadolint-'));
  try {
    fs.mkdirSync(path.join(root, 'app', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, '.hadolint.yaml'), 'ignored: [DL3007]\n');
    assert.deepEqual([...findHadolintConfig(path.join(root, 'app', 'sub', 'Dockerfile'), [root]).ignored], ['DL3007']);
    fs.writeFileSync(path.join(root, 'app', '.hadolint.yml'), 'ignored: [DL4000]\n');
    assert.deepEqual([...findHadolintConfig(path.join(root, 'app', 'sub', 'Dockerfile'), [root]).ignored], ['DL4000']);
    fs.writeFileSync(path.join(root, 'app', '.hadolint.yml'), 'ignored: [\n');
    assert.deepEqual([...findHadolintConfig(path.join(root, 'app', 'Dockerfile'), [root]).ignored], [], 'a broken file counts as absent');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('client settings: berth.lint.severity wins, off removes, berth.lint.enabled=false silences all', () => {
  const diagnostics = lint(bad, { rules, severity: { FromAsCasing: 'hint', DL3008: 'off' } });
  assert.equal(diagnostics.find((d) => d.code === 'FromAsCasing')?.severity, DiagnosticSeverity.Hint);
  assert.ok(!codesOf(diagnostics).includes('DL3008'));
  assert.deepEqual(lint(bad, { rules, enabled: false }), []);
});

test('"Ignore" code actions: a hadolint pragma for DL codes, # check=skip for BuildKit checks', async () => {
  const analyzer = new Analyzer();
  for (const [text, code, expected] of [
    [bad, 'DL3008', 'FROM alpine as Build\n# hadolint ignore=DL3008\nRUN apt-get install curl\nRUN apt-get install git\n'],
    [`# hadolint ignore=DL3009\n${bad.split('\n').slice(1).join('\n')}`, 'DL3008', ''],
    [bad, 'FromAsCasing', `# check=skip=FromAsCasing\n${bad}`],
    [`# syntax=docker/dockerfile:1\n# check=error=true\n${bad}`, 'FromAsCasing', `# syntax=docker/dockerfile:1\n# check=error=true;skip=FromAsCasing\n${bad}`],
    [`# check=skip=StageNameCasing\n${bad}`, 'FromAsCasing', `# check=skip=StageNameCasing,FromAsCasing\n${bad}`],
  ] as const) {
    const uri = 'file:///ignore/Dockerfile';
    analyzer.sync(uri, Math.random(), text);
    const diagnostic = lint(text, { rules }).find((d) => d.code === code);
    if (!diagnostic) {
      assert.equal(expected, '', `${code} expected in ${text}`);
      continue;
    }
    const actions = (await analyzer.handle('textDocument/codeAction', uri, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as Array<{ title: string; edit: { changes: Record<string, Array<never>> } }>;
    const ignore = actions.find((action) => /^Ignore/.test(action.title));
    assert.ok(ignore, `an ignore action for ${code}`);
    const fixed = applyEdits(text, ignore.edit.changes[uri]);
    if (expected) assert.equal(fixed, expected);
    const count = (t: string) => lint(t, { rules }).filter((d) => d.code === code).length;
    assert.ok(count(fixed) < count(text), `fewer ${code} after the edit:\n${fixed}`);
  }
});
