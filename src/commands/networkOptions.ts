/** The options of Create Network, asked only when the person chose to set them. */
import * as l10n from '@vscode/l10n';
import type { NetworkCreateOptions } from '../engine/types';
import { checkIpam } from '../engine/networks';
import { validateIpv6Subnet, validateSubnet } from '../engine/validate';
import type { Prompter } from '../ui/prompt';
import { pickOne } from './explorerSupport';

const drivers = ['bridge', 'macvlan', 'ipvlan', 'overlay'];

/** Optional input: empty is fine, anything else must pass `check`. */
export const optional = (check: (text: string) => string | undefined) => (text: string) => (text.trim() ? check(text.trim()) : undefined);

export async function askNetworkOptions(prompt: Prompter, name: string): Promise<Omit<NetworkCreateOptions, 'name'> | undefined> {
  const title = (step: number, what: string) => l10n.t('Create network {0} ({1}/6): {2}', name, step, what);
  const driver = await pickOne(prompt, drivers.map((d) => ({ label: d, value: d })), title(1, l10n.t('driver')));
  if (!driver) return undefined;
  const subnet = await prompt.input({ title: title(2, l10n.t('subnet')), prompt: l10n.t('CIDR, e.g. 10.42.0.0/16; empty lets the engine choose.'), validate: optional(validateSubnet) });
  if (subnet === undefined) return undefined;
  const ipRange = await prompt.input({
    title: title(3, l10n.t('IP range')), prompt: l10n.t('CIDR inside the subnet that containers get addresses from; empty for the whole subnet.'),
    validate: optional((text) => checkIpam({ subnet: subnet.trim() || undefined, ipRange: text })),
  });
  if (ipRange === undefined) return undefined;
  const gateway = await prompt.input({
    title: title(4, l10n.t('gateway')), prompt: l10n.t('An address inside the subnet; empty lets the engine choose.'),
    validate: optional((text) => checkIpam({ subnet: subnet.trim() || undefined, gateway: text })),
  });
  if (gateway === undefined) return undefined;
  const internal = await pickOne(prompt, [
    { label: l10n.t('No'), description: l10n.t('containers can reach outside networks'), value: false },
    { label: l10n.t('Internal'), description: l10n.t('no route outside the network'), value: true },
  ], title(5, l10n.t('internal?')));
  if (internal === undefined) return undefined;
  const ipv6Subnet = await prompt.input({
    title: title(6, 'IPv6'), prompt: l10n.t('An IPv6 subnet (--ipv6), e.g. fd00:42::/64, to give containers IPv6 addresses too; empty for IPv4 only.'),
    validate: optional(validateIpv6Subnet),
  });
  if (ipv6Subnet === undefined) return undefined;
  return {
    driver, subnet: subnet.trim() || undefined, ipRange: ipRange.trim() || undefined, gateway: gateway.trim() || undefined, internal,
    ipv6Subnet: ipv6Subnet.trim() || undefined,
  };
}
