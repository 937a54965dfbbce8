/** The Volumes tree as pure functions: each volume with the containers that mount it. */
import * as l10n from '@vscode/l10n';
import type { ContainerSummary, VolumeSummary } from '../engine/types';
import { FilesNode, filesNodeItem, isFilesNode, volumeFilesNode } from '../files/nodes';
import { isVolumeHelper } from '../volumes/helperLabel';
import type { ItemSpec } from './spec';
import { mdCode, mdText } from './markdown';

export type VolumeNode =
  | { kind: 'volume'; volume: VolumeSummary; containers: ContainerSummary[] }
  | { kind: 'volumeContainer'; volume: VolumeSummary; container: ContainerSummary; destination: string }
  /** The volume's Files and what is under them; their children come from src/files when expanded. */
  | FilesNode;

/** Users come from the Containers store's mounts, so the Volumes view costs one list call. */
export function arrangeVolumes(volumes: readonly VolumeSummary[], containers: readonly ContainerSummary[]): VolumeNode[] {
  return [...volumes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((volume) => ({
      kind: 'volume',
      volume,
      containers: containers.filter((c) => !isVolumeHelper(c) && c.mounts.some((m) => m.type === 'volume' && m.name === volume.name)).sort((a, b) => a.name.localeCompare(b.name)),
    }));
}

export function volumeChildren(node: VolumeNode): VolumeNode[] {
  if (node.kind !== 'volume') return [];
  return [volumeFilesNode(node.volume.name), ...node.containers.map((container): VolumeNode => ({
    kind: 'volumeContainer',
    volume: node.volume,
    container,
    destination: container.mounts.find((m) => m.type === 'volume' && m.name === node.volume.name)?.destination ?? '',
  }))];
}

/** A volume's Files node hangs under the volume (for reveal). */
export function volumeParent(node: VolumeNode, roots: readonly VolumeNode[]): VolumeNode | undefined {
  if (node.kind === 'filesRoot') return roots.find((r) => r.kind === 'volume' && r.volume.name === node.container.id);
  if (node.kind === 'volumeContainer') return roots.find((r) => r.kind === 'volume' && r.volume.name === node.volume.name);
  return undefined;
}

/** Anonymous volumes are named by a 64-hex id: show it short. */
export function volumeLabel(volume: Pick<VolumeSummary, 'name'>): string {
  return /^[0-9a-f]{64}$/.test(volume.name) ? l10n.t('{0}… (anonymous)', volume.name.slice(0, 12)) : volume.name;
}

export function volumeItem(node: Extract<VolumeNode, { kind: 'volume' }>): ItemSpec {
  const { volume } = node;
  const used = node.containers.length;
  return {
    id: `volume:${volume.name}`,
    label: volumeLabel(volume),
    description: [volume.driver, used === 0 ? l10n.t('unused') : used === 1 ? l10n.t('1 container') : l10n.t('{0} containers', used)].join(' · '),
    tooltip: [`**${mdText(volume.name)}**`, '', l10n.t('Driver: {0}', mdText(volume.driver)), l10n.t('Mountpoint: {0}', mdCode(volume.mountpoint)), l10n.t('Used by: {0}', mdText(node.containers.map((c) => c.name).join(', ') || l10n.t('no container')))].join('  \n'),
    contextValue: used > 0 ? 'volume.inUse' : 'volume.unused',
    icon: { id: 'database', color: used > 0 ? 'testing.iconPassed' : undefined },
    // Every volume has its Files below it.
    collapsible: true,
  };
}

export function volumeContainerItem(node: Extract<VolumeNode, { kind: 'volumeContainer' }>): ItemSpec {
  return {
    id: `volume:${node.volume.name}:container:${node.container.id}`,
    label: node.container.name,
    description: `${node.destination} · ${node.container.state}`,
    contextValue: `volume.container.${node.container.state}`,
    icon: { id: node.container.state === 'running' ? 'vm-running' : 'vm-outline', color: node.container.state === 'running' ? 'testing.iconPassed' : 'disabledForeground' },
    collapsible: false,
  };
}

export function volumeNodeItem(node: VolumeNode): ItemSpec {
  if (isFilesNode(node)) return filesNodeItem(node);
  return node.kind === 'volume' ? volumeItem(node) : volumeContainerItem(node);
}
