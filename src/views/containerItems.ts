/**
 * Container tree items as a pure function of the data: what the item shows, its
 * context value (which drives the menus) and its icon. The provider turns this
 * spec into a vscode.TreeItem; unit tests check the spec without VS Code.
 */
import { ContainerSummary } from '../engine/types';
import { formatPorts } from './format';

export interface ItemSpec {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  contextValue: string;
  icon: { id: string; color?: string };
  collapsible: boolean;
}

const stateIcons: Record<ContainerSummary['state'], { id: string; color?: string }> = {
  running: { id: 'vm-running', color: 'testing.iconPassed' },
  paused: { id: 'debug-pause', color: 'editorWarning.foreground' },
  restarting: { id: 'debug-restart', color: 'editorWarning.foreground' },
  exited: { id: 'vm-outline', color: 'disabledForeground' },
  created: { id: 'vm-outline' },
  dead: { id: 'error', color: 'errorForeground' },
  removing: { id: 'trash', color: 'disabledForeground' },
};

export function containerIcon(c: ContainerSummary): { id: string; color?: string } {
  if (c.state === 'running' && c.health === 'unhealthy') return { id: 'vm-active', color: 'errorForeground' };
  if (c.state === 'running' && c.health === 'starting') return { id: 'vm-active', color: 'editorWarning.foreground' };
  return stateIcons[c.state];
}

export function containerItem(c: ContainerSummary): ItemSpec {
  const ports = formatPorts(c.ports);
  return {
    id: `container:${c.id}`,
    label: c.name,
    description: [c.image, c.status, ports].filter(Boolean).join(' · '),
    contextValue: `container.${c.state}`,
    icon: containerIcon(c),
    collapsible: false,
  };
}
