/**
 * For engine-tier files that count what Berth asks of the engine: a recording proxy in
 * front of the private engine and an Engine that talks through it, started before the
 * file's tests and closed after them, with what `made` recorded removed first.
 */
import { after, before } from 'node:test';
import { Engine } from '../../src/engine/engine';
import { CountingProxy } from './countingProxy';
import { Leftovers, testDockerHost } from './engine';

export function engineThroughProxy(made: Leftovers): { proxy: CountingProxy; engine: () => Engine } {
  const proxy = new CountingProxy(new URL(testDockerHost()).pathname);
  let engine: Engine | undefined;
  before(async () => {
    await proxy.start();
    engine = new Engine({ url: proxy.url, source: 'setting', why: 'the recording proxy' });
  });
  after(async () => {
    if (engine) {
      await made.clean(engine);
      await engine.dispose();
    }
    await proxy.dispose();
  });
  return {
    proxy,
    engine: () => {
      if (!engine) throw new Error('the proxied engine is used before its `before` hook ran');
      return engine;
    },
  };
}
