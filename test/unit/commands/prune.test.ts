/** The prune flow every explorer view shares: nothing runs unless confirmed; the report says what went. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confirmAndPrune, type PruneSpec } from '../../../src/commands/explorerSupport';
import type { PruneResult } from '../../../src/engine/types';

function harness(answer: string | undefined) {
  const said: string[] = [];
  const titles: string[] = [];
  const services = {
    prompts: { confirm: async () => answer },
    views: { ui: {
      run: async (title: string, targets: readonly unknown[], _name: unknown, work: (t: unknown, s: AbortSignal) => Promise<unknown>) => {
        titles.push(title);
        for (const t of targets) await work(t, new AbortController().signal);
      },
      info: (text: string) => void said.push(text),
    } },
  } as unknown as Parameters<typeof confirmAndPrune>[0];
  let pruned = 0;
  let refreshed = 0;
  const spec = (extra: Partial<PruneSpec<PruneResult>> = {}): PruneSpec<PruneResult> => ({
    question: 'Remove all unused volumes?', detail: 'v1', title: 'Pruning volumes', noun: 'volume',
    prune: async () => (pruned++, { deleted: ['v1', 'v2'], spaceReclaimed: 2048 }),
    refresh: () => void refreshed++,
    ...extra,
  });
  return { services, spec, said, titles, counts: () => ({ pruned, refreshed }) };
}

describe('confirmAndPrune', () => {
  it('does nothing when the prune is not confirmed', async () => {
    const h = harness(undefined);
    assert.equal(await confirmAndPrune(h.services, h.spec()), undefined);
    assert.deepEqual(h.counts(), { pruned: 0, refreshed: 0 });
    assert.deepEqual(h.said, []);
  });

  it('prunes under one progress, refreshes and reports the count and the space', async () => {
    const h = harness('Prune');
    assert.deepEqual(await confirmAndPrune(h.services, h.spec()), { deleted: ['v1', 'v2'], spaceReclaimed: 2048 });
    assert.deepEqual(h.counts(), { pruned: 1, refreshed: 1 });
    assert.deepEqual(h.titles, ['Pruning volumes']);
    assert.match(h.said[0], /^Removed 2 volumes, reclaimed .+\.$/);
  });

  it('leaves the space out where the engine reports none', async () => {
    const h = harness('Prune');
    await confirmAndPrune(h.services, h.spec({ noun: 'network', reportSpace: false }));
    assert.deepEqual(h.said, ['Removed 2 networks.']);
  });
});
