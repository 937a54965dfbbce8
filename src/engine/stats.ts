/**
 * The numbers `docker stats` shows, computed the way the CLI does, as pure functions of
 * the engine's stats JSON: CPU % from the usage deltas scaled by the online CPUs, memory
 * without the inactive page cache (cgroup v1 and v2), network and block I/O summed. The
 * engine layer returns these numbers; src/terminals/stats.ts only formats them.
 */
import type { ContainerStats } from './types';

export interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The part of GET /containers/{id}/stats that `docker stats` reads. */
export interface RawStats {
  read?: string;
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
  pids_stats?: { current?: number };
}

/** online_cpus, else the length of the per-CPU list (older engines), as the CLI does. */
export function onlineCpus(stats: RawStats): number {
  return stats.cpu_stats?.online_cpus || stats.cpu_stats?.cpu_usage?.percpu_usage?.length || 0;
}

export function cpuPercent(stats: RawStats): number {
  const cpuDelta = (stats.cpu_stats?.cpu_usage?.total_usage ?? 0) - (stats.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (stats.cpu_stats?.system_cpu_usage ?? 0) - (stats.precpu_stats?.system_cpu_usage ?? 0);
  // The first sample of a stream has an empty precpu: no system delta gives 0, not Infinity.
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus(stats) * 100 : 0;
}

/** Usage minus inactive page cache: total_inactive_file on cgroup v1, inactive_file on v2. */
export function memoryUsed(memory: RawStats['memory_stats'] = {}): number {
  const usage = memory.usage ?? 0;
  const stats = memory.stats ?? {};
  if (stats.total_inactive_file !== undefined && stats.total_inactive_file < usage) return usage - stats.total_inactive_file;
  if (stats.inactive_file !== undefined && stats.inactive_file < usage) return usage - stats.inactive_file;
  return usage;
}

export function toStats(raw: RawStats): ContainerStats {
  const memoryUsage = memoryUsed(raw.memory_stats);
  const memoryLimit = raw.memory_stats?.limit ?? 0;
  let networkRx = 0;
  let networkTx = 0;
  for (const network of Object.values(raw.networks ?? {})) {
    networkRx += network.rx_bytes ?? 0;
    networkTx += network.tx_bytes ?? 0;
  }
  let blockRead = 0;
  let blockWrite = 0;
  for (const entry of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op.toLowerCase();
    if (op === 'read') blockRead += entry.value;
    else if (op === 'write') blockWrite += entry.value;
  }
  return {
    read: raw.read ?? '',
    cpuPercent: cpuPercent(raw),
    onlineCpus: onlineCpus(raw),
    memoryUsage,
    memoryLimit,
    memoryPercent: memoryLimit > 0 ? (memoryUsage / memoryLimit) * 100 : 0,
    networkRx,
    networkTx,
    blockRead,
    blockWrite,
    pids: raw.pids_stats?.current ?? 0,
    raw: raw as Record<string, unknown>,
  };
}
