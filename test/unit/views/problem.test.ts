import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toEngineError } from '../../../src/engine/errors';
import { actionItem, problemActions, problemMessage } from '../../../src/views/problem';

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
