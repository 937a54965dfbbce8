import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activationSlot } from '../../src/activationSlot';

describe('activationSlot', () => {
  it('gives each activation its own value and says clearly when none was set', () => {
    const slot = activationSlot<string>('not registered');
    const first = {};
    const second = {};
    slot.set(first, 'one');
    slot.set(second, 'two');
    assert.equal(slot.get(first), 'one');
    assert.equal(slot.get(second), 'two');
    assert.throws(() => slot.get({}), /not registered/);
  });
});
