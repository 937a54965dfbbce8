import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionItem, problemActions } from '../../../src/views/problem';

describe('unreachable engine actions', () => {
  it('offers Retry, Switch Engine and Show Log as clickable items with ids unique per view', () => {
    const items = problemActions('berth.images').map(actionItem);
    assert.deepEqual(items.map((i) => i.command?.command), ['berth.explorer.refresh', 'berth.context.switch', 'berth.log.show']);
    assert.equal(items[0].label, 'Retry');
    assert.notEqual(actionItem(problemActions('berth.volumes')[0]).id, items[0].id);
  });
});
