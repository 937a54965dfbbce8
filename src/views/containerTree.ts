/**
 * The Containers tree's shape as pure functions: which containers show (filter,
 * stopped ones), in which order, under which groups, and what is under a container
 * (ports, mounts, then the Files and Changes nodes of src/files). Elements are plain
 * records; the provider renders them with the item functions.
 */
import * as l10n from '@vscode/l10n';
import type { ContainerGroupBy, ContainerSortBy } from '../config/schema';
import type { ContainerSummary, MountSummary, PortMapping } from '../engine/types';
import { composeProjectLabel, containerItem, ContainerDisplay, mountItem, portItem, publishedPorts } from './containerItems';
import { containerChildNodes, FilesNode, filesNodeItem } from '../files/nodes';
import { isVolumeHelper } from '../volumes/helperLabel';
import type { ItemSpec } from './spec';
import { mdText } from './markdown';

export type ContainerNode =
  | { kind: 'container'; container: ContainerSummary }
  | { kind: 'containerGroup'; by: Exclude<ContainerGroupBy, 'none'>; key: string; containers: ContainerSummary[] }
  | { kind: 'port'; container: ContainerSummary; port: PortMapping }
  | { kind: 'mount'; container: ContainerSummary; mount: MountSummary }
  /** Files, Changes and what is under them; their children come from src/files when expanded. */
  | FilesNode;

export interface ContainerArrangement {
  groupBy: ContainerGroupBy;
  sortBy: ContainerSortBy;
  showStopped: boolean;
  /** Case-insensitive text matched against name, image, status, ports' text and compose project. */
  filter: string;
}

const activeStates: ReadonlySet<string> = new Set(['running', 'paused', 'restarting']);

export function isActive(c: ContainerSummary): boolean {
  return activeStates.has(c.state);
}

