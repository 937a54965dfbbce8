/** Container actions: lifecycle, remove, rename, inspect, copy, ports, prune, view options, and compose-project groups. */
import * as l10n from '@vscode/l10n';
import { containerFields, containerGroupings, containerSortings } from '../config/schema';
import type { ContainerState, ContainerSummary, PortMapping } from '../engine/types';
import { validateContainerName } from '../engine/validate';
import { remoteEngineHost } from '../engine/endpoint';
import { portReachability, portUrl, publishedPorts } from '../views/containerItems';
import { probePort } from './portProbe';
import type { ContainerNode } from '../views/containerTree';
import { formatPorts } from '../views/format';
import type { PickItem } from '../ui/prompt';
import type { ResourceKind } from '../state/eventRouter';
import { itemsOf } from '../state/store';
import { acrossEngines, confirmAndPrune, duringOn, engineFor, engineNote, listNames, pickOne, plural, selectedNodes, targetsOrPick } from './explorerSupport';
import { defaultGraceNote, gracePeriodCommands } from './gracePeriod';

/** A lifecycle action's sentences, whole for each verb so a translation words each its own way. */
type Verb = 'Starting' | 'Stopping' | 'Restarting' | 'Killing' | 'Pausing' | 'Resuming';
const verbText: Record<Verb, { pickTitle: () => string; progress: (what: string) => string; needsGroup: () => string }> = {
  Starting: { pickTitle: () => l10n.t('Starting containers'), progress: (what) => l10n.t('Starting {0}', what), needsGroup: () => l10n.t('Starting a compose project: choose it in the Containers view (group by compose project).') },
  Stopping: { pickTitle: () => l10n.t('Stopping containers'), progress: (what) => l10n.t('Stopping {0}', what), needsGroup: () => l10n.t('Stopping a compose project: choose it in the Containers view (group by compose project).') },
  Restarting: { pickTitle: () => l10n.t('Restarting containers'), progress: (what) => l10n.t('Restarting {0}', what), needsGroup: () => l10n.t('Restarting a compose project: choose it in the Containers view (group by compose project).') },
  Killing: { pickTitle: () => l10n.t('Killing containers'), progress: (what) => l10n.t('Killing {0}', what), needsGroup: () => l10n.t('Killing a compose project: choose it in the Containers view (group by compose project).') },
  Pausing: { pickTitle: () => l10n.t('Pausing containers'), progress: (what) => l10n.t('Pausing {0}', what), needsGroup: () => l10n.t('Pausing a compose project: choose it in the Containers view (group by compose project).') },
  Resuming: { pickTitle: () => l10n.t('Resuming containers'), progress: (what) => l10n.t('Resuming {0}', what), needsGroup: () => l10n.t('Resuming a compose project: choose it in the Containers view (group by compose project).') },
};
import type { Services } from '../services';
import type { CommandHandler, CommandHandlers } from './handler';

type Group = Extract<ContainerNode, { kind: 'containerGroup' }>;

// Nodes of other views that carry a container (a network's or a volume's users) act too.
const containerKinds = ['container', 'networkContainer', 'volumeContainer'];

const stoppedStates: ContainerState[] = ['created', 'exited', 'dead'];
const liveStates: ContainerState[] = ['running', 'paused', 'restarting'];

