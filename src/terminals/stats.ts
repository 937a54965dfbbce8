/**
 * Container stats the way `docker stats` computes and prints them, as pure functions
 * of the engine's stats JSON: CPU % from the usage deltas scaled by the online CPUs,
 * memory without the page cache, network and block I/O summed, sizes in docker's units.
 */
export interface CpuStats {
  cpu_usage: { total_usage: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The part of GET /containers/{id}/stats that `docker stats` reads. */
export interface RawStats {
  read?: string;
  cpu_stats: CpuStats;
  precpu_stats: CpuStats;
  memory_stats: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
  pids_stats?: { current?: number };
}

export interface StatsValues {
  cpuPercent: number;
  memUsed: number;
  memLimit: number;
  memPercent: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

export function cpuPercent(stats: RawStats): number {
  const cpuDelta = stats.cpu_stats.cpu_usage.total_usage - (stats.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (stats.cpu_stats.system_cpu_usage ?? 0) - (stats.precpu_stats?.system_cpu_usage ?? 0);
  const online = stats.cpu_stats.online_cpus || stats.cpu_stats.cpu_usage.percpu_usage?.length || 0;
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * online * 100 : 0;
}

/** Usage minus inactive page cache: total_inactive_file on cgroup v1, inactive_file on v2. */
export function memoryUsed(memory: RawStats['memory_stats']): number {
  const usage = memory.usage ?? 0;
  const stats = memory.stats ?? {};
  if (stats.total_inactive_file !== undefined && stats.total_inactive_file < usage) return usage - stats.total_inactive_file;
  if (stats.inactive_file !== undefined && stats.inactive_file < usage) return usage - stats.inactive_file;
  return usage;
}

export function computeStats(stats: RawStats): StatsValues {
  const memUsed = memoryUsed(stats.memory_stats ?? {});
  const memLimit = stats.memory_stats?.limit ?? 0;
  let netRx = 0;
  let netTx = 0;
  for (const network of Object.values(stats.networks ?? {})) {
    netRx += network.rx_bytes;
    netTx += network.tx_bytes;
  }
  let blockRead = 0;
  let blockWrite = 0;
  for (const entry of stats.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op.toLowerCase();
    if (op === 'read') blockRead += entry.value;
    else if (op === 'write') blockWrite += entry.value;
  }
  return {
    cpuPercent: cpuPercent(stats),
    memUsed,
    memLimit,
    memPercent: memLimit > 0 ? (memUsed / memLimit) * 100 : 0,
    netRx,
    netTx,
    blockRead,
    blockWrite,
    pids: stats.pids_stats?.current ?? 0,
  };
}

/** Go's %.<precision>g: significant digits, trailing zeros dropped, no exponent for sizes. */
function goG(value: number, precision: number): string {
  if (value === 0) return '0';
  let text = value.toPrecision(precision);
  if (text.includes('e')) text = String(Math.round(value));
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function humanSize(bytes: number, base: number, units: string[], precision: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return `${goG(value, precision)}${units[unit]}`;
}

/** Memory sizes, binary units: "7.652MiB" (docker's units.BytesSize). */
export function formatBinarySize(bytes: number): string {
  return humanSize(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], 4);
}

/** I/O sizes, decimal units: "1.23kB" (docker's units.HumanSizeWithPrecision(x, 3)). */
export function formatDecimalSize(bytes: number): string {
  return humanSize(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB'], 3);
}

export function formatPercent(value: number): string {
  return `${value.toFixed(2)}%`;
}

export const statsHeaders = ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'];

/** One row of the table; `undefined` values (no sample yet, or the container stopped) print as "--". */
export function statsRow(id: string, name: string, values: StatsValues | undefined): string[] {
  if (!values) return [id.slice(0, 12), name, '--', '-- / --', '--', '-- / --', '-- / --', '--'];
  return [
    id.slice(0, 12),
    name,
    formatPercent(values.cpuPercent),
    `${formatBinarySize(values.memUsed)} / ${formatBinarySize(values.memLimit)}`,
    formatPercent(values.memPercent),
    `${formatDecimalSize(values.netRx)} / ${formatDecimalSize(values.netTx)}`,
    `${formatDecimalSize(values.blockRead)} / ${formatDecimalSize(values.blockWrite)}`,
    String(values.pids),
  ];
}