export function matchesFilter(c: ContainerSummary, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [c.name, c.image, c.status, c.state, c.id.slice(0, 12), c.labels[composeProjectLabel] ?? '', ...c.ports.map((p) => String(p.publicPort ?? p.privatePort))];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

function compare(sortBy: ContainerSortBy): (a: ContainerSummary, b: ContainerSummary) => number {
  return sortBy === 'name'
    ? (a, b) => a.name.localeCompare(b.name)
    : (a, b) => b.created - a.created || a.name.localeCompare(b.name);
}

export function groupKey(c: ContainerSummary, by: Exclude<ContainerGroupBy, 'none'>): string {
  switch (by) {
    case 'composeProject': return c.labels[composeProjectLabel] ?? '';
    case 'state': return c.state;
    case 'image': return c.image;
  }
}

const stateOrder = ['running', 'restarting', 'paused', 'created', 'exited', 'dead', 'removing'];

/** The top level of the tree. Containers outside any compose project stay at the top level, after the projects. */
export function arrangeContainers(all: readonly ContainerSummary[], arrangement: ContainerArrangement): ContainerNode[] {
  const visible = all
    .filter((c) => !isVolumeHelper(c))
    .filter((c) => arrangement.showStopped || isActive(c))
    .filter((c) => matchesFilter(c, arrangement.filter))
    .sort(compare(arrangement.sortBy));
  const by = arrangement.groupBy;
  if (by === 'none') return visible.map((container) => ({ kind: 'container', container }));
  const groups = new Map<string, ContainerSummary[]>();
  const loose: ContainerSummary[] = [];
  for (const c of visible) {
    const key = groupKey(c, by);
    const group = key ? groups.get(key) : undefined;
    if (!key) loose.push(c);
    else if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const keys = [...groups.keys()].sort(by === 'state' ? (a, b) => stateOrder.indexOf(a) - stateOrder.indexOf(b) : (a, b) => a.localeCompare(b));
  return [
    ...keys.map((key): ContainerNode => ({ kind: 'containerGroup', by, key, containers: groups.get(key)! })),
    ...loose.map((container): ContainerNode => ({ kind: 'container', container })),
  ];
}

export function containerChildren(node: ContainerNode): ContainerNode[] {
  switch (node.kind) {
    case 'containerGroup':
      return node.containers.map((container) => ({ kind: 'container', container }));
    case 'container':
      return [
        ...publishedPorts(node.container).map((port): ContainerNode => ({ kind: 'port', container: node.container, port })),
        ...node.container.mounts.map((mount): ContainerNode => ({ kind: 'mount', container: node.container, mount })),
        ...containerChildNodes(node.container),
      ];
    default:
      return [];
  }
}

export function groupItem(node: Extract<ContainerNode, { kind: 'containerGroup' }>): ItemSpec {
  const running = node.containers.filter((c) => c.state === 'running').length;
  const icon = node.by === 'composeProject' ? 'layers' : node.by === 'image' ? 'package' : 'symbol-enum';
  return {
    id: `containerGroup:${node.by}:${node.key}`,
    label: node.key,
    description: l10n.t('{0}/{1} running', running, node.containers.length),
    tooltip: (node.by === 'composeProject' ? l10n.t('Compose project {0}: {1} container(s), {2} running', mdText(node.key), node.containers.length, running)
      : node.by === 'image' ? l10n.t('Image {0}: {1} container(s), {2} running', mdText(node.key), node.containers.length, running)
        : l10n.t('State {0}: {1} container(s), {2} running', mdText(node.key), node.containers.length, running)),
    // Only compose projects have group actions (start, stop, restart, remove all).
    contextValue: `containerGroup.${node.by}${running > 0 ? '.running' : ''}${running < node.containers.length ? '.stopped' : ''}`,
    icon: { id: icon, color: running > 0 ? 'testing.iconPassed' : undefined },
    collapsible: 'expanded',
  };
}

export function containerNodeItem(node: ContainerNode, display: ContainerDisplay, now: number = Date.now()): ItemSpec {
  switch (node.kind) {
    case 'container': return containerItem(node.container, display, now);
    case 'containerGroup': return groupItem(node);
    case 'port': return portItem(node.container, node.port, display.engineHost);
    case 'mount': return mountItem(node.container, node.mount);
    default: return filesNodeItem(node);
  }
}

/**
 * The parent of a node for reveal: a port, mount, Files or Changes is under its
 * container, a container under its group when the tree is grouped. Nodes deeper in
 * Files and Changes ask src/files first (`FilesTree.parentOf`).
 */
export function containerParent(node: ContainerNode, roots: readonly ContainerNode[]): ContainerNode | undefined {
  switch (node.kind) {
    case 'containerGroup': return undefined;
    case 'container': return roots.find((r) => r.kind === 'containerGroup' && r.containers.some((c) => c.id === node.container.id));
    case 'port':
    case 'mount': return { kind: 'container', container: node.container };
    default: {
      // Files nodes name their container by id and name only: the parent is the listed one.
      const id = node.container.id;
      for (const r of roots) {
        if (r.kind === 'container' && r.container.id === id) return r;
        const inGroup = r.kind === 'containerGroup' ? r.containers.find((c) => c.id === id) : undefined;
        if (inGroup) return { kind: 'container', container: inGroup };
      }
      return undefined;
    }
  }
}

/**
 * The Containers view's badge: the containers the running-only list shows (running,
 * paused, restarting), so the number matches that list, with the tooltip saying which
 * states it counts.
 */
export function activeBadge(all: readonly ContainerSummary[]): { value: number; tooltip: string } | undefined {
  const active = all.filter(isActive);
  if (active.length === 0) return undefined;
  const byState = new Map<string, number>();
  for (const c of active) byState.set(c.state, (byState.get(c.state) ?? 0) + 1);
  const parts = [...byState].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([state, n]) => `${n} ${state}`);
  return { value: active.length, tooltip: active.length === 1 ? l10n.t('1 container up: {0}', parts.join(', ')) : l10n.t('{0} containers up: {1}', active.length, parts.join(', ')) };
}

/** The Containers view's description: what narrows the list (a filter, stopped containers hidden). */
export function containersDescription(filter: string, showStopped: boolean): string | undefined {
  return [filter ? l10n.t('filter: {0}', filter) : '', showStopped ? '' : l10n.t('running only')].filter(Boolean).join(' · ') || undefined;
}
