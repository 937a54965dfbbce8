/**
 * Input checks as pure functions. Each returns undefined when the input is fine or
 * one sentence saying what is wrong; the parse* functions return the value or that
 * sentence. Grammar follows the distribution reference spec and the docker CLI.
 */
import * as l10n from '@vscode/l10n';
import { isIPv6 } from 'node:net';
import type { PortSpec } from './types';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(error: string): Parsed<T> => ({ ok: false, error });

const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const domain = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

export interface ImageReference {
  /** Registry host[:port], when the reference names one. */
  domain?: string;
  /** Repository path without the domain, e.g. "library/nginx" is written "nginx". */
  path: string;
  tag?: string;
  digest?: string;
}

/** Parses "[domain/]path[:tag][@digest]". */
export function parseImageReference(input: string): Parsed<ImageReference> {
  const text = input.trim();
  if (!text) return bad(l10n.t('The image reference is empty.'));
  if (/\s/.test(text)) return bad(l10n.t('The image reference "{0}" contains whitespace.', text));
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) return bad(l10n.t('"{0}" is not a digest (expected algorithm:hex, e.g. sha256:…).', digest));
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    const tagError = validateTag(tag);
    if (tagError) return bad(tagError);
  }
  const parts = rest.split('/');
  let host: string | undefined;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost' || /[A-Z]/.test(parts[0]))) {
    host = parts.shift() ?? '';
    const hostError = validateRegistryHost(host);
    if (hostError) return bad(hostError);
  }
  if (parts.length === 0 || parts.some((p) => p === '')) return bad(l10n.t('The image reference "{0}" has an empty path component.', text));
  for (const part of parts) {
    if (/[A-Z]/.test(part)) return bad(l10n.t('The repository name "{0}" must be lowercase.', parts.join('/')));
    if (!component.test(part)) return bad(l10n.t('"{0}" is not a valid repository name component (lowercase letters, digits and . _ - separators).', part));
  }
  const path = parts.join('/');
  if ((host ? host.length + 1 : 0) + path.length > 255) return bad(l10n.t('The repository name is longer than 255 characters.'));
  return ok({ domain: host, path, tag, digest });
}

export function validateImageReference(input: string): string | undefined {
  const parsed = parseImageReference(input);
  return parsed.ok ? undefined : parsed.error;
}

/** A registry as host[:port] ("ghcr.io", "127.0.0.1:5000", "[::1]:5000"), the port within 1-65535. */
export function validateRegistryHost(host: string): string | undefined {
  if (!host) return l10n.t('The registry host is empty.');
  if (!domain.test(host)) return l10n.t('"{0}" is not a registry host[:port].', host);
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return l10n.t('The registry port {0} in "{1}" is outside 1-65535.', port, host);
  return undefined;
}

export function validateTag(tag: string): string | undefined {
  if (!tag) return l10n.t('The tag is empty.');
  if (!tagPattern.test(tag)) return l10n.t('"{0}" is not a valid tag (up to 128 letters, digits, _ . -, not starting with . or -).', tag);
  return undefined;
}

/** Splits "repo:tag" for the tag API: the repository part and the tag (default "latest"). */
export function splitRepoTag(reference: string): { repo: string; tag: string } {
  const lastSlash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > lastSlash) return { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repo: reference, tag: 'latest' };
}

/**
 * One form for comparing image references across engines: Podman lists every name fully
 * qualified (`docker.io/library/app:v1`, and `localhost/app:v1` for a name with no
 * registry), dockerd in the familiar form (`app:v1`). Both become the familiar form, with
 * `:latest` when no tag or digest is named; ids lose `sha256:`. Only for comparing and
 * for offering names: the engine is always handed the reference as it was given.
 */
export function normalizeImageReference(reference: string): string {
  let ref = reference.trim();
  if (/^(sha256:)?[0-9a-f]{64}$/.test(ref)) return ref.replace(/^sha256:/, '');
  ref = ref.replace(/^(?:docker\.io|index\.docker\.io)\/(?:library\/(?=[^/]+$))?/, '').replace(/^localhost\/(?=[^:/]+(?:[:@]|$)|[^:]+\/)/, '');
  const lastSlash = ref.lastIndexOf('/');
  return ref.includes('@') || ref.lastIndexOf(':') > lastSlash ? ref : `${ref}:latest`;
}

