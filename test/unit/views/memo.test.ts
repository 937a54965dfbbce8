import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lastResult } from '../../../src/views/memo';

describe('lastResult', () => {
  it('computes once for the same arguments and again when any of them changes', () => {
    let runs = 0;
    const sorted = lastResult((items: readonly number[], descending: boolean) => {
      runs++;
      return [...items].sort((a, b) => (descending ? b - a : a - b));
    });
    const list = [2, 3, 1];
    const first = sorted(list, false);
    assert.deepEqual(first, [1, 2, 3]);
    assert.equal(sorted(list, false), first, 'the same answer, not a new one');
    assert.equal(runs, 1);
    assert.deepEqual(sorted(list, true), [3, 2, 1]);
    // A new list (a refresh) with the same content is a new argument.
    sorted([2, 3, 1], true);
    assert.equal(runs, 3);
  });
});
