/** Every BuildKit check: triggers on a bad Dockerfile, stays quiet on a good one, and its fix works. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildkitRules } from '../../../src/language/server/rules/buildkit';
import { ruleCases } from './buildkitCases';
import { applyEdits, codesOf, fixesOf, lint } from './helpers';

test('every BuildKit check has a case', () => {
  const covered = new Set(ruleCases.map((ruleCase) => ruleCase.code));
  for (const rule of buildkitRules) assert.ok(covered.has(rule.code), `${rule.code} has no test case`);
  assert.equal(buildkitRules.length, 22);
});

for (const ruleCase of ruleCases) {
  test(`${ruleCase.code}: triggers on the bad Dockerfile`, () => {
    const found = lint(ruleCase.bad, ruleCase.options).filter((d) => d.code === ruleCase.code);
    assert.ok(found.length > 0, `expected ${ruleCase.code}, got ${codesOf(lint(ruleCase.bad, ruleCase.options)).join(', ')}`);
    for (const diagnostic of found) {
      assert.doesNotMatch(String(diagnostic.message), /\n/);
      assert.equal(diagnostic.codeDescription?.href, `docs/rules/${ruleCase.code}.md`);
    }
  });

  test(`${ruleCase.code}: quiet on the good Dockerfile`, () => {
    const found = lint(ruleCase.good, ruleCase.options).filter((d) => d.code === ruleCase.code);
    assert.deepEqual(found.map((d) => `${d.range.start.line}: ${d.message}`), []);
  });

  if (ruleCase.fixable) {
    test(`${ruleCase.code}: the quick fix, applied, lints clean`, () => {
      let text = ruleCase.bad;
      // Fix one finding at a time (each fix's edits are computed on the current text).
      for (let round = 0; round < 5; round++) {
        const diagnostic = lint(text, ruleCase.options).find((d) => d.code === ruleCase.code);
        if (!diagnostic) break;
        const [fix] = fixesOf(diagnostic);
        assert.ok(fix, `${ruleCase.code} offers a fix`);
        text = applyEdits(text, fix.edits);
      }
      assert.deepEqual(lint(text, ruleCase.options).filter((d) => d.code === ruleCase.code).map((d) => d.message), [], text);
    });
  }
}
