import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuPercent, memoryUsed, RawStats, toStats } from '../../../src/engine/stats';
import { formatBinarySize, formatDecimalSize, statsHeaders, statsRow } from '../../../src/terminals/stats';
import { plainText, renderTable, screenFrame } from '../../../src/terminals/table';

function sample(overrides: Partial<RawStats> = {}): RawStats {
  return {
    cpu_stats: { cpu_usage: { total_usage: 400_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
    precpu_stats: { cpu_usage: { total_usage: 200_000_000 }, system_cpu_usage: 18_000_000_000 },
    memory_stats: { usage: 10 * 1024 * 1024, limit: 1024 * 1024 * 1024, stats: { inactive_file: 2 * 1024 * 1024 } },
    networks: { eth0: { rx_bytes: 1500, tx_bytes: 700 }, eth1: { rx_bytes: 500, tx_bytes: 300 } },
    blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 4096 }, { op: 'write', value: 1_000_000 }, { op: 'Read', value: 4096 }, { op: 'Total', value: 9 }] },
    pids_stats: { current: 3 },
    ...overrides,
  };
}

describe('stats maths (as docker stats)', () => {
  it('computes CPU % from the deltas, scaled by the online CPUs', () => {
    // 0.2 s of CPU over 2 s of system time on 2 CPUs = 20 %.
    assert.equal(cpuPercent(sample()), 20);
  });

  it('falls back to the per-CPU list when online_cpus is missing, and reports 0 without a delta', () => {
    const s = sample({ cpu_stats: { cpu_usage: { total_usage: 400_000_000, percpu_usage: [1, 2, 3, 4] }, system_cpu_usage: 20_000_000_000 } });
    assert.equal(cpuPercent(s), 40);
    assert.equal(cpuPercent(sample({ precpu_stats: { cpu_usage: { total_usage: 400_000_000 }, system_cpu_usage: 20_000_000_000 } })), 0);
    // The first sample of a stream has an empty precpu: no system delta → 0, not Infinity.
    assert.equal(cpuPercent(sample({ cpu_stats: { cpu_usage: { total_usage: 1 }, system_cpu_usage: 0, online_cpus: 2 } })), 0);
  });

  it('leaves the inactive page cache out of memory use (cgroup v1 and v2)', () => {
    assert.equal(memoryUsed({ usage: 100, stats: { total_inactive_file: 30, inactive_file: 10 } }), 70);
    assert.equal(memoryUsed({ usage: 100, stats: { inactive_file: 10 } }), 90);
    assert.equal(memoryUsed({ usage: 100, stats: { inactive_file: 200 } }), 100);
    assert.equal(memoryUsed({}), 0);
  });

  it('sums networks and block I/O, and computes memory %', () => {
    const v = toStats(sample());
    assert.equal(v.memoryUsage, 8 * 1024 * 1024);
    assert.equal(v.memoryPercent, (8 / 1024) * 100);
    assert.deepEqual([v.networkRx, v.networkTx, v.blockRead, v.blockWrite, v.pids], [2000, 1000, 8192, 1_000_000, 3]);
    assert.equal(toStats(sample({ memory_stats: { usage: 5 } })).memoryPercent, 0);
  });

  it('prints sizes in docker\'s units', () => {
    assert.equal(formatBinarySize(0), '0B');
    assert.equal(formatBinarySize(1024), '1KiB');
    assert.equal(formatBinarySize(8_023_654), '7.652MiB');
    assert.equal(formatBinarySize(2 * 1024 ** 3), '2GiB');
    assert.equal(formatDecimalSize(0), '0B');
    assert.equal(formatDecimalSize(1234), '1.23kB');
    assert.equal(formatDecimalSize(1_000_000), '1MB');
    assert.equal(formatDecimalSize(512), '512B');
  });

  it('makes a row like docker stats, and dashes when there is no sample', () => {
    assert.deepEqual(statsRow('0123456789abcdef', 'web', toStats(sample())), ['0123456789ab', 'web', '20.00%', '8MiB / 1GiB', '0.78%', '2kB / 1kB', '8.19kB / 1MB', '3']);
    assert.equal(statsRow('abc', 'gone', undefined)[2], '--');
  });
});

describe('tables', () => {
  it('pads columns to the widest cell and leaves the last one free', () => {
    assert.deepEqual(renderTable(['A', 'LONG HEADER', 'CMD'], [['1', 'x', 'sleep 30'], ['22', 'yy', 'sh']]), [
      'A    LONG HEADER   CMD',
      '1    x             sleep 30',
      '22   yy            sh',
    ]);
  });

  it('right-aligns numeric columns when asked and cuts lines at the terminal width', () => {
    const lines = renderTable(['PID', 'CMD'], [['7', 'a very long command line indeed']], { alignRight: new Set([0]), width: 20 });
    assert.equal(lines[1], '  7   a very long c…');
    assert.equal(lines[1].length, 20);
  });

  it('draws a frame in place and strips back to plain text', () => {
    const frame = screenFrame(['title', 'row']);
    assert.ok(frame.startsWith('\x1b[H'));
    assert.equal(plainText(frame), 'title\r\nrow');
    assert.deepEqual(renderTable(statsHeaders, []).length, 1);
  });
});
