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

  it('restart() abandons a list in flight: its late answer is ignored and its waiters get the new one', async () => {
    const answers: ((items: string[]) => void)[] = [];
    const store = new Store<string>(() => new Promise<string[]>((resolve) => answers.push(resolve)));
    const first = store.refresh();
    answers[0](['old endpoint']);
    await first;
    const stale = store.refresh();
    const fresh = store.restart();
    assert.equal(answers.length, 3, 'the new list started without waiting for the one in flight');
    assert.deepEqual(store.current, { kind: 'loading' }, 'nothing of the old endpoint is shown meanwhile');
    answers[2](['new endpoint']);
    await fresh;
    assert.deepEqual(store.current, { kind: 'ready', items: ['new endpoint'] });
    answers[1](['old endpoint, late']);
    await stale;
    assert.deepEqual(store.current, { kind: 'ready', items: ['new endpoint'] }, 'the abandoned answer changed nothing');
    assert.equal(store.listCalls, 3);
  });
});
