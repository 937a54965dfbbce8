import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Coalescer } from '../../../src/state/coalescer';
import { kindsForEvent, ResourceKind } from '../../../src/state/eventRouter';

describe('event routing', () => {
  const cases: [string, string, ResourceKind[]][] = [
    ['container', 'start', ['containers', 'networks']],
    ['container', 'create', ['containers', 'images', 'volumes', 'networks']],
    ['container', 'destroy', ['containers', 'images', 'volumes', 'networks']],
    ['container', 'health_status: healthy', ['containers']],
    ['container', 'exec_start: sh', []],
    ['image', 'tag', ['images']],
    ['image', 'delete', ['images']],
    ['network', 'connect', ['networks', 'containers']],
    ['network', 'create', ['networks']],
    ['volume', 'create', ['volumes']],
    ['volume', 'mount', []],
    ['daemon', 'reload', ['containers', 'images', 'networks', 'volumes']],
    ['plugin', 'enable', []],
  ];
  for (const [type, action, kinds] of cases) {
    it(`${type} ${action} → ${kinds.join(', ') || 'nothing'}`, () => assert.deepEqual(kindsForEvent({ type, action }), kinds));
  }
});

describe('Coalescer', () => {
  it('turns a burst of requests into one flush holding every kind asked for', async () => {
    const flushed: Set<ResourceKind>[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const coalescer = new Coalescer((kinds) => {
      flushed.push(kinds);
      done();
    }, 10);
    for (let i = 0; i < 100; i++) coalescer.request(i % 2 ? ['containers'] : ['images', 'containers']);
    await finished;
    assert.equal(flushed.length, 1);
    assert.deepEqual([...flushed[0]].sort(), ['containers', 'images']);
    assert.equal(coalescer.flushes, 1);
  });

  it('does nothing for an empty request', () => {
    const coalescer = new Coalescer(() => assert.fail('flushed'), 1);
    coalescer.request([]);
    coalescer.dispose();
  });
});
