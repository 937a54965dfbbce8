/**
 * Container tree items as a pure function of the data: what the item shows, its
 * context value (which drives the menus) and its icon. The provider turns this
 * spec into a vscode.TreeItem; unit tests check the spec without VS Code.
 */
import * as l10n from '@vscode/l10n';
import type { ContainerField } from '../config/schema';
import type { ContainerSummary, MountSummary, PortMapping } from '../engine/types';
import { formatAge, formatPorts } from './format';
import type { IconSpec, ItemSpec } from './spec';
import { mdCode, mdText } from './markdown';

export type { ItemSpec } from './spec';

export interface ContainerDisplay {
  label: ContainerField;
  description: ContainerField[];
  /** The engine's host when it is another machine (tcp://, ssh://): published ports are there, not on localhost. */
  engineHost?: string;
}

export const defaultDisplay: ContainerDisplay = { label: 'name', description: ['image', 'status', 'ports'] };

const stateIcons: Record<ContainerSummary['state'], IconSpec> = {
  running: { id: 'vm-running', color: 'testing.iconPassed' },
  paused: { id: 'debug-pause', color: 'editorWarning.foreground' },
  restarting: { id: 'debug-restart', color: 'editorWarning.foreground' },
  exited: { id: 'vm-outline', color: 'disabledForeground' },
  created: { id: 'vm-outline', color: 'descriptionForeground' },
  dead: { id: 'error', color: 'errorForeground' },
  removing: { id: 'trash', color: 'disabledForeground' },
};

export function containerIcon(c: ContainerSummary): IconSpec {
  if (c.state === 'running' && c.health === 'unhealthy') return { id: 'vm-active', color: 'errorForeground' };
  if (c.state === 'running' && c.health === 'starting') return { id: 'vm-active', color: 'editorWarning.foreground' };
  if (c.state === 'running' && c.health === 'healthy') return { id: 'pass-filled', color: 'testing.iconPassed' };
  return stateIcons[c.state];
}

export function containerField(c: ContainerSummary, field: ContainerField, now: number = Date.now()): string {
  switch (field) {
    case 'name': return c.name;
    case 'image': return c.image;
    case 'status': return c.status;
    case 'ports': return formatPorts(c.ports);
    case 'created': return formatAge(c.created, now);
  }
}

/** `container.running`, `container.exited`, ... plus `.health-<h>` so menus can still match the state prefix. */
export function containerContext(c: ContainerSummary): string {
  return `container.${c.state}${c.health ? `.health-${c.health}` : ''}`;
}

export function containerItem(c: ContainerSummary, display: ContainerDisplay = defaultDisplay, now: number = Date.now()): ItemSpec {
  const label = containerField(c, display.label, now) || c.name;
  return {
    id: `container:${c.id}`,
    label,
    description: display.description.filter((f) => f !== display.label).map((f) => containerField(c, f, now)).filter(Boolean).join(' · '),
    contextValue: containerContext(c),
    icon: containerIcon(c),
    // Its ports, mounts, Files and Changes are its children.
    collapsible: true,
  };
}

/** The markdown tooltip: built only when VS Code asks (resolveTreeItem), from data the list already has. */
export function containerTooltip(c: ContainerSummary): string {
  const lines = [
    `**${mdText(c.name)}** — ${mdText(c.state)}${c.health ? ` (${mdText(c.health)})` : ''}`,
    '',
    l10n.t('Status: {0}', mdText(c.status)),
    l10n.t('Image: {0}', mdCode(c.image)),
    l10n.t('Command: {0}', mdCode(c.command)),
    l10n.t('ID: {0}', mdCode(c.id.slice(0, 12))),
    l10n.t('Ports: {0}', mdText(formatPorts(c.ports) || l10n.t('none'))),
    l10n.t('Mounts: {0}', mdText(c.mounts.map((m) => `${m.name ?? m.source} → ${m.destination}${m.readOnly ? ' (ro)' : ''}`).join(', ') || l10n.t('none'))),
    l10n.t('Networks: {0}', mdText(c.networks.join(', ') || l10n.t('none'))),
  ];
  const project = c.labels[composeProjectLabel];
  const service = c.labels['com.docker.compose.service'];
  if (project) lines.push(service ? l10n.t('Compose project: {0}, service {1}', mdText(project), mdText(service)) : l10n.t('Compose project: {0}', mdText(project)));
  return lines.join('  \n');
}

