/** The Networks tree as pure functions: custom networks, built-in ones behind a toggle, connected containers as children. */
import * as l10n from '@vscode/l10n';
import type { ContainerSummary, NetworkSummary } from '../engine/types';
import type { ItemSpec } from './spec';
import { mdCode, mdText } from './markdown';

export type NetworkNode =
  | { kind: 'network'; network: NetworkSummary; containers: ContainerSummary[] }
  | { kind: 'networkContainer'; network: NetworkSummary; container: ContainerSummary };

const builtInNames: ReadonlySet<string> = new Set(['bridge', 'host', 'none']);

export function isBuiltInNetwork(network: Pick<NetworkSummary, 'name'>): boolean {
  return builtInNames.has(network.name);
}

/** Connected containers come from the Containers store (their network names), so listing costs no inspect per network. */
export function arrangeNetworks(networks: readonly NetworkSummary[], containers: readonly ContainerSummary[], options: { showBuiltIn: boolean }): NetworkNode[] {
  return networks
    .filter((n) => options.showBuiltIn || !isBuiltInNetwork(n))
    .sort((a, b) => Number(isBuiltInNetwork(a)) - Number(isBuiltInNetwork(b)) || a.name.localeCompare(b.name))
    .map((network) => ({
      kind: 'network',
      network,
      containers: containers.filter((c) => c.networks.includes(network.name)).sort((a, b) => a.name.localeCompare(b.name)),
    }));
}

export function networkChildren(node: NetworkNode): NetworkNode[] {
  return node.kind === 'network' ? node.containers.map((container) => ({ kind: 'networkContainer', network: node.network, container })) : [];
}

export function networkItem(node: Extract<NetworkNode, { kind: 'network' }>): ItemSpec {
  const { network } = node;
  const builtIn = isBuiltInNetwork(network);
  const subnet = network.ipam.map((i) => i.subnet).filter(Boolean).join(', ');
  return {
    id: `network:${network.id}`,
    label: network.name,
    description: [network.driver, subnet, network.internal ? l10n.t('internal') : '', node.containers.length === 1 ? l10n.t('1 container') : l10n.t('{0} containers', node.containers.length)].filter(Boolean).join(' · '),
    tooltip: [
      `**${mdText(network.name)}**${builtIn ? ` ${l10n.t('(built in)')}` : ''}`,
      '',
      l10n.t('ID: {0}', mdCode(network.id.slice(0, 12))),
      l10n.t('Driver: {0}, scope {1}', mdText(network.driver), mdText(network.scope)),
      ...network.ipam.map((i) => mdText([l10n.t('Subnet: {0}', i.subnet ?? '?'), i.ipRange ? l10n.t('range {0}', i.ipRange) : '', i.gateway ? l10n.t('gateway {0}', i.gateway) : ''].filter(Boolean).join(', '))),
      network.internal ? l10n.t('Internal: no outside access') : '',
    ].filter(Boolean).join('  \n'),
    contextValue: `network.${builtIn ? 'builtIn' : 'custom'}${node.containers.length > 0 ? '.inUse' : ''}`,
    icon: { id: builtIn ? 'globe' : 'type-hierarchy', color: node.containers.length > 0 ? 'testing.iconPassed' : undefined },
    collapsible: node.containers.length > 0,
  };
}

export function networkContainerItem(node: Extract<NetworkNode, { kind: 'networkContainer' }>): ItemSpec {
  return {
    id: `network:${node.network.id}:container:${node.container.id}`,
    label: node.container.name,
    description: `${node.container.image} · ${node.container.state}`,
    contextValue: `network.container.${node.container.state}`,
    icon: { id: node.container.state === 'running' ? 'vm-running' : 'vm-outline', color: node.container.state === 'running' ? 'testing.iconPassed' : 'disabledForeground' },
    collapsible: false,
  };
}

export function networkNodeItem(node: NetworkNode): ItemSpec {
  return node.kind === 'network' ? networkItem(node) : networkContainerItem(node);
}
