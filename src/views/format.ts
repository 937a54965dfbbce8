/** Presentation as small pure functions: sizes, ages, ports. */
import { PortMapping } from '../engine/types';

export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** "3 minutes ago" style age from Unix seconds, relative to `now` (ms). */
export function formatAge(createdSeconds: number, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.floor(now / 1000 - createdSeconds));
  const steps: [number, string][] = [
    [60 * 60 * 24 * 365, 'year'],
    [60 * 60 * 24 * 30, 'month'],
    [60 * 60 * 24 * 7, 'week'],
    [60 * 60 * 24, 'day'],
    [60 * 60, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of steps) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${name}${count === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

/** "127.0.0.1:8080→80/tcp, 443/tcp" like `docker ps`, published ports first, no duplicates across IPv4/IPv6. */
export function formatPorts(ports: PortMapping[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  const sorted = [...ports].sort((a, b) => Number(b.publicPort !== undefined) - Number(a.publicPort !== undefined) || a.privatePort - b.privatePort);
  for (const p of sorted) {
    const text = p.publicPort !== undefined
      ? `${p.ip && p.ip !== '0.0.0.0' && p.ip !== '::' ? `${p.ip}:` : ''}${p.publicPort}→${p.privatePort}/${p.type}`
      : `${p.privatePort}/${p.type}`;
    if (!seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  }
  return parts.join(', ');
}
