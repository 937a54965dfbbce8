import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerSummary } from '../../../src/engine/types';
import { FeedHandlers, ListSource, ResourceStores } from '../../../src/state/resources';
import { itemsOf } from '../../../src/state/store';
import { selectedNodes, listNames } from '../../../src/commands/explorerSupport';

/** An in-memory engine: its lists count calls; the feed is driven by the test. */
function setup() {
  const calls = { containers: 0, images: 0, networks: 0, volumes: 0 };
  let containers: Partial<ContainerSummary>[] = [];
  let down = false;
  const lists: ListSource = {
    listContainers: async () => {
      calls.containers++;
      if (down) throw new Error('engine down');
      return containers as ContainerSummary[];
    },
    listImages: async () => (calls.images++, []),
    listNetworks: async () => (calls.networks++, []),
    listVolumes: async () => (calls.volumes++, []),
  };
  let handlers!: FeedHandlers;
  const stores = new ResourceStores('engine', { lists: () => lists, follow: (_engine, h) => ((handlers = h), { dispose: () => undefined }) }, { coalescing: { windowMs: 5, burstMs: 0 }, safetyRefreshMs: 0 });
  return { stores, calls, feed: () => handlers, set: (c: Partial<ContainerSummary>[]) => (containers = c), setDown: (d: boolean) => (down = d) };
}

const changed = (stores: ResourceStores<string>) => new Promise<void>((resolve) => {
  const sub = stores.containers.onDidChange(() => {
    sub.dispose();
    resolve();
  });
});

describe('ResourceStores', () => {
  it('folds the events an action causes into one refresh of what it changed, at its end', async () => {
    const { stores, calls, feed } = setup();
    await stores.refresh();
    const before = { ...calls };
    const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
    await stores.during(['containers'], async () => {
      // A start's network connect, then its start event, a while apart.
      feed().onEvent({ type: 'network', action: 'connect' });
      await settle();
      feed().onEvent({ type: 'container', action: 'start' });
      await settle();
      assert.deepEqual(calls, before, 'nothing is listed while the action runs');
    });
    await settle();
    assert.deepEqual(calls, { ...before, containers: before.containers + 1 }, 'one container list, no other list');
    // Without events (the stream is down) the action's end still refreshes what it changed.
    await stores.during(['containers', 'images'], async () => undefined);
    await settle();
    assert.deepEqual(calls, { ...before, containers: before.containers + 2, images: before.images + 1 });
    stores.dispose();
  });

  it('refreshes only the stores an event touches, once per burst', async () => {
    const { stores, calls, feed, set } = setup();
    await stores.refresh();
    set([{ id: 'a', name: 'a', state: 'running' }]);
    const next = changed(stores);
    for (let i = 0; i < 100; i++) feed().onEvent({ type: 'container', action: i % 2 ? 'start' : 'die' });
    await next;
    assert.equal(calls.containers, 2);
    assert.equal(calls.networks, 1);
    assert.equal(calls.images, 1);
    assert.equal(calls.volumes, 1);
    assert.equal(itemsOf(stores.containers).length, 1);
    stores.dispose();
  });

  it('shows the failure when the stream breaks and recovers on reconnect with a full refresh', async () => {
    const { stores, calls, feed, setDown } = setup();
    await stores.refresh();
    setDown(true);
    let next = changed(stores);
    feed().onDisconnected(new Error('engine down'));
    await next;
    assert.equal(stores.containers.current.kind, 'error');
    setDown(false);
    next = changed(stores);
    feed().onConnected();
    await next;
    assert.equal(stores.containers.current.kind, 'ready');
    assert.equal(calls.images, 3);
    stores.dispose();
  });
});

describe('ResourceStores across endpoints and events', () => {
  it('switching away from an endpoint that never answers does not wait for it', async () => {
    const never = new Promise<never>(() => undefined);
    const lists = (engine: string): ListSource => ({
      listContainers: async () => (engine === 'hanging' ? never : [{ id: 'c', name: 'on-' + engine } as ContainerSummary]),
      listImages: async () => (engine === 'hanging' ? never : []),
      listNetworks: async () => (engine === 'hanging' ? never : []),
      listVolumes: async () => (engine === 'hanging' ? never : []),
    });
    const stores = new ResourceStores('hanging', { lists }, { coalescing: { windowMs: 5 }, safetyRefreshMs: 0 });
    void stores.refresh();
    await stores.attach('shared');
    assert.deepEqual(itemsOf(stores.containers).map((c) => c.name), ['on-shared']);
    stores.dispose();
  });

  it('hands every event it receives to its listeners, as received', () => {
    const { stores, feed } = setup();
    const seen: unknown[] = [];
    const sub = stores.onEvent((e) => seen.push(e));
    const event = { type: 'volume', action: 'destroy', id: 'v1', timeNano: 5 };
    feed().onEvent(event);
    sub.dispose();
    feed().onEvent({ type: 'volume', action: 'create', id: 'v2' });
    assert.deepEqual(seen, [event]);
    stores.dispose();
  });
});

describe('ResourceStores.attach', () => {
  it('shows nothing of the previous engine: the stores load again and a list in flight from it is dropped', async () => {
    let releaseOld!: () => void;
    const oldPending = new Promise<void>((resolve) => (releaseOld = resolve));
    const list = (engine: string) => async () => {
      if (engine === 'old') await oldPending;
      return [{ id: engine, name: engine } as ContainerSummary];
    };
    const stores = new ResourceStores('old', {
      lists: (engine) => ({ listContainers: list(engine), listImages: async () => [], listNetworks: async () => [], listVolumes: async () => [] }),
    }, { safetyRefreshMs: 0 });
    const shown: string[] = [];
    stores.containers.onDidChange(() => shown.push(stores.containers.current.kind === 'ready' ? itemsOf(stores.containers).map((c) => c.name).join() : stores.containers.current.kind));
    const first = stores.refresh();
    const attached = stores.attach('new');
    assert.equal(stores.containers.current.kind, 'loading');
    releaseOld();
    await Promise.all([first, attached]);
    assert.deepEqual(shown, ['loading', 'new']);
    stores.dispose();
  });
});

describe('command targets', () => {
  it('acts on the whole selection, else the clicked item, ignoring other kinds', () => {
    const a = { kind: 'container', n: 1 };
    const b = { kind: 'container', n: 2 };
    const g = { kind: 'containerGroup' };
    assert.deepEqual(selectedNodes(a, [a, b, g], ['container']), [a, b]);
    assert.deepEqual(selectedNodes(a, undefined, ['container']), [a]);
    assert.deepEqual(selectedNodes(undefined, undefined, ['container']), []);
    assert.equal(listNames(['a', 'b', 'c', 'd', 'e']), 'a, b, c and 2 more');
    assert.equal(listNames(['a', 'b']), 'a and b');
  });
});