export const composeProjectLabel = 'com.docker.compose.project';

/**
 * The address a published port answers on, for the browser. A port published on every
 * address (0.0.0.0, ::) is on the engine's host: localhost for a local engine, the
 * endpoint's host for a tcp:// or ssh:// one. A loopback binding on a remote engine keeps
 * its address (portReachability says it cannot be reached from here).
 */
export function portUrl(port: PortMapping, engineHost?: string): string | undefined {
  if (port.publicPort === undefined || port.type !== 'tcp') return undefined;
  const everywhere = !port.ip || port.ip === '0.0.0.0' || port.ip === '::';
  const host = everywhere ? engineHost ?? 'localhost' : port.ip!;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port.publicPort}`;
}

/** Why a published port cannot be opened from this machine, when that is known from the binding alone. */
export function portReachability(port: PortMapping, engineHost?: string): string | undefined {
  if (!engineHost || !port.ip || !/^(127\.|::1$|localhost$)/.test(port.ip)) return undefined;
  return l10n.t('Port {0} is published on {1} of the engine\'s host {2}, which this machine cannot reach. Publish it on all addresses (e.g. {3}), or forward it ({4}).', port.publicPort ?? '', port.ip, engineHost, `${port.publicPort}:${port.privatePort}`, `ssh -L ${port.publicPort}:${port.ip}:${port.publicPort} ${engineHost}`);
}

/** Published ports, one per host port (IPv4 and IPv6 bindings of one port fold into one). */
export function publishedPorts(c: ContainerSummary): PortMapping[] {
  const seen = new Set<string>();
  return c.ports
    .filter((p) => p.publicPort !== undefined)
    .sort((a, b) => (a.publicPort ?? 0) - (b.publicPort ?? 0))
    .filter((p) => {
      const key = `${p.publicPort}/${p.type}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export function portItem(c: ContainerSummary, port: PortMapping, engineHost?: string): ItemSpec {
  const url = portUrl(port, engineHost);
  return {
    id: `container:${c.id}:port:${port.ip ?? ''}:${port.publicPort}/${port.type}`,
    label: `${port.publicPort}→${port.privatePort}/${port.type}`,
    description: url ?? port.ip,
    tooltip: url ? l10n.t('Open {0} in the browser', mdText(url)) : undefined,
    contextValue: url ? 'container.port.http' : 'container.port',
    icon: { id: 'plug' },
    collapsible: false,
    command: url ? { command: 'berth.containers.openPort', title: l10n.t('Open in Browser'), arguments: [{ kind: 'port', container: c, port }] } : undefined,
  };
}

/** "volume mount: volume data → /data, read-only": whole sentences for each kind and mode. */
function mountTooltip(mount: MountSummary): string {
  const source = mount.type === 'volume' ? l10n.t('volume {0}', mount.name ?? mount.source) : mount.source;
  return mount.readOnly
    ? l10n.t('{0} mount: {1} → {2}, read-only', mount.type, source, mount.destination)
    : l10n.t('{0} mount: {1} → {2}', mount.type, source, mount.destination);
}

export function mountItem(c: ContainerSummary, mount: MountSummary): ItemSpec {
  const isVolume = mount.type === 'volume';
  return {
    id: `container:${c.id}:mount:${mount.destination}`,
    label: mount.destination,
    description: `${isVolume ? mount.name ?? mount.source : mount.source}${mount.readOnly ? ` ${l10n.t('(read-only)')}` : ''}`,
    tooltip: mdText(mountTooltip(mount)),
    contextValue: `container.mount.${mount.type}`,
    icon: { id: isVolume ? 'database' : mount.type === 'bind' ? 'folder' : 'file-symlink-directory' },
    collapsible: false,
  };
}
