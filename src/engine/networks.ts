/** Networks: list, inspect, create, connect, disconnect, remove, prune. */
import * as l10n from '@vscode/l10n';
import { Api, filters } from './api';
import { EngineError } from './errors';
import { leaseRangeCidr, libpod } from './podman';
import type { NetworkCreateOptions, NetworkSummary, PruneResult } from './types';
import { ipInSubnet, validateIp, validateIpv6Subnet, validateSubnet } from './validate';

const enc = encodeURIComponent;

export class Networks {
  constructor(private readonly api: Api) {}

  async list(options: { driver?: string; filters?: Record<string, string | string[] | undefined>; signal?: AbortSignal } = {}): Promise<NetworkSummary[]> {
    const list = await this.api.json<RawNetwork[]>({ method: 'GET', path: '/networks', signal: options.signal, query: { filters: filters({ ...(options.filters ?? {}), driver: options.driver }) } });
    return list.map(toNetwork);
  }

  async inspect(idOrName: string): Promise<NetworkSummary> {
    const network = toNetwork(await this.api.json<RawNetwork>({ method: 'GET', path: `/networks/${enc(idOrName)}` }));
    if (!network.ipam.some((c) => c.ipRange === undefined) || !(await this.api.isPodman())) return network;
    // Podman's compatible inspect leaves out the IP range; its own keeps it as a lease range.
    const own = await this.api.json<{ subnets?: { subnet: string; lease_range?: { start_ip?: string; end_ip?: string } }[] }>({ method: 'GET', path: `${libpod}/networks/${enc(idOrName)}/json` });
    const ranges = new Map((own.subnets ?? []).map((s) => [s.subnet, s.lease_range]));
    return { ...network, ipam: network.ipam.map((c) => ({ ...c, ipRange: c.ipRange ?? leaseRangeCidr(ranges.get(c.subnet ?? '')) })) };
  }

  /** The engine's own JSON for the network, as `docker network inspect` prints it. */
  async inspectRaw(idOrName: string): Promise<unknown> {
    return this.api.json<unknown>({ method: 'GET', path: `/networks/${enc(idOrName)}` });
  }

  /** Creates a network; subnet, ip-range and gateway are checked before the engine sees them. Returns its id. */
  async create(options: NetworkCreateOptions): Promise<string> {
    const problem = checkIpam(options) ?? (options.ipv6Subnet !== undefined ? validateIpv6Subnet(options.ipv6Subnet) : undefined);
    if (problem) throw new EngineError('badRequest', problem);
    const config: Record<string, string | undefined>[] = options.subnet || options.gateway || options.ipRange ? [{ Subnet: options.subnet, IPRange: options.ipRange, Gateway: options.gateway }] : [];
    if (options.ipv6Subnet) config.push({ Subnet: options.ipv6Subnet });
    const result = await this.api.json<{ Id: string }>({
      method: 'POST', path: '/networks/create',
      body: {
        Name: options.name, Driver: options.driver ?? 'bridge', Internal: options.internal ?? false, Attachable: options.attachable ?? false, EnableIPv6: Boolean(options.ipv6Subnet),
        Labels: options.labels ?? {}, Options: options.options ?? {}, CheckDuplicate: true, IPAM: { Driver: 'default', Config: config },
      },
    });
    return result.Id;
  }

  async connect(network: string, container: string, options: { ipv4Address?: string; aliases?: string[] } = {}): Promise<void> {
    if (options.ipv4Address) {
      const problem = validateIp(options.ipv4Address);
      if (problem) throw new EngineError('badRequest', problem);
    }
    await this.api.json({
      method: 'POST', path: `/networks/${enc(network)}/connect`,
      body: { Container: container, EndpointConfig: { Aliases: options.aliases, IPAMConfig: options.ipv4Address ? { IPv4Address: options.ipv4Address } : undefined } },
    });
  }

  async disconnect(network: string, container: string, options: { force?: boolean } = {}): Promise<void> {
    await this.api.json({ method: 'POST', path: `/networks/${enc(network)}/disconnect`, body: { Container: container, Force: options.force ?? false } });
  }

  async remove(idOrName: string): Promise<void> {
    await this.api.json({ method: 'DELETE', path: `/networks/${enc(idOrName)}` });
  }

  async prune(options: { filters?: Record<string, string | string[] | undefined> } = {}): Promise<PruneResult> {
    const result = await this.api.json<{ NetworksDeleted?: string[] | null }>({ method: 'POST', path: '/networks/prune', query: { filters: filters(options.filters ?? {}) }, timeoutMs: 0 });
    return { deleted: result.NetworksDeleted ?? [], spaceReclaimed: 0 };
  }
}

/** Pure: one sentence when subnet / ip-range / gateway do not fit together. */
export function checkIpam(options: Pick<NetworkCreateOptions, 'subnet' | 'ipRange' | 'gateway'>): string | undefined {
  if (options.subnet) {
    const problem = validateSubnet(options.subnet);
    if (problem) return problem;
  }
  if (options.ipRange) {
    const problem = validateSubnet(options.ipRange);
    if (problem) return l10n.t('The IP range: {0}', problem);
    if (!options.subnet) return l10n.t('An IP range needs a subnet.');
    if (!ipInSubnet(options.ipRange.split('/')[0], options.subnet)) return l10n.t('The IP range {0} is not inside the subnet {1}.', options.ipRange, options.subnet);
  }
  if (options.gateway) {
    const problem = validateIp(options.gateway);
    if (problem) return problem;
    if (!options.subnet) return l10n.t('A gateway needs a subnet.');
    if (!ipInSubnet(options.gateway, options.subnet)) return l10n.t('The gateway {0} is not inside the subnet {1}.', options.gateway, options.subnet);
  }
  return undefined;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the engine's network JSON */
type RawNetwork = Record<string, any>;

function toNetwork(n: RawNetwork): NetworkSummary {
  const containers: NetworkSummary['containers'] = {};
  for (const [id, c] of Object.entries<any>(n.Containers ?? {})) containers[id] = { name: c.Name ?? '', ipv4Address: c.IPv4Address ?? '', macAddress: c.MacAddress ?? '' };
  return {
    id: n.Id, name: n.Name, driver: n.Driver ?? '', scope: n.Scope ?? '', internal: !!n.Internal, attachable: !!n.Attachable,
    created: n.Created ?? '', labels: n.Labels ?? {},
    ipam: (n.IPAM?.Config ?? []).map((c: any) => ({ subnet: c.Subnet, ipRange: c.IPRange, gateway: c.Gateway })),
    containers,
  };
}
