import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileFilter } from '../../../src/logs/filter';

function test(text: string, regex: boolean) {
  const compiled = compileFilter({ text, regex });
  assert.ok(compiled.ok && compiled.test, `${text} compiles`);
  return compiled.test;
}

describe('log view filter', () => {
  it('is off when empty', () => assert.deepEqual(compileFilter({ text: '', regex: true }), { ok: true, test: undefined }));

  it('matches text case-insensitively unless it has an upper-case letter', () => {
    assert.equal(test('error', false)('An ERROR here'), true);
    assert.equal(test('Error', false)('An ERROR here'), false);
    assert.equal(test('Error', false)('An Error here'), true);
    assert.equal(test('a.b', false)('axb'), false, 'plain text is not a pattern');
  });

  it('matches a regular expression', () => {
    assert.equal(test('^tick \\d*[02468]$', true)('tick 12'), true);
    assert.equal(test('^tick \\d*[02468]$', true)('tick 13'), false);
  });

  it('says in one sentence why an expression does not compile', () => {
    const compiled = compileFilter({ text: 'tick (', regex: true });
    assert.equal(compiled.ok, false);
    assert.match(!compiled.ok ? compiled.message : '', /^The filter is not a valid regular expression \(.+\)\.$/);
  });
});