/** Whether two references (or ids) name the same image, whichever engine wrote them. */
export function sameImageReference(a: string, b: string): boolean {
  return normalizeImageReference(a) === normalizeImageReference(b);
}

/** The registry host a reference pushes to / pulls from ("docker.io" when none is named). */
export function registryOf(reference: string): string {
  const parsed = parseImageReference(reference);
  return parsed.ok && parsed.value.domain ? parsed.value.domain : 'docker.io';
}

/** Which side of a -p spec a port is on: the sentences name it. */
type PortSide = 'container' | 'host';

function portNumber(text: string, side: PortSide): Parsed<number> {
  if (!/^\d+$/.test(text)) return bad(side === 'container' ? l10n.t('The container port "{0}" is not a number.', text) : l10n.t('The host port "{0}" is not a number.', text));
  const value = Number(text);
  if (value < 1 || value > 65535) return bad(side === 'container' ? l10n.t('The container port {0} is outside 1-65535.', value) : l10n.t('The host port {0} is outside 1-65535.', value));
  return ok(value);
}

/**
 * Parses a -p spec: "80", "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80", "[::1]:8080:80",
 * each with an optional "/tcp|udp|sctp". Port ranges expand to one spec per port.
 */
export function parsePortSpec(input: string): Parsed<PortSpec[]> {
  const text = input.trim();
  if (!text) return bad(l10n.t('The port spec is empty.'));
  let rest = text;
  let protocol: PortSpec['protocol'] = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const proto = rest.slice(slash + 1).toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return bad(l10n.t('"{0}" is not a protocol (tcp, udp or sctp).', proto));
    protocol = proto;
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  const bracket = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(rest);
  if (bracket) {
    hostIp = bracket[1];
    rest = bracket[2];
  }
  const parts = rest.split(':');
  if (!bracket && parts.length === 3) hostIp = parts.shift();
  if (parts.length > 2 || (bracket && parts.length !== 2)) return bad(l10n.t('"{0}" is not a port spec (expected [ip:][hostPort:]containerPort[/protocol]).', text));
  if (hostIp !== undefined && hostIp !== '' && validateIp(hostIp)) return bad(l10n.t('"{0}" is not an IP address.', hostIp));
  const containerText = parts[parts.length - 1];
  const hostText = parts.length === 2 ? parts[0] : undefined;
  const containerRange = parseRange(containerText, 'container');
  if (!containerRange.ok) return containerRange;
  const hostRange = hostText ? parseRange(hostText, 'host') : undefined;
  if (hostRange && !hostRange.ok) return hostRange;
  const [cFrom, cTo] = containerRange.value;
  if (hostRange && hostRange.value[1] - hostRange.value[0] !== cTo - cFrom) return bad(l10n.t('The host and container port ranges in "{0}" differ in length.', text));
  const specs: PortSpec[] = [];
  for (let port = cFrom; port <= cTo; port++) {
    const hostPort = hostRange ? hostRange.value[0] + (port - cFrom) : undefined;
    specs.push({ containerPort: port, protocol, hostPort, hostIp: hostIp || undefined });
  }
  return ok(specs);
}

/** An --expose spec: "80", "80/udp" or a range "8000-8010/tcp" (exposed, not published: no host part). */
export function parseExposeSpec(input: string): Parsed<{ containerPort: number; protocol: PortSpec['protocol'] }[]> {
  const text = input.trim();
  if (text.includes(':')) return bad(l10n.t('"{0}" names a host port: --expose takes only container ports (publish with -p instead).', text));
  const parsed = parsePortSpec(text);
  return parsed.ok ? ok(parsed.value.map((p) => ({ containerPort: p.containerPort, protocol: p.protocol }))) : parsed;
}

