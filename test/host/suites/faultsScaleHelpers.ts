/** What the scale suite needs beyond the shared explorer helpers: timed tree walks, the tree and the engine as rows, the burst's events. */
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { ContainerNode } from '../../../src/views/containerTree';
import type { StoreTreeProvider, TreeRow } from '../../../src/views/storeTree';
import type { CallTimer } from '../support/callTimer';

/**
 * Walks a tree the way VS Code does when nodes are expanded: children, then each child's
 * item, tooltip and parent; descends where `expand` says. Every call goes through the
 * provider's (timed) methods. Returns how many nodes it visited.
 */
export async function walkTree<N>(timer: CallTimer, provider: StoreTreeProvider<N>, expand: (node: TreeRow<N>) => boolean, start?: N): Promise<number> {
  let visited = 0;
  const visit = async (node?: TreeRow<N>): Promise<void> => {
    const children = await timer.test(() => provider.getChildren(node));
    for (const child of children) {
      visited++;
      const item = timer.test(() => provider.getTreeItem(child));
      timer.test(() => provider.resolveTreeItem(item, child));
      timer.test(() => provider.getParent(child));
      if (expand(child)) await visit(child);
    }
  };
  await visit(start);
  return visited;
}

/** The Containers tree's top level (ungrouped) as sorted "name state" rows. */
export async function containerRows(timer: CallTimer, provider: StoreTreeProvider<ContainerNode>): Promise<string[]> {
  const roots = await timer.test(() => provider.getChildren());
  return roots.flatMap((n) => (n.kind === 'container' ? [`${n.container.name} ${n.container.state}`] : [])).sort();
}

/** The engine's own list, read on its socket, as the same rows. */
export async function engineRows(docker: Docker): Promise<string[]> {
  const all = await docker.listContainers({ all: true });
  return all.map((c) => `${c.Names[0].replace(/^\//, '')} ${c.State}`).sort();
}

export interface BurstEvent {
  action: string;
  name: string;
  /** When the engine sent it, in ms since the epoch. */
  at: number;
}

/** The create and destroy events the engine reported between two times for the given container names, in order. */
export async function burstEvents(docker: Docker, sinceMs: number, untilMs: number, names: ReadonlySet<string>): Promise<BurstEvent[]> {
  const stream = await docker.getEvents({ since: Math.floor(sinceMs / 1000), until: Math.ceil(untilMs / 1000), filters: { type: ['container'] } });
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) text += chunk.toString('utf8');
  return text.split('\n').filter(Boolean)
    .map((line) => JSON.parse(line) as { Action: string; timeNano: number; Actor: { Attributes: Record<string, string> } })
    .filter((e) => (e.Action === 'create' || e.Action === 'destroy') && names.has(e.Actor.Attributes.name))
    .map((e) => ({ action: e.Action, name: e.Actor.Attributes.name, at: e.timeNano / 1e6 }));
}

/** How the events were spread: the burst's span and its pauses (gaps between successive events). */
export function eventSpread(events: readonly BurstEvent[]): { spanMs: number; maxGapMs: number; gapsOver: Record<string, number> } {
  const times = events.map((e) => e.at).sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const over = (ms: number) => gaps.filter((g) => g > ms).length;
  return { spanMs: Math.round((times.at(-1) ?? 0) - (times[0] ?? 0)), maxGapMs: Math.round(Math.max(0, ...gaps)), gapsOver: { '250ms': over(250), '500ms': over(500), '1000ms': over(1000) } };
}

/** Remembers the user-level values of some berth.* settings; the returned function writes them back. */
export function saveSettings(keys: readonly string[]): () => Promise<void> {
  const config = vscode.workspace.getConfiguration('berth');
  const saved = keys.map((key) => [key, config.inspect(key)?.globalValue] as const);
  return async () => {
    for (const [key, value] of saved) await vscode.workspace.getConfiguration('berth').update(key, value, vscode.ConfigurationTarget.Global);
  };
}
