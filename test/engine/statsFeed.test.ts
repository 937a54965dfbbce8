/**
 * Engine tier: the stats panel's streams (src/stats/feed.ts), through the recording
 * proxy, so what is counted is the engine connections themselves: one stats stream per
 * followed container, closed when a container leaves the list or the panel pauses, and
 * values that agree with the engine's own one-shot sample (docker stats --no-stream).
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerStats } from '../../src/engine/types';
import { StatsFeed } from '../../src/stats/feed';
import { Leftovers, testImage, uniqueName } from '../support/engine';
import { engineThroughProxy } from '../support/proxiedEngine';
import { waitFor } from '../support/wait';

const made = new Leftovers();
const { proxy, engine } = engineThroughProxy(made);
const statsPath = /^\/containers\/[0-9a-f]{64}\/stats$/;

async function running(prefix: string, cmd: string[]): Promise<string> {
  const id = await engine().containers.create({ image: testImage, name: uniqueName(prefix), cmd, labels: { 'berth.test': 'statsFeed' } });
  made.containers.push(id);
  await engine().containers.start(id);
  return id;
}

/** The stats connections open at the proxy now, by container id. */
function openStreams(): string[] {
  return proxy.openNow('GET', statsPath).filter((r) => /stream=(1|true)/.test(r.query)).map((r) => r.path.split('/')[2]).sort();
}

describe('stats feed', () => {
  it('streams one connection per followed container and closes the ones that leave', async () => {
    const busy = await running('feed-busy', ['sh', '-c', 'while :; do :; done']);
    const idle = await running('feed-idle', ['sleep', '600']);
    const latest = new Map<string, ContainerStats>();
    const counts = new Map<string, number>();
    const feed = new StatsFeed(() => engine().containers, {
      sample: (id, stats) => {
        latest.set(id, stats);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      },
    });
    try {
      feed.follow([busy, idle]);
      assert.equal(feed.openStreams, 2);
      await waitFor(() => (counts.get(busy) ?? 0) >= 3 && (counts.get(idle) ?? 0) >= 2, 'samples from both streams', 30_000);
      assert.deepEqual(openStreams(), [busy, idle].sort(), 'one stats connection per container at the engine');
      // A busy loop takes what CPU it gets (on a loaded 2-core machine, far less than one core);
      // the sleeping container uses next to none.
      await waitFor(() => (latest.get(busy)!.cpuPercent > 5 ? true : undefined), `the busy container above 5 % CPU (it shows ${latest.get(busy)!.cpuPercent}%)`, 30_000);
      assert.ok(latest.get(idle)!.cpuPercent < 2, `idle container CPU ${latest.get(idle)!.cpuPercent}%`);
      // The engine's own one-shot sample agrees on memory within a few pages and the same limit.
      const shot = await engine().containers.stats(idle);
      const streamed = latest.get(idle)!;
      assert.ok(streamed.memoryUsage > 0, 'memory in use is reported');
      assert.equal(streamed.memoryLimit, shot.memoryLimit);
      assert.ok(Math.abs(streamed.memoryUsage - shot.memoryUsage) < 1024 * 1024, `memory ${streamed.memoryUsage} vs one-shot ${shot.memoryUsage}`);

      feed.follow([busy]);
      assert.equal(feed.openStreams, 1);
      await waitFor(() => openStreams().length === 1 || undefined, 'the idle container\'s stream to close at the engine');
      assert.deepEqual(openStreams(), [busy]);
      const opened = feed.opened;
      feed.follow([busy]);
      assert.equal(feed.opened, opened, 'following the same list opens nothing new');
    } finally {
      feed.closeAll();
    }
    assert.equal(feed.openStreams, 0);
    await waitFor(() => openStreams().length === 0 || undefined, 'every stats connection to close at the engine');
  });

  // A stopped container's stream stays open on engine 20.10 (it sends empty samples): the panel
  // drops it when the Containers store says it stopped (host tier). Removal ends it.
  it('lets a stream go when its container is removed, and reports it ended', async () => {
    const id = await running('feed-stop', ['sleep', '600']);
    const ended: string[] = [];
    let samples = 0;
    const feed = new StatsFeed(() => engine().containers, { sample: () => samples++, ended: (which) => ended.push(which) });
    try {
      feed.follow([id]);
      await waitFor(() => samples >= 1, 'a first sample', 20_000);
      await engine().containers.remove(id, { force: true });
      await waitFor(() => ended.includes(id) || undefined, 'the stream to end with the container', 20_000);
      assert.equal(feed.openStreams, 0);
      await waitFor(() => openStreams().length === 0 || undefined, 'the connection to close at the engine');
    } finally {
      feed.closeAll();
    }
  });
});
