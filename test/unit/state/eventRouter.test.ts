import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindsForEvent, ResourceKind } from '../../../src/state/eventRouter';

describe('event routing', () => {
  const cases: [string, string, ResourceKind[]][] = [
    ['container', 'start', ['containers']],
    ['container', 'rename', ['containers']],
    ['container', 'create', ['containers', 'images']],
    ['container', 'destroy', ['containers', 'images']],
    ['container', 'health_status: healthy', ['containers']],
    ['container', 'exec_start: sh', []],
    ['container', 'kill', []],
    ['container', 'die', ['containers']],
    ['container', 'stop', ['containers']],
    ['image', 'tag', ['images']],
    ['image', 'delete', ['images']],
    ['network', 'connect', ['containers']],
    ['network', 'disconnect', ['containers']],
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
