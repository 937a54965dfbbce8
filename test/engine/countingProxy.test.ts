/**
 * Engine tier: the recording proxy the fault suites put between Berth and the engine
 * forwards plain calls, streams and hijacked exec sessions unchanged, and counts them.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineEvent } from '../../src/engine/types';
import { unversionedPath } from '../support/countingProxy';
import { Leftovers, testImage, uniqueName } from '../support/engine';
import { engineThroughProxy } from '../support/proxiedEngine';
import { waitFor } from '../support/wait';

const made = new Leftovers();
const { proxy, engine } = engineThroughProxy(made);

describe('counting proxy', () => {
  it('strips the API version and the query from recorded paths', () => {
    assert.deepEqual(unversionedPath('/v1.41/containers/json?all=1'), { path: '/containers/json', query: 'all=1' });
    assert.deepEqual(unversionedPath('/_ping'), { path: '/_ping', query: '' });
  });

  it('forwards calls and counts them by method and path', async () => {
    const since = Date.now();
    await engine().containers.list();
    await engine().containers.list();
    assert.equal(proxy.count('GET', '/containers/json', since), 2);
    assert.deepEqual(proxy.changes(since), []);
  });

  it('passes the event stream through as it happens, and counts the change that caused it', async () => {
    const events: EngineEvent[] = [];
    const follower = engine().follow({ types: ['container'], onEvent: (e) => events.push(e) });
    try {
      await waitFor(() => follower.state.kind === 'connected', 'the event stream through the proxy');
      const since = Date.now();
      const id = await engine().containers.create({ image: testImage, name: uniqueName('proxy') });
      made.containers.push(id);
      await waitFor(() => events.some((e) => e.id === id && e.action === 'create'), 'the create event through the proxy');
      assert.deepEqual(proxy.changes(since).map((r) => `${r.method} ${r.path}`), ['POST /containers/create']);
    } finally {
      await follower.stop();
    }
  });

  it('tunnels a hijacked exec session both ways', async () => {
    const id = await engine().containers.run({ image: testImage, name: uniqueName('proxy-exec'), cmd: ['sleep', '300'] });
    made.containers.push(id);
    const session = await engine().containers.exec(id, { cmd: ['cat'], stdin: true, tty: true });
    let output = '';
    session.stdout.on('data', (d: Buffer) => (output += d.toString()));
    session.stdin.write('through the tunnel\n');
    await waitFor(() => output.includes('through the tunnel'), 'the echo through the tunnel');
    session.stdin.write('\x04');
    assert.equal(await session.exit, 0);
    assert.ok(proxy.count('POST', /^\/exec\/[^/]+\/start$/) >= 1);
  });
});
