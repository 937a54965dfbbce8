/**
 * What a container action costs the engine, counted by a recording proxy in front of the
 * private engine: the engine's events drive the stores, and an action asks again only for
 * what it changed. A start costs at most one container list and no network, volume or
 * image list (it used to relist all four on top of the events).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import { CountingProxy } from '../../support/countingProxy';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { berthApi, containerNode, run } from './explorerHelpers';

/** Resolves once the proxy saw no request for `quietMs` (the coalescer and follow-ups are done). */
async function quiet(proxy: CountingProxy, quietMs = 1500): Promise<void> {
  await waitFor(() => {
    const last = proxy.requests.filter((r) => r.path !== '/events').at(-1)?.at ?? 0;
    return Date.now() - last >= quietMs || undefined;
  }, 'the engine traffic to settle', 20_000, 100);
}

describe('Action cost: a container action refreshes only what it changed', function () {
  this.timeout(90_000);
  let api: BerthApi;
  let proxy: CountingProxy;
  const docker = testDocker();
  const name = uniqueName('cost');
  let id = '';

  before(async () => {
    api = await berthApi();
    const target = process.env.BERTH_TEST_DOCKER_HOST?.replace(/^unix:\/\//, '');
    assert.ok(target, 'BERTH_TEST_DOCKER_HOST names no unix socket');
    proxy = new CountingProxy(target);
    await proxy.start();
    await vscode.workspace.getConfiguration('berth').update('host', proxy.url, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.context.engine.endpoint.url === proxy.url || undefined, 'Berth on the recording proxy');
    id = (await docker.createContainer({ Image: testImage, name, Cmd: ['sleep', '300'] })).id;
  });

  after(async () => {
    await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    await vscode.workspace.getConfiguration('berth').update('host', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.context.engine.endpoint.url === process.env.BERTH_TEST_DOCKER_HOST || undefined, 'Berth back on the shared engine');
    await proxy?.dispose();
  });

  it('a start costs at most one container list and no network, volume or image list', async () => {
    const node = await containerNode(api, name, 'created');
    await quiet(proxy);
    const since = Date.now();
    const seen: { at: number; type: string; action: string }[] = [];
    const listener = api.stores.onEvent((e) => seen.push({ at: Date.now(), type: e.type, action: e.action }));
    await run('berth.containers.start', node);
    await containerNode(api, name, 'running');
    await quiet(proxy);
    listener.dispose();
    const lists = Object.fromEntries(['/containers/json', '/networks', '/volumes', '/images/json'].map((p) => [p, proxy.count('GET', p, since)]));
    assert.equal(proxy.count('POST', `/containers/${id}/start`, since), 1, 'the start reached the engine through the proxy');
    const trace = proxy.requests.filter((r) => r.at >= since).map((r) => `+${r.at - since}ms ${r.method} ${r.path}`).join(', ');
    const events = seen.map((e) => `+${e.at - since}ms ${e.type} ${e.action}`).join(', ');
    assert.ok(lists['/containers/json'] <= 1, `container lists: ${JSON.stringify(lists)}; requests: ${trace}; events: ${events}`);
    assert.deepEqual([lists['/networks'], lists['/volumes'], lists['/images/json']], [0, 0, 0], `lists after a start: ${JSON.stringify(lists)}`);
  });
});
