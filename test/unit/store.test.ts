import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Store } from '../../src/state/store';

describe('Store', () => {
  it('coalesces a burst of refreshes into at most one extra list call', async () => {
    let release!: () => void;
    let calls = 0;
    const store = new Store<number>(async () => {
      calls++;
      await new Promise<void>((resolve) => (release = resolve));
      return [calls];
    });
    const first = store.refresh();
    const burst = Array.from({ length: 100 }, () => store.refresh());
    release();
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all([first, ...burst]);
    assert.equal(calls, 2);
    assert.deepEqual(store.current, { kind: 'ready', items: [2] });
  });

  it('keeps the error when a list fails and recovers on the next refresh', async () => {
    let fail = true;
    const store = new Store<string>(async () => {
      if (fail) throw new Error('engine down');
      return ['ok'];
    });
    await store.refresh();
    assert.equal(store.current.kind, 'error');
    fail = false;
    await store.refresh();
    assert.deepEqual(store.current, { kind: 'ready', items: ['ok'] });
  });

  it('signals listeners after each list', async () => {
    const store = new Store<number>(async () => [1]);
    let signals = 0;
    store.onDidChange(() => signals++);
    await store.refresh();
    await store.refresh();
    assert.equal(signals, 2);
  });

  it('after reset(), is loading and never shows what a list in flight from before returns', async () => {
    const answers: ((items: string[]) => void)[] = [];
    const store = new Store<string>(() => new Promise<string[]>((resolve) => answers.push(resolve)));
    const seen: string[] = [];
    store.onDidChange(() => seen.push(store.current.kind === 'ready' ? store.current.items.join() : store.current.kind));
    const old = store.refresh();
    const reset = store.reset();
    assert.equal(store.current.kind, 'loading');
    answers[0](['previous engine']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(answers.length, 2, 'a fresh list follows the discarded one');
    answers[1](['this engine']);
    await Promise.all([old, reset]);
    assert.deepEqual(seen, ['loading', 'this engine']);
    assert.deepEqual(store.current, { kind: 'ready', items: ['this engine'] });
  });
});