export function containerCommands(services: Services): CommandHandlers {
  const { context: ctx, views, prompts, files } = services;
  // Each container is acted on in its own engine (a pinned engine's group holds its own records).
  const sessionOf = (item: unknown) => services.engines.sessions.sessionOf(item);
  const engine = (c: ContainerSummary) => sessionOf(c).engine.containers;
  const all = () => acrossEngines(services, (s) => s.containers);
  const pickItems = (states?: ContainerState[]) => all()
    .filter((c) => !states || states.includes(c.state))
    .map((c): PickItem<ContainerSummary> => ({ label: c.name, description: `${c.image} · ${c.status}${engineNote(services, c)}`, value: c }));
  const targets = (item: unknown, selected: unknown, title: string, states?: ContainerState[]) =>
    targetsOrPick<ContainerNode & { container: ContainerSummary }, ContainerSummary>(prompts, item, selected, containerKinds, (n) => n.container, () => pickItems(states), title);
  // An action refreshes only the stores it changes, once at its end, with the events it
  // caused folded into that one list (a start no longer relists networks, volumes and images).
  const changing = <T>(chosen: readonly unknown[], kinds: ResourceKind[], work: () => Promise<T>) => duringOn(chosen.map(sessionOf), kinds, work);

  /** One lifecycle call on every target, e.g. "Stopping 3 containers"; `note` says what the wait is (a stop's grace period). */
  const lifecycle = (verb: Verb, states: ContainerState[] | undefined, call: (c: ContainerSummary, signal: AbortSignal) => Promise<unknown>, note = ''): CommandHandler =>
    async (item, selected) => {
      const chosen = await targets(item, selected, verbText[verb].pickTitle(), states);
      await changing(chosen, ['containers'], () => views.ui.run(`${verbText[verb].progress(chosen.length === 1 ? chosen[0].name : plural(chosen.length, 'container'))}${note}`, chosen, (c) => c.name, call));
    };

  const remove = async (chosen: ContainerSummary[]): Promise<void> => {
    if (chosen.length === 0) return;
    const live = chosen.filter((c) => liveStates.includes(c.state));
    const removeWithVolumes = l10n.t('Remove with Volumes');
    const answer = await prompts.confirm(
      chosen.length === 1 ? l10n.t('Remove container {0}?', chosen[0].name) : l10n.t('Remove {0}?', plural(chosen.length, 'container')),
      [
        chosen.length > 1 ? `${listNames(chosen.map((c) => c.name), 8)}.` : '',
        live.length === 1 ? l10n.t('{0} is running and will be stopped (forced).', live[0].name) : '',
        live.length > 1 ? l10n.t('{0} are running and will be stopped (forced).', listNames(live.map((c) => c.name))) : '',
        l10n.t('Anonymous volumes are kept unless you choose "Remove with Volumes".'),
      ].filter(Boolean).join(' '),
      l10n.t('Remove'), removeWithVolumes,
    );
    if (!answer) return;
    // Before the engine is asked: an editor's auto-save must not try to write into a container that is gone.
    await files.release(chosen.map((c) => c.id));
    // An image's container count changes; anonymous volumes go with "Remove with Volumes".
    await changing(chosen, answer === removeWithVolumes ? ['containers', 'images', 'volumes'] : ['containers', 'images'], () =>
      views.ui.run(l10n.t('Removing {0}', plural(chosen.length, 'container')), chosen, (c) => c.name, (c) =>
        engine(c).remove(c.id, { force: liveStates.includes(c.state), volumes: answer === removeWithVolumes })));
  };

  const groupTargets = (item: unknown, selected: unknown): ContainerSummary[] =>
    selectedNodes<Group>(item, selected, ['containerGroup']).flatMap((g) => g.containers);

  const groupAction = (verb: Verb, states: ContainerState[] | undefined, call: (c: ContainerSummary, signal: AbortSignal) => Promise<unknown>): CommandHandler =>
    async (item, selected) => {
      const groups = selectedNodes<Group>(item, selected, ['containerGroup']);
      if (groups.length === 0) throw new Error(verbText[verb].needsGroup());
      const chosen = groupTargets(item, selected).filter((c) => !states || states.includes(c.state));
      await changing(chosen, ['containers'], () => views.ui.run(verbText[verb].progress(listNames(groups.map((g) => g.key))), chosen, (c) => c.name, call));
    };

  return {
    'berth.containers.start': lifecycle('Starting', stoppedStates, (c, signal) => engine(c).start(c.id, signal)),
    'berth.containers.stop': lifecycle('Stopping', liveStates, (c, signal) => engine(c).stop(c.id, { signal }), defaultGraceNote()),
    'berth.containers.restart': lifecycle('Restarting', undefined, (c, signal) => engine(c).restart(c.id, { signal }), defaultGraceNote()),
    ...gracePeriodCommands(() => prompts, (verb, states, call, note) => lifecycle(verb, states, call, note), engine),
    'berth.containers.kill': lifecycle('Killing', ['running', 'restarting'], (c) => engine(c).kill(c.id)),
    'berth.containers.pause': lifecycle('Pausing', ['running'], (c) => engine(c).pause(c.id)),
    'berth.containers.unpause': lifecycle('Resuming', ['paused'], (c) => engine(c).unpause(c.id)),
    'berth.containers.remove': async (item, selected) => remove(await targets(item, selected, l10n.t('Remove containers'))),
    'berth.containers.rename': async (item, selected) => {
      const [c] = await targets(item, selected, l10n.t('Rename container'));
      if (!c) return;
      const taken = new Set(itemsOf(sessionOf(c).stores.containers).filter((o) => o.id !== c.id).map((o) => o.name));
      const name = await prompts.input({
        title: l10n.t('Rename container {0}', c.name),
        value: c.name,
        validate: (text) => validateContainerName(text.trim()) ?? (taken.has(text.trim()) ? l10n.t('A container named "{0}" already exists.', text.trim()) : undefined),
      });
      if (!name || name.trim() === c.name) return;
      await changing([c], ['containers'], () => engine(c).rename(c.id, name.trim()));
    },
    'berth.containers.inspect': async (item, selected) => {
      for (const c of await targets(item, selected, l10n.t('Inspect containers'))) await views.documents.open('container', c.id, c.name, sessionOf(c).key);
    },
    'berth.containers.copyId': async (item, selected) => {
      await views.ui.copy((await targets(item, selected, l10n.t('Copy container IDs'))).map((c) => c.id).join('\n'));
    },
    'berth.containers.copyName': async (item, selected) => {
      await views.ui.copy((await targets(item, selected, l10n.t('Copy container names'))).map((c) => c.name).join('\n'));
    },
    'berth.containers.openPort': async (item) => {
      let port: { container: ContainerSummary; port: PortMapping } | undefined;
      const node = item as { kind?: string; container?: ContainerSummary; port?: PortMapping } | undefined;
      let engineHost = node?.container ? remoteEngineHost(sessionOf(node.container).engine.endpoint.url) : undefined;
      if (node?.kind === 'port' && node.container && node.port) port = { container: node.container, port: node.port };
      else {
        const [c] = node?.container ? [node.container] : await targets(item, undefined, l10n.t('Open a port of a container'), ['running']);
        if (!c) return;
        engineHost = remoteEngineHost(sessionOf(c).engine.endpoint.url);
        const ports = publishedPorts(c).filter((p) => portUrl(p, engineHost));
        if (ports.length === 0) throw new Error(l10n.t('{0} publishes no TCP port.', c.name));
        const chosen = ports.length === 1 ? ports[0] : await pickOne(prompts, ports.map((p) => ({ label: portUrl(p, engineHost)!, description: formatPorts([p]), value: p })), l10n.t('Open a port of {0}', c.name));
        if (chosen) port = { container: c, port: chosen };
      }
      const url = port && portUrl(port.port, engineHost);
      if (!url) return;
      const unreachable = portReachability(port!.port, engineHost) ?? await probePort(url);
      if (unreachable) throw new Error(unreachable);
      await views.ui.openExternal(url);
      return url;
    },
    'berth.containers.prune': async (item) => {
      const session = await engineFor(services, item, l10n.t('Prune stopped containers of which engine?'));
      if (!session) return;
      const stopped = itemsOf(session.stores.containers).filter((c) => stoppedStates.includes(c.state));
      return confirmAndPrune(services, {
        question: services.engines.sessions.several ? l10n.t('Remove all stopped containers of {0}?', session.label) : l10n.t('Remove all stopped containers?'),
        detail: stopped.length > 0 ? l10n.t('{0} will be removed.', listNames(stopped.map((c) => c.name), 8)) : l10n.t('No container is stopped right now; the engine decides at the time of pruning.'),
        title: l10n.t('Pruning stopped containers'),
        noun: 'container',
        prune: (signal) => session.engine.containers.prune({ signal }),
        refresh: () => session.stores.requestRefresh(['containers', 'images']),
      });
    },
    'berth.containers.filter': async () => {
      const text = await prompts.input({ title: l10n.t('Filter containers'), prompt: l10n.t('Name, image, status, compose project or port; empty shows all.'), value: views.filter });
      if (text !== undefined) views.setFilter(text);
    },
    'berth.containers.clearFilter': () => views.setFilter(''),
    'berth.containers.toggleStopped': () => views.setSetting('containers.showStopped', !ctx.config['containers.showStopped']),
    'berth.containers.groupBy': async () => {
      const by = await pickOne(prompts, containerGroupings.map((g) => ({ label: g, description: g === ctx.config['containers.groupBy'] ? l10n.t('current') : undefined, value: g })), l10n.t('Group containers by'));
      if (by) await views.setSetting('containers.groupBy', by);
    },
    'berth.containers.sortBy': async () => {
      const by = await pickOne(prompts, containerSortings.map((s) => ({ label: s, description: s === ctx.config['containers.sortBy'] ? l10n.t('current') : undefined, value: s })), l10n.t('Sort containers by'));
      if (by) await views.setSetting('containers.sortBy', by);
    },
    'berth.containers.label': async () => {
      const field = await pickOne(prompts, containerFields.map((f) => ({ label: f, description: f === ctx.config['containers.label'] ? l10n.t('current') : undefined, value: f })), l10n.t('Label containers with'));
      if (field) await views.setSetting('containers.label', field);
    },
    'berth.containerGroup.start': groupAction('Starting', stoppedStates, (c, signal) => engine(c).start(c.id, signal)),
    'berth.containerGroup.stop': groupAction('Stopping', liveStates, (c, signal) => engine(c).stop(c.id, { signal })),
    'berth.containerGroup.restart': groupAction('Restarting', undefined, (c, signal) => engine(c).restart(c.id, { signal })),
    'berth.containerGroup.remove': async (item, selected) => remove(groupTargets(item, selected)),
  };
}
