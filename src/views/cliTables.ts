/**
 * What `docker diff`, `docker history` and `docker ps -s` print, as plain-text tables
 * for read-only documents: a person who learned the CLI finds the same columns here.
 */
import * as l10n from '@vscode/l10n';
import type { ContainerSummaryWithSize, FileChange, ImageHistoryEntry } from '../engine/types';
import { formatAge, formatSize } from './format';

/** Pads each column to its widest cell, three spaces apart, like the CLI's tables. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('   ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

const changeLetter: Record<FileChange['kind'], string> = { added: 'A', changed: 'C', deleted: 'D' };

/** `docker diff`: one line per path, A (added), C (changed) or D (deleted). */
export function changesText(name: string, changes: readonly FileChange[]): string {
  if (changes.length === 0) return `# docker diff ${name}\n# ${l10n.t('No changes against the image.')}\n`;
  return `# docker diff ${name} ${l10n.t('(A added, C changed, D deleted)')}\n${changes.map((c) => `${changeLetter[c.kind]} ${c.path}`).join('\n')}\n`;
}

/** `docker history`: newest layer first, the instruction that made it, its size. */
export function historyText(reference: string, layers: readonly ImageHistoryEntry[], now: number = Date.now()): string {
  const rows = layers.map((l) => [
    l.id && l.id !== '<missing>' ? l.id.replace(/^sha256:/, '').slice(0, 12) : '<missing>',
    formatAge(l.created, now),
    l.createdBy.replace(/\s+/g, ' ').trim(),
    formatSize(l.size),
    l.comment ?? '',
  ]);
  return `# docker history ${reference}\n${table(['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'], rows)}`;
}

/** `docker ps -a -s`: each container's writable layer, and with the image beneath it (virtual). */
export function sizesText(containers: readonly ContainerSummaryWithSize[]): string {
  const rows = [...containers].sort((a, b) => (b.sizeRw ?? 0) - (a.sizeRw ?? 0) || a.name.localeCompare(b.name)).map((c) => [
    c.name, c.image, c.state, formatSize(c.sizeRw ?? 0), l10n.t('(virtual {0})', formatSize(c.sizeRootFs ?? 0)),
  ]);
  return `# docker ps -a -s\n${table(['NAME', 'IMAGE', 'STATE', 'SIZE', ''], rows)}`;
}
