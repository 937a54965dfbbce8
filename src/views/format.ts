/** Presentation as small pure functions: sizes, ages, ports. */
import * as l10n from '@vscode/l10n';
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

/** What a count names: each noun has its own one and many sentences, so a translation can word them. */
export type CountedNoun = 'container' | 'image' | 'image layer' | 'dangling image' | 'network' | 'volume' | 'entry';

/** "1 container", "3 containers": a whole phrase per noun and number. */
export function countText(count: number, noun: CountedNoun): string {
  const one = count === 1;
  switch (noun) {
    case 'container': return one ? l10n.t('1 container') : l10n.t('{0} containers', count);
    case 'image': return one ? l10n.t('1 image') : l10n.t('{0} images', count);
    case 'image layer': return one ? l10n.t('1 image layer') : l10n.t('{0} image layers', count);
    case 'dangling image': return one ? l10n.t('1 dangling image') : l10n.t('{0} dangling images', count);
    case 'network': return one ? l10n.t('1 network') : l10n.t('{0} networks', count);
    case 'volume': return one ? l10n.t('1 volume') : l10n.t('{0} volumes', count);
    case 'entry': return one ? l10n.t('1 entry') : l10n.t('{0} entries', count);
  }
}

/** "3 minutes ago" style age from Unix seconds, relative to `now` (ms). */
export function formatAge(createdSeconds: number, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.floor(now / 1000 - createdSeconds));
  // One sentence per unit and number, so a translation words each its own way.
  const steps: [number, () => string, (n: number) => string][] = [
    [60 * 60 * 24 * 365, () => l10n.t('1 year ago'), (n) => l10n.t('{0} years ago', n)],
    [60 * 60 * 24 * 30, () => l10n.t('1 month ago'), (n) => l10n.t('{0} months ago', n)],
    [60 * 60 * 24 * 7, () => l10n.t('1 week ago'), (n) => l10n.t('{0} weeks ago', n)],
    [60 * 60 * 24, () => l10n.t('1 day ago'), (n) => l10n.t('{0} days ago', n)],
    [60 * 60, () => l10n.t('1 hour ago'), (n) => l10n.t('{0} hours ago', n)],
    [60, () => l10n.t('1 minute ago'), (n) => l10n.t('{0} minutes ago', n)],
  ];
  for (const [size, one, many] of steps) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return count === 1 ? one() : many(count);
  }
  return l10n.t('just now');
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
