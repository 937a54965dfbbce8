/** Network actions: create (with the engine's defaults, or options: src/commands/networkOptions.ts), inspect, remove, connect, disconnect, prune. */
import * as l10n from '@vscode/l10n';
import type { ContainerSummary, NetworkSummary } from '../engine/types';
import { validateIp, validateName } from '../engine/validate';
import { checkIpam } from '../engine/networks';
import { askNetworkOptions, optional } from './networkOptions';
import { isBuiltInNetwork, NetworkNode } from '../views/networkItems';
import type { PickItem } from '../ui/prompt';
import { itemsOf } from '../state/store';
import { acrossEngines, confirmAndPrune, engineFor, engineNote, listNames, pickOne, plural, selectedNodes, targetsOrPick } from './explorerSupport';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';

type NetworkItem = Extract<NetworkNode, { kind: 'network' }>;
type NetworkContainer = Extract<NetworkNode, { kind: 'networkContainer' }>;

export function networkCommands(services: Services): CommandHandlers {
  const { context: ctx, views, prompts } = services;
  // Each network is acted on in its own engine, with that engine's containers.
  const sessionOf = (item: unknown) => services.engines.sessions.sessionOf(item);
  const engine = (n: NetworkSummary) => sessionOf(n).engine.networks;
  const containersOf = (n: NetworkSummary) => itemsOf(sessionOf(n).stores.containers);
  const all = () => acrossEngines(services, (s) => s.networks);
  const pickItems = (customOnly: boolean) => all()
    .filter((n) => !customOnly || !isBuiltInNetwork(n))
    .map((n): PickItem<NetworkSummary> => ({ label: n.name, description: `${n.driver}${engineNote(services, n)}`, value: n }));
  const targets = (item: unknown, selected: unknown, title: string, customOnly = false) =>
    targetsOrPick<NetworkItem, NetworkSummary>(prompts, item, selected, ['network'], (n) => n.network, () => pickItems(customOnly), title);
  const done = (networks: readonly NetworkSummary[]) => new Set(networks.map(sessionOf)).forEach((s) => s.stores.requestRefresh(['networks', 'containers']));

  return {
    'berth.networks.create': async (item) => {
      const session = await engineFor(services, item, l10n.t('Create a network on which engine?'));
      if (!session) return;
      const names = new Set(itemsOf(session.stores.networks).map((n) => n.name));
      const name = await prompts.input({
        title: l10n.t('Create network: name'),
        validate: (text) => validateName(text.trim()) ?? (names.has(text.trim()) ? l10n.t('A network named "{0}" already exists.', text.trim()) : undefined),
      });
      if (!name) return;
      // `docker network create NAME` needs no more answers; the options come only when asked for.
      const how = await pickOne(prompts, [
        { label: `$(add) ${l10n.t('Create')}`, description: l10n.t('bridge driver, subnet and gateway chosen by the engine'), value: 'defaults' as const },
        { label: `$(settings) ${l10n.t('Set Options…')}`, description: l10n.t('driver, subnet, IP range, gateway, internal, IPv6'), value: 'options' as const },
      ], l10n.t('Create network {0}', name.trim()));
      if (!how) return;
      const options = how === 'defaults' ? { driver: 'bridge' } : await askNetworkOptions(prompts, name.trim());
      if (!options) return;
      let id = '';
      await views.ui.run(l10n.t('Creating network {0}', name.trim()), [name.trim()], (n) => n, async () => {
        id = await session.engine.networks.create({ name: name.trim(), ...options });
      });
      session.stores.requestRefresh(['networks', 'containers']);
      return id;
    },
    'berth.networks.inspect': async (item, selected) => {
      for (const n of await targets(item, selected, l10n.t('Inspect networks'))) await views.documents.open('network', n.id, n.name, sessionOf(n).key);
    },
    'berth.networks.remove': async (item, selected) => {
      const chosen = await targets(item, selected, l10n.t('Remove networks'), true);
      if (chosen.length === 0) return;
      const builtIn = chosen.filter(isBuiltInNetwork);
      if (builtIn.length === 1) throw new Error(l10n.t('{0} is built into the engine and cannot be removed.', builtIn[0].name));
      if (builtIn.length > 1) throw new Error(l10n.t('{0} are built into the engine and cannot be removed.', listNames(builtIn.map((n) => n.name))));
      const users = chosen.flatMap((n) => containersOf(n).filter((c) => c.networks.includes(n.name)));
      const answer = await prompts.confirm(
        chosen.length === 1 ? l10n.t('Remove network {0}?', chosen[0].name) : l10n.t('Remove {0}?', plural(chosen.length, 'network')),
        users.length > 0 ? l10n.t('Still connected: {0}. The engine refuses while a container is connected; disconnect them first.', listNames(users.map((c) => c.name), 8)) : `${listNames(chosen.map((n) => n.name), 8)}.`,
        l10n.t('Remove'),
      );
      if (!answer) return;
      await views.ui.run(l10n.t('Removing {0}', plural(chosen.length, 'network')), chosen, (n) => n.name, (n) => engine(n).remove(n.id));
      done(chosen);
    },
    'berth.networks.connect': async (item) => {
      const [network] = await targets(item, undefined, l10n.t('Connect a container to a network'));
      if (!network) return;
      const candidates = containersOf(network).filter((c) => !c.networks.includes(network.name));
      const container = await pickOne(prompts, candidates.map((c): PickItem<ContainerSummary> => ({ label: c.name, description: `${c.image} · ${c.state}`, value: c })), l10n.t('Connect a container to {0}', network.name));
      if (!container) return;
      const subnet = network.ipam.find((i) => i.subnet)?.subnet;
      const ip = await prompts.input({
        title: l10n.t('IP address of {0} on {1}', container.name, network.name),
        prompt: subnet ? l10n.t('Inside {0}; empty lets the engine choose.', subnet) : l10n.t('Empty lets the engine choose (a fixed address needs a network with a subnet).'),
        validate: optional((text) => validateIp(text) ?? (subnet ? checkIpam({ subnet, gateway: text })?.replace('gateway', 'address') : l10n.t('A fixed address needs a network created with a subnet.'))),
      });
      if (ip === undefined) return;
      const aliases = await prompts.input({
        title: l10n.t('Aliases of {0} on {1}', container.name, network.name),
        prompt: l10n.t('Other names other containers reach it by, separated by commas or spaces; may be empty.'),
        validate: (text) => text.split(/[\s,]+/).filter(Boolean).map((a) => validateName(a)).find(Boolean),
      });
      if (aliases === undefined) return;
      await views.ui.run(l10n.t('Connecting {0} to {1}', container.name, network.name), [container], (c) => c.name, (c) =>
        engine(network).connect(network.id, c.id, { ipv4Address: ip.trim() || undefined, aliases: aliases.split(/[\s,]+/).filter(Boolean) }));
      done([network]);
    },
    'berth.networks.disconnect': async (item, selected) => {
      let pairs = selectedNodes<NetworkContainer>(item, selected, ['networkContainer']).map((n) => ({ network: n.network, container: n.container }));
      if (pairs.length === 0) {
        const [network] = await targets(item, undefined, l10n.t('Disconnect a container from a network'));
        if (!network) return;
        const connected = containersOf(network).filter((c) => c.networks.includes(network.name));
        const container = await pickOne(prompts, connected.map((c) => ({ label: c.name, description: c.state, value: c })), l10n.t('Disconnect a container from {0}', network.name));
        if (!container) return;
        pairs = [{ network, container }];
      }
      await views.ui.run(l10n.t('Disconnecting {0}', plural(pairs.length, 'container')), pairs, (p) => l10n.t('{0} from {1}', p.container.name, p.network.name), (p) => engine(p.network).disconnect(p.network.id, p.container.id));
      done(pairs.map((p) => p.network));
    },
    'berth.networks.prune': async (item) => {
      const session = await engineFor(services, item, l10n.t('Prune networks of which engine?'));
      if (!session) return;
      const containers = itemsOf(session.stores.containers);
      const unused = itemsOf(session.stores.networks).filter((n) => !isBuiltInNetwork(n) && !containers.some((c) => c.networks.includes(n.name)));
      return confirmAndPrune(services, {
        question: l10n.t('Remove all unused networks?'),
        detail: unused.length > 0 ? l10n.t('{0} will be removed.', listNames(unused.map((n) => n.name), 8)) : l10n.t('No custom network is unused right now.'),
        title: l10n.t('Pruning networks'),
        noun: 'network',
        prune: () => session.engine.networks.prune(),
        refresh: () => session.stores.requestRefresh(['networks', 'containers']),
        reportSpace: false,
      });
    },
    'berth.networks.toggleBuiltIn': () => views.setSetting('networks.showBuiltIn', !ctx.config['networks.showBuiltIn']),
  };
}
