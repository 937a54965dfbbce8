/**
 * hadolint's and BuildKit's own test cases, run through Berth's lint (the lintDocument
 * the language server calls). Every case passes, or is listed in ./exceptions.ts: a
 * deliberate difference (written on its rule's page) or one not matched yet. A listed
 * case that starts passing fails here, so the lists stay true.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initShellParser } from '../../../../src/language/server/shell/parser';
import { hadolintCases } from './hadolintCases';
import { buildkitCases } from './buildkitCases';
import { differences, notYet } from './exceptions';
import { buildkitCaseId, hadolintCaseId, runBuildkitCase, runHadolintCase, type Outcome } from './run';
import { score } from './score';

before(() => initShellParser());

const docs = path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'rules');
const outcomes: Outcome[] = [];

function judge(id: string, outcome: Outcome, describe: string): void {
  outcomes.push(outcome);
  const difference = differences[id];
  if (difference) {
    assert.ok(!outcome.pass, `${id} now behaves like the peer: remove it from differences (${difference})`);
    const page = fs.readFileSync(path.join(docs, `${difference}.md`), 'utf8');
    assert.match(page, /^## Differences from (hadolint|BuildKit)$/m, `${difference}.md documents the difference`);
    return;
  }
  if (notYet[id]) {
    assert.ok(!outcome.pass, `${id} passes now: remove it from notYet`);
    return;
  }
  assert.ok(outcome.pass, `${describe}: Berth found [${outcome.found.join(' ')}]`);
}

test('hadolint specs', async (t) => {
  for (const c of hadolintCases) {
    const id = hadolintCaseId(c);
    await t.test(`${id} ${c.rule}${c.onbuild ? ' (ONBUILD)' : ''}: ${c.name}`, () => judge(id, runHadolintCase(c), `${c.rule} expected ${c.expect} on ${JSON.stringify(c.dockerfile)}`));
  }
});

test('BuildKit lint tests', async (t) => {
  for (const c of buildkitCases) {
    const id = buildkitCaseId(c);
    await t.test(`${id}`, () => judge(id, runBuildkitCase(c), `expected [${c.warnings.map((w) => `${w.rule}@${w.line}`).join(' ')}] on ${JSON.stringify(c.dockerfile)}`));
  }
});

test('every listed exception names a case that exists', () => {
  const ids = new Set([...hadolintCases.map(hadolintCaseId), ...buildkitCases.map(buildkitCaseId)]);
  for (const id of [...Object.keys(differences), ...Object.keys(notYet)]) assert.ok(ids.has(id), `${id} is not a peer case`);
});

test('the score', (t) => {
  const result = score(outcomes);
  t.diagnostic(`peer findings matched ${result.matched}/${result.findings}; silent where the peer is silent ${result.silentToo}/${result.silentInputs}; cases passing ${result.passed}/${result.cases}`);
  assert.equal(result.cases, hadolintCases.length + buildkitCases.length);
});
