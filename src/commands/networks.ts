/** Network actions: create (driver, subnet, IP range, gateway, internal), inspect, remove, connect, disconnect, prune. */
import type { ContainerSummary, NetworkSummary } from '../engine/types';
import { checkIpam } from '../engine/networks';
import { validateIp, validateName, validateSubnet } from '../engine/validate';
import { isBuiltInNetwork, NetworkNode } from '../views/networkItems';
import type { PickItem } from '../ui/prompt';
import { itemsOf } from '../state/store';
import { confirmAndPrune, listNames, pickOne, plural, selectedNodes, targetsOrPick } from './explorerSupport';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';

type NetworkItem = Extract<NetworkNode, { kind: 'network' }>;
type NetworkContainer = Extract<NetworkNode, { kind: 'networkContainer' }>;

const drivers = ['bridge', 'macvlan', 'ipvlan', 'overlay'];

/** Optional input: empty is fine, anything else must pass `check`. */
const optional = (check: (text: string) => string | undefined) => (text: string) => (text.trim() ? check(text.trim()) : undefined);

export function networkCommands(services: Services): CommandHandlers {
  const { context: ctx, views, stores, prompts } = services;
  const engine = () => ctx.engine.networks;
  const all = () => itemsOf(stores.networks);
  const pickItems = (customOnly: boolean) => all()
    .filter((n) => !customOnly || !isBuiltInNetwork(n))
    .map((n): PickItem<NetworkSummary> => ({ label: n.name, description: n.driver, value: n }));
  const targets = (item: unknown, selected: unknown, title: string, customOnly = false) =>
    targetsOrPick<NetworkItem, NetworkSummary>(prompts, item, selected, ['network'], (n) => n.network, () => pickItems(customOnly), title);
  const done = () => stores.requestRefresh(['networks', 'containers']);

  return {
    'berth.networks.create': async () => {
      const names = new Set(all().map((n) => n.name));
      const name = await prompts.input({
        title: 'Create network (1/6): name',
        validate: (text) => validateName(text.trim()) ?? (names.has(text.trim()) ? `A network named "${text.trim()}" already exists.` : undefined),
      });
      if (!name) return;
      const driver = await pickOne(prompts, drivers.map((d) => ({ label: d, value: d })), 'Create network (2/6): driver');
      if (!driver) return;
      const subnet = await prompts.input({ title: 'Create network (3/6): subnet', prompt: 'CIDR, e.g. 10.42.0.0/16; empty lets the engine choose.', validate: optional(validateSubnet) });
      if (subnet === undefined) return;
      const ipRange = await prompts.input({
        title: 'Create network (4/6): IP range', prompt: 'CIDR inside the subnet that containers get addresses from; empty for the whole subnet.',
        validate: optional((text) => checkIpam({ subnet: subnet.trim() || undefined, ipRange: text })),
      });
      if (ipRange === undefined) return;
      const gateway = await prompts.input({
        title: 'Create network (5/6): gateway', prompt: 'An address inside the subnet; empty lets the engine choose.',
        validate: optional((text) => checkIpam({ subnet: subnet.trim() || undefined, gateway: text })),
      });
      if (gateway === undefined) return;
      const internal = await pickOne(prompts, [
        { label: 'No', description: 'containers can reach outside networks', value: false },
        { label: 'Internal', description: 'no route outside the network', value: true },
      ], 'Create network (6/6): internal?');
      if (internal === undefined) return;
      let id = '';
      await views.ui.run(`Creating network ${name.trim()}`, [name.trim()], (n) => n, async () => {
        id = await engine().create({ name: name.trim(), driver, subnet: subnet.trim() || undefined, ipRange: ipRange.trim() || undefined, gateway: gateway.trim() || undefined, internal });
      });
      done();
      return id;
    },
    'berth.networks.inspect': async (item, selected) => {
      for (const n of await targets(item, selected, 'Inspect networks')) await views.documents.open('network', n.id, n.name);
    },
    'berth.networks.remove': async (item, selected) => {
      const chosen = await targets(item, selected, 'Remove networks', true);
      if (chosen.length === 0) return;
      const builtIn = chosen.filter(isBuiltInNetwork);
      if (builtIn.length > 0) throw new Error(`${listNames(builtIn.map((n) => n.name))} ${builtIn.length === 1 ? 'is' : 'are'} built into the engine and cannot be removed.`);
      const users = itemsOf(stores.containers).filter((c) => chosen.some((n) => c.networks.includes(n.name)));
      const answer = await prompts.confirm(
        `Remove ${chosen.length === 1 ? `network ${chosen[0].name}` : plural(chosen.length, 'network')}?`,
        users.length > 0 ? `Still connected: ${listNames(users.map((c) => c.name), 8)}. The engine refuses while a container is connected; disconnect them first.` : `${listNames(chosen.map((n) => n.name), 8)}.`,
        'Remove',
      );
      if (!answer) return;
      await views.ui.run(`Removing ${plural(chosen.length, 'network')}`, chosen, (n) => n.name, (n) => engine().remove(n.id));
      done();
    },
    'berth.networks.connect': async (item) => {
      const [network] = await targets(item, undefined, 'Connect a container to a network');
      if (!network) return;
      const candidates = itemsOf(stores.containers).filter((c) => !c.networks.includes(network.name));
      const container = await pickOne(prompts, candidates.map((c): PickItem<ContainerSummary> => ({ label: c.name, description: `${c.image} · ${c.state}`, value: c })), `Connect a container to ${network.name}`);
      if (!container) return;
      const subnet = network.ipam.find((i) => i.subnet)?.subnet;
      const ip = await prompts.input({
        title: `IP address of ${container.name} on ${network.name}`,
        prompt: subnet ? `Inside ${subnet}; empty lets the engine choose.` : 'Empty lets the engine choose (a fixed address needs a network with a subnet).',
        validate: optional((text) => validateIp(text) ?? (subnet ? checkIpam({ subnet, gateway: text })?.replace('gateway', 'address') : 'A fixed address needs a network created with a subnet.')),
      });
      if (ip === undefined) return;
      const aliases = await prompts.input({
        title: `Aliases of ${container.name} on ${network.name}`,
        prompt: 'Other names other containers reach it by, separated by commas or spaces; may be empty.',
        validate: (text) => text.split(/[\s,]+/).filter(Boolean).map((a) => validateName(a)).find(Boolean),
      });
      if (aliases === undefined) return;
      await views.ui.run(`Connecting ${container.name} to ${network.name}`, [container], (c) => c.name, (c) =>
        engine().connect(network.id, c.id, { ipv4Address: ip.trim() || undefined, aliases: aliases.split(/[\s,]+/).filter(Boolean) }));
      done();
    },
    'berth.networks.disconnect': async (item, selected) => {
      let pairs = selectedNodes<NetworkContainer>(item, selected, ['networkContainer']).map((n) => ({ network: n.network, container: n.container }));
      if (pairs.length === 0) {
        const [network] = await targets(item, undefined, 'Disconnect a container from a network');
        if (!network) return;
        const connected = itemsOf(stores.containers).filter((c) => c.networks.includes(network.name));
        const container = await pickOne(prompts, connected.map((c) => ({ label: c.name, description: c.state, value: c })), `Disconnect a container from ${network.name}`);
        if (!container) return;
        pairs = [{ network, container }];
      }
      await views.ui.run(`Disconnecting ${plural(pairs.length, 'container')}`, pairs, (p) => `${p.container.name} from ${p.network.name}`, (p) => engine().disconnect(p.network.id, p.container.id));
      done();
    },
    'berth.networks.prune': async () => {
      const unused = all().filter((n) => !isBuiltInNetwork(n) && !itemsOf(stores.containers).some((c) => c.networks.includes(n.name)));
      return confirmAndPrune(services, {
        question: 'Remove all unused networks?',
        detail: unused.length > 0 ? `${listNames(unused.map((n) => n.name), 8)} will be removed.` : 'No custom network is unused right now.',
        title: 'Pruning networks',
        noun: 'network',
        prune: () => engine().prune(),
        refresh: done,
        reportSpace: false,
      });
    },
    'berth.networks.toggleBuiltIn': () => views.setSetting('networks.showBuiltIn', !ctx.config['networks.showBuiltIn']),
  };
}
