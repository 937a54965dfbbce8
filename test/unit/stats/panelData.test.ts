/** The stats panel's pure parts: samples kept per container, scopes, chart series and table order. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerSummary } from '../../../src/engine/types';
import { statsHistoryMs } from '../../../src/config/schema';
import { toStats } from '../../../src/engine/stats';
import { isEmptySample, StatsHistory, toPoint } from '../../../src/stats/history';
import type { StatsPoint } from '../../../src/stats/protocol';
import { composeProjects, emptyNote, scopeKey, scopeMembers, scopeTitle } from '../../../src/stats/scope';
import { alignSeries, metricValues, rateSeries, sortMembers } from '../../../src/stats/series';

function point(t: number, values: Partial<StatsPoint> = {}): StatsPoint {
  return { t, cpu: 0, mem: 0, memLimit: 100, memPercent: 0, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 1, ...values };
}

function container(id: string, name: string, state: ContainerSummary['state'], labels: Record<string, string> = {}): ContainerSummary {
  return { id, name, image: 'busybox:local', imageId: 'sha256:x', command: 'sh', created: 0, state, status: state, ports: [], labels, mounts: [], networks: [] };
}

describe('stats history', () => {
  it('keeps only the window before the newest sample, per container', () => {
    const h = new StatsHistory(10_000);
    for (let t = 0; t <= 20_000; t += 1000) h.add('a', point(t));
    h.add('b', point(20_000));
    assert.deepEqual(h.points('a').map((p) => p.t), Array.from({ length: 11 }, (_, i) => 10_000 + i * 1000));
    assert.equal(h.sampleCount, 12);
    h.setWindow(2000);
    assert.deepEqual(h.points('a').map((p) => p.t), [18_000, 19_000, 20_000]);
  });

  it('ignores a sample older than the last one and forgets containers that left', () => {
    const h = new StatsHistory(60_000);
    h.add('a', point(5000));
    h.add('a', point(4000));
    h.add('b', point(5000));
    assert.equal(h.points('a').length, 1);
    h.keepOnly(['b']);
    assert.deepEqual(Object.keys(h.snapshot()), ['b']);
    assert.equal(h.latest('a'), undefined);
  });

  it('turns an engine sample into a point without the raw JSON, using the engine\'s read time', () => {
    const stats = toStats({ read: '2026-12-07T10:00:00.5Z', memory_stats: { usage: 300, limit: 1000, stats: { inactive_file: 100 } }, pids_stats: { current: 4 } });
    const p = toPoint(stats, 42);
    assert.equal(p.t, Date.parse('2026-12-07T10:00:00.5Z'));
    assert.deepEqual([p.mem, p.memLimit, p.memPercent, p.pids], [200, 1000, 20, 4]);
    assert.ok(!('raw' in p));
    // The engine's zero time (no sample taken) falls back to the given time.
    assert.equal(toPoint(toStats({ read: '0001-01-01T00:00:00Z' }), 42).t, 42);
    // ...and such a sample (a stopped container's stream) is not one the panel keeps.
    assert.ok(isEmptySample(toStats({ read: '0001-01-01T00:00:00Z' })));
    assert.ok(isEmptySample(toStats({})));
    assert.ok(!isEmptySample(stats));
  });

  it('holds the history setting to 1–60 minutes', () => {
    assert.equal(statsHistoryMs({ 'stats.historyMinutes': 5 }), 300_000);
    assert.equal(statsHistoryMs({ 'stats.historyMinutes': 0.1 }), 60_000);
    assert.equal(statsHistoryMs({ 'stats.historyMinutes': 600 }), 3_600_000);
    assert.equal(statsHistoryMs({ 'stats.historyMinutes': Number.NaN }), 300_000);
  });
});

describe('stats scopes', () => {
  const list = [
    container('c3', 'web', 'running', { 'com.docker.compose.project': 'shop' }),
    container('c1', 'db', 'running', { 'com.docker.compose.project': 'shop' }),
    container('c2', 'cache', 'exited', { 'com.docker.compose.project': 'shop' }),
    container('c4', 'lone', 'running'),
    container('c5', 'other', 'paused', { 'com.docker.compose.project': 'blog' }),
  ];

  it('streams only running members, by name', () => {
    assert.deepEqual(scopeMembers({ kind: 'all' }, list).map((m) => m.name), ['db', 'lone', 'web']);
    assert.deepEqual(scopeMembers({ kind: 'compose', project: 'shop' }, list).map((m) => m.id), ['c1', 'c3']);
    assert.deepEqual(scopeMembers({ kind: 'container', id: 'c4', name: 'lone' }, list), [{ id: 'c4', name: 'lone' }]);
    assert.deepEqual(scopeMembers({ kind: 'compose', project: 'blog' }, list), []);
  });

  it('says why nothing is shown', () => {
    assert.equal(emptyNote({ kind: 'all' }, list), undefined);
    assert.equal(emptyNote({ kind: 'container', id: 'c2', name: 'cache' }, list), 'cache is exited; its stats show again when it runs.');
    assert.equal(emptyNote({ kind: 'container', id: 'gone', name: 'gone' }, list), 'gone no longer exists.');
    assert.equal(emptyNote({ kind: 'compose', project: 'blog' }, list), 'No container of the compose project blog is running.');
    assert.equal(emptyNote({ kind: 'all' }, []), 'No container is running.');
  });

  it('names panels and keys one per scope, and lists compose projects', () => {
    assert.equal(scopeTitle({ kind: 'compose', project: 'shop' }), 'Stats: shop (compose)');
    assert.equal(scopeTitle({ kind: 'container', id: 'c4', name: 'lone' }), 'Stats: lone');
    assert.notEqual(scopeKey({ kind: 'container', id: 'c4', name: 'lone' }), scopeKey({ kind: 'container', id: 'c3', name: 'lone' }));
    assert.deepEqual(composeProjects(list), ['blog', 'shop']);
  });
});

describe('stats chart series', () => {
  it('draws counters as bytes per second, with holes after a gap or a counter reset', () => {
    const points = [point(0, { netRx: 0 }), point(1000, { netRx: 1000 }), point(3000, { netRx: 5000 }), point(20_000, { netRx: 6000 }), point(21_000, { netRx: 10 })];
    assert.deepEqual(rateSeries(points, (p) => p.netRx).map((v) => v.v), [1000, 2000, null, null]);
    assert.deepEqual(metricValues([point(0, { blockRead: 10, blockWrite: 10 }), point(500, { blockRead: 20, blockWrite: 60 })], 'block').map((v) => v.v), [120]);
    assert.deepEqual(metricValues([point(0, { cpu: 12.5 })], 'cpu'), [{ t: 0, v: 12.5 }]);
  });

  it('aligns containers on whole seconds, bridging jitter but not real gaps', () => {
    const a = [{ t: 10_100, v: 1 }, { t: 11_900, v: 2 }, { t: 13_050, v: 3 }];
    const b = [{ t: 10_500, v: 5 }, { t: 20_000, v: 6 }];
    const { x, ys } = alignSeries([a, b], 20_000, 60_000);
    assert.deepEqual(x, Array.from({ length: 11 }, (_, i) => 10 + i));
    // a: 10,11 seen; 12 bridged from 11; 13 seen; 14 and 15 bridged (≤ 2 s), then a hole.
    assert.deepEqual(ys[0], [1, 2, 2, 3, 3, 3, null, null, null, null, null]);
    assert.deepEqual(ys[1], [5, 5, 5, null, null, null, null, null, null, null, 6]);
  });

  it('leaves out samples older than the window, and gives empty series when there is nothing', () => {
    const { x, ys } = alignSeries([[{ t: 1000, v: 1 }, { t: 100_000, v: 2 }]], 100_000, 10_000);
    assert.deepEqual(x, [100]);
    assert.deepEqual(ys, [[2]]);
    assert.deepEqual(alignSeries([[], []], 0, 1000), { x: [], ys: [[], []] });
  });

  it('sorts the table by any column, missing values last', () => {
    const members = [{ id: 'a', name: 'web' }, { id: 'b', name: 'db' }, { id: 'c', name: 'new' }];
    const latest = (id: string) => ({ a: point(0, { cpu: 50, mem: 10 }), b: point(0, { cpu: 5, mem: 30 }) } as Record<string, StatsPoint>)[id];
    assert.deepEqual(sortMembers(members, 'name', false, latest).map((m) => m.name), ['db', 'new', 'web']);
    assert.deepEqual(sortMembers(members, 'cpu', true, latest).map((m) => m.name), ['web', 'db', 'new']);
    assert.deepEqual(sortMembers(members, 'cpu', false, latest).map((m) => m.name), ['db', 'web', 'new']);
    assert.deepEqual(sortMembers(members, 'mem', true, latest).map((m) => m.name), ['db', 'web', 'new']);
  });
});
