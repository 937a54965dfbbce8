/** The Volumes tree as pure functions: each volume with the containers that mount it. */
import type { ContainerSummary, VolumeSummary } from '../engine/types';
import type { ItemSpec } from './spec';
import { mdCode, mdText } from './markdown';

export type VolumeNode =
  | { kind: 'volume'; volume: VolumeSummary; containers: ContainerSummary[] }
  | { kind: 'volumeContainer'; volume: VolumeSummary; container: ContainerSummary; destination: string };

/** Users come from the Containers store's mounts, so the Volumes view costs one list call. */
export function arrangeVolumes(volumes: readonly VolumeSummary[], containers: readonly ContainerSummary[]): VolumeNode[] {
  return [...volumes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((volume) => ({
      kind: 'volume',
      volume,
      containers: containers.filter((c) => c.mounts.some((m) => m.type === 'volume' && m.name === volume.name)).sort((a, b) => a.name.localeCompare(b.name)),
    }));
}

export function volumeChildren(node: VolumeNode): VolumeNode[] {
  if (node.kind !== 'volume') return [];
  return node.containers.map((container) => ({
    kind: 'volumeContainer',
    volume: node.volume,
    container,
    destination: container.mounts.find((m) => m.type === 'volume' && m.name === node.volume.name)?.destination ?? '',
  }));
}

/** Anonymous volumes are named by a 64-hex id: show it short. */
export function volumeLabel(volume: Pick<VolumeSummary, 'name'>): string {
  return /^[0-9a-f]{64}$/.test(volume.name) ? `${volume.name.slice(0, 12)}… (anonymous)` : volume.name;
}

export function volumeItem(node: Extract<VolumeNode, { kind: 'volume' }>): ItemSpec {
  const { volume } = node;
  const used = node.containers.length;
  return {
    id: `volume:${volume.name}`,
    label: volumeLabel(volume),
    description: [volume.driver, used > 0 ? `${used} container${used === 1 ? '' : 's'}` : 'unused'].join(' · '),
    tooltip: [`**${mdText(volume.name)}**`, '', `Driver: ${mdText(volume.driver)}`, `Mountpoint: ${mdCode(volume.mountpoint)}`, `Used by: ${mdText(node.containers.map((c) => c.name).join(', ') || 'no container')}`].join('  \n'),
    contextValue: used > 0 ? 'volume.inUse' : 'volume.unused',
    icon: { id: 'database', color: used > 0 ? 'testing.iconPassed' : undefined },
    collapsible: used > 0,
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
  return node.kind === 'volume' ? volumeItem(node) : volumeContainerItem(node);
}
