import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toEngineError } from '../../../src/engine/errors';
import type { StoreState } from '../../../src/state/store';
import { actionItem, loadingNode, placeholderRoots, problemActions, problemMessage } from '../../../src/views/problem';

describe('unreachable engine actions', () => {
  it('offers Retry, Switch Engine and Show Log as clickable items with ids unique per view', () => {
    const items = problemActions('berth.images').map(actionItem);
    assert.deepEqual(items.map((i) => i.command?.command), ['berth.explorer.refresh', 'berth.context.switch', 'berth.log.show']);
    assert.equal(items[0].label, 'Retry');
    assert.notEqual(actionItem(problemActions('berth.volumes')[0]).id, items[0].id);
  });
});

describe('unreachable engine message', () => {
  const endpoint = 'unix:///var/run/docker.sock (the default socket)';

  it('for a denied socket names the endpoint, the cause and the fix', () => {
    const message = problemMessage({ kind: 'error', error: toEngineError({ code: 'EACCES' }, endpoint) }) ?? '';
    assert.match(message, /Permission denied opening the engine socket at unix:\/\/\/var\/run\/docker\.sock/, 'the endpoint and the cause');
    assert.match(message, /docker group/, 'the fix');
    assert.match(message, /rootless engine/, 'the other fix');
  });

  it('for a stopped engine and a hanging one says which endpoint and what to do', () => {
    assert.match(problemMessage({ kind: 'error', error: toEngineError({ code: 'ENOENT' }, endpoint) }) ?? '', /Cannot reach .*docker\.sock.*Start the engine/);
    assert.match(problemMessage({ kind: 'error', error: toEngineError({ name: 'TimeoutError' }, endpoint) }) ?? '', /did not answer in time\. Check that the endpoint/);
  });

  it('is empty while the data is there or loading', () => {
    assert.equal(problemMessage({ kind: 'ready', items: [] }), undefined);
    assert.equal(problemMessage({ kind: 'loading' }), undefined);
  });
});

describe('placeholder rows', () => {
  const ready: StoreState<unknown> = { kind: 'ready', items: [] };
  const loading: StoreState<unknown> = { kind: 'loading' };
  const failed: StoreState<unknown> = { kind: 'error', error: new Error('down') };

  it('shows the data once the view\'s store and the stores it reads are ready', () => {
    assert.equal(placeholderRoots('berth.volumes', ready, [ready]), undefined);
  });

  it('shows Loading… while any of them loads, and the actions when the view\'s own store failed', () => {
    assert.deepEqual(placeholderRoots('berth.volumes', loading, [ready]), [loadingNode('berth.volumes')]);
    assert.deepEqual(placeholderRoots('berth.volumes', ready, [loading]), [loadingNode('berth.volumes')]);
    assert.deepEqual(placeholderRoots('berth.volumes', failed, [loading]), problemActions('berth.volumes'));
  });

  it('renders Loading… as a row that runs nothing, with a spinning icon', () => {
    const item = actionItem(loadingNode('berth.containers'));
    assert.equal(item.command, undefined);
    assert.equal(item.label, 'Loading…');
    assert.equal(item.icon.id, 'loading~spin');
    assert.equal(item.contextValue, 'notice');
  });
});