/** `docker stop -t` / `restart -t`: whole seconds before the engine kills the container. */
export function validateGracePeriod(text: string): string | undefined {
  const value = text.trim();
  if (!/^\d+$/.test(value)) return l10n.t('"{0}" is not a whole number of seconds (e.g. 30).', text);
  return Number(value) <= 3600 ? undefined : l10n.t('A grace period of {0} s is over an hour; give at most 3600.', value);
}

/** --cpu-shares: a relative weight the engine takes from 2 to 262144 (1024 is one full share). */
export function validateCpuShares(text: string): string | undefined {
  const value = text.trim();
  if (!/^\d+$/.test(value)) return l10n.t('"{0}" is not a whole number of CPU shares (e.g. 512; 1024 is the default weight).', text);
  return Number(value) >= 2 && Number(value) <= 262144 ? undefined : l10n.t('CPU shares must be from 2 to 262144, not {0}.', value);
}

function parseRange(text: string, side: PortSide): Parsed<[number, number]> {
  const [fromText, toText, extra] = text.split('-');
  if (extra !== undefined) return bad(side === 'container' ? l10n.t('The container port range "{0}" is not a range.', text) : l10n.t('The host port range "{0}" is not a range.', text));
  const from = portNumber(fromText, side);
  if (!from.ok) return from;
  if (toText === undefined) return ok([from.value, from.value]);
  const to = portNumber(toText, side);
  if (!to.ok) return to;
  if (to.value < from.value) return bad(side === 'container' ? l10n.t('The container port range "{0}" runs backwards.', text) : l10n.t('The host port range "{0}" runs backwards.', text));
  return ok([from.value, to.value]);
}

/** One "KEY=value" line (or "KEY", which passes the variable through from the caller's environment). */
export function validateEnvLine(line: string): string | undefined {
  const key = line.split('=', 1)[0];
  if (!key) return l10n.t('"{0}" has no variable name before "=".', line);
  if (/\s/.test(key)) return l10n.t('The variable name "{0}" contains whitespace.', key);
  return undefined;
}

/** Parses an env file like `docker run --env-file`: KEY=value lines, # comments, blank lines; KEY alone takes the value from `env`. */
export function parseEnvFile(text: string, env: Record<string, string | undefined> = {}): Parsed<string[]> {
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\s+/, '');
    if (!line || line.startsWith('#')) continue;
    const error = validateEnvLine(line);
    if (error) return bad(l10n.t('Line {0}: {1}', i + 1, error));
    if (line.includes('=')) out.push(line);
    else if (env[line] !== undefined) out.push(`${line}=${env[line]}`);
  }
  return ok(out);
}

export function validateIp(text: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) return v4.slice(1).every((n) => Number(n) <= 255) ? undefined : l10n.t('"{0}" has an octet above 255.', text);
  if (isIPv6(text)) return undefined;
  return l10n.t('"{0}" is not an IP address.', text);
}

/** A CIDR subnet like 10.1.0.0/16 (or an IPv6 one). */
export function validateSubnet(text: string): string | undefined {
  const [ip, bits, extra] = text.trim().split('/');
  if (extra !== undefined || bits === undefined) return l10n.t('"{0}" is not a subnet (expected address/prefix, e.g. 10.1.0.0/16).', text);
  const ipError = validateIp(ip);
  if (ipError) return ipError;
  const max = ip.includes(':') ? 128 : 32;
  if (!/^\d+$/.test(bits) || Number(bits) > max) return l10n.t('The prefix length "/{0}" must be a number from 0 to {1}.', bits, max);
  return undefined;
}

/** The IPv6 subnet of a dual-stack network (--ipv6 --subnet fd00::/64). */
export function validateIpv6Subnet(text: string): string | undefined {
  const problem = validateSubnet(text);
  if (problem) return problem;
  return text.includes(':') ? undefined : l10n.t('"{0}" is an IPv4 subnet; IPv6 needs an IPv6 one, e.g. fd00:42::/64.', text);
}

