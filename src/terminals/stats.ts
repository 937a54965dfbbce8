/**
 * Container stats printed the way `docker stats` prints them: sizes in docker's units,
 * percentages with two decimals. The numbers come computed from the engine layer
 * (src/engine/stats.ts); this module only formats them.
 */
import type { ContainerStats } from '../engine/types';

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
export function statsRow(id: string, name: string, values: ContainerStats | undefined): string[] {
  if (!values) return [id.slice(0, 12), name, '--', '-- / --', '--', '-- / --', '-- / --', '--'];
  return [
    id.slice(0, 12),
    name,
    formatPercent(values.cpuPercent),
    `${formatBinarySize(values.memoryUsage)} / ${formatBinarySize(values.memoryLimit)}`,
    formatPercent(values.memoryPercent),
    `${formatDecimalSize(values.networkRx)} / ${formatDecimalSize(values.networkTx)}`,
    `${formatDecimalSize(values.blockRead)} / ${formatDecimalSize(values.blockWrite)}`,
    String(values.pids),
  ];
}
