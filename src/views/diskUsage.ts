/** The disk usage report (`docker system df -v`) as markdown, a pure function of the engine's answer. */
import * as l10n from '@vscode/l10n';
import type { DiskUsage } from '../engine/types';
import { formatSize } from './format';

export function diskUsageReport(df: DiskUsage, endpoint: string): string {
  const imageTotal = df.images.reduce((sum, i) => sum + i.size - i.sharedSize, 0) + df.images.reduce((max, i) => Math.max(max, i.sharedSize), 0);
  const imagesInUse = df.images.filter((i) => i.containers > 0);
  const reclaimableImages = df.images.filter((i) => i.containers <= 0).reduce((sum, i) => sum + i.size - i.sharedSize, 0);
  const containerTotal = df.containers.reduce((sum, c) => sum + c.sizeRw, 0);
  const reclaimableContainers = df.containers.filter((c) => c.state !== 'running' && c.state !== 'paused').reduce((sum, c) => sum + c.sizeRw, 0);
  const volumeTotal = df.volumes.reduce((sum, v) => sum + Math.max(0, v.size), 0);
  const reclaimableVolumes = df.volumes.filter((v) => v.refCount === 0).reduce((sum, v) => sum + Math.max(0, v.size), 0);
  const cacheTotal = df.buildCache.reduce((sum, b) => sum + b.size, 0);
  const reclaimableCache = df.buildCache.filter((b) => !b.inUse).reduce((sum, b) => sum + b.size, 0);
  const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    `# ${l10n.t('Disk usage of {0}', endpoint)}`,
    '',
    row([l10n.t('Type'), l10n.t('Total'), l10n.t('Active'), l10n.t('Size'), l10n.t('Reclaimable')]),
    row(['---', '---:', '---:', '---:', '---:']),
    row([l10n.t('Images'), df.images.length, imagesInUse.length, formatSize(Math.max(df.layersSize, imageTotal)), formatSize(reclaimableImages)]),
    row([l10n.t('Containers'), df.containers.length, df.containers.filter((c) => c.state === 'running').length, formatSize(containerTotal), formatSize(reclaimableContainers)]),
    row([l10n.t('Local volumes'), df.volumes.length, df.volumes.filter((v) => v.refCount > 0).length, formatSize(volumeTotal), formatSize(reclaimableVolumes)]),
    row([l10n.t('Build cache'), df.buildCache.length, df.buildCache.filter((b) => b.inUse).length, formatSize(cacheTotal), formatSize(reclaimableCache)]),
    '',
    `## ${l10n.t('Images')}`,
    '',
    row([l10n.t('Image'), l10n.t('Size'), l10n.t('Shared'), l10n.t('Containers')]),
    row(['---', '---:', '---:', '---:']),
    ...[...df.images].sort((a, b) => b.size - a.size).map((i) => row([i.repoTags.length > 0 ? i.repoTags.join(', ') : `<none> ${i.id.replace(/^sha256:/, '').slice(0, 12)}`, formatSize(i.size), formatSize(i.sharedSize), i.containers])),
    '',
    `## ${l10n.t('Containers')}`,
    '',
    row([l10n.t('Container'), l10n.t('State'), l10n.t('Writable layer'), l10n.t('Image size')]),
    row(['---', '---', '---:', '---:']),
    ...[...df.containers].sort((a, b) => b.sizeRw - a.sizeRw).map((c) => row([c.name, c.state, formatSize(c.sizeRw), formatSize(c.sizeRootFs)])),
    '',
    `## ${l10n.t('Volumes')}`,
    '',
    row([l10n.t('Volume'), l10n.t('Size'), l10n.t('Containers')]),
    row(['---', '---:', '---:']),
    ...[...df.volumes].sort((a, b) => b.size - a.size).map((v) => row([v.name, v.size < 0 ? '?' : formatSize(v.size), v.refCount < 0 ? '?' : v.refCount])),
    '',
  ];
  return lines.join('\n');
}