/** Whether `ip` lies inside `subnet` (IPv4 only; IPv6 is left to the engine). */
export function ipInSubnet(ip: string, subnet: string): boolean {
  const [base, bits] = subnet.split('/');
  const toInt = (a: string): number => a.split('.').reduce((acc, n) => acc * 256 + Number(n), 0);
  if (ip.includes(':') || base.includes(':')) return true;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toInt(ip) / size) === Math.floor(toInt(base) / size);
}

/** A "host:ip" pair for --add-host. */
export function validateExtraHost(text: string): string | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return l10n.t('"{0}" is not host:ip.', text);
  const ip = text.slice(colon + 1);
  return ip === 'host-gateway' ? undefined : validateIp(ip);
}

const mountOptions = ['ro', 'rw', 'z', 'Z', 'nocopy', 'shared', 'slave', 'private', 'rshared', 'rslave', 'rprivate'];

/**
 * A -v spec: "source:target[:options]", the source an absolute host path or a volume
 * name (a relative path would resolve against the engine's working folder, not the
 * user's), the target an absolute path inside the container.
 */
export function validateBind(text: string): string | undefined {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) return l10n.t('"{0}" is not host-path-or-volume:container-path[:ro].', text);
  const [source, target, mode] = parts;
  if (!source) return l10n.t('"{0}" has no host path or volume name before ":".', text);
  if (!source.startsWith('/') && validateVolumeName(source)) {
    return l10n.t('The host path "{0}" is relative: use an absolute path (pick a folder), or a volume name.', source);
  }
  if (!target.startsWith('/')) return l10n.t('The container path "{0}" must be absolute (start with /).', target);
  if (mode !== undefined && !mode.split(',').every((o) => mountOptions.includes(o))) {
    return l10n.t('"{0}" is not a mount option (ro, rw, z, Z, nocopy or a propagation mode).', mode);
  }
  return undefined;
}

/** "512m", "1g", "1048576" -> bytes, like --memory. */
export function parseMemory(text: string): Parsed<number> {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(text.trim());
  if (!match) return bad(l10n.t('"{0}" is not a size (e.g. 512m or 1g).', text));
  const factor = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
  return ok(Math.round(Number(match[1]) * factor));
}

/** A network name or a network alias (the engine takes one character). */
export function validateName(name: string): string | undefined {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) return l10n.t('"{0}" is not a valid name (letters, digits, _ . -, starting with a letter or digit).', name);
  return undefined;
}

/** Container and volume names: the engine wants at least two characters. */
const twoCharacterName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function validateContainerName(name: string): string | undefined {
  if (!twoCharacterName.test(name)) return l10n.t('"{0}" is not a valid container name (at least two letters, digits, _ . -, starting with a letter or digit).', name);
  return undefined;
}

export function validateVolumeName(name: string): string | undefined {
  if (!twoCharacterName.test(name)) return l10n.t('"{0}" is not a valid volume name (at least two letters, digits, _ . -, starting with a letter or digit).', name);
  return undefined;
}

const userPart = /^(?:\d{1,10}|[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?)$/;

/** `docker exec -u` and `docker run -u`: a name or uid, optionally with a group or gid after ":" (name, uid, uid:gid, name:group). */
export function validateExecUser(text: string): string | undefined {
  const parts = text.trim().split(':');
  if (parts.length <= 2 && parts.every((p) => userPart.test(p))) return undefined;
  return l10n.t('"{0}" is not user[:group]: give a name or uid, optionally followed by ":" and a group or gid (e.g. www-data, 1000, 1000:1000, app:staff).', text);
}

/** `docker exec -w`: a folder inside the container, as an absolute path. */
export function validateContainerDirectory(text: string): string | undefined {
  const value = text.trim();
  if (!value.startsWith('/')) return l10n.t('The working directory "{0}" must be an absolute path (start with /, e.g. /app).', text);
  if (/[\0\n\r]/.test(value)) return l10n.t('The working directory "{0}" contains a line break or NUL.', text.replace(/[\0\n\r]/g, ' '));
  return undefined;
}
