/**
 * The host side of a service's `ports` entries, short (`127.0.0.1:8080-8081:80/udp`) and
 * long (`published`, `host_ip`, `protocol`) forms, for the "published twice" check.
 * Entries holding `$` are left alone: their value is known only when compose runs.
 */

export interface HostPort {
  /** Empty means every address (0.0.0.0 and ::). */
  ip: string;
  port: number;
  protocol: string;
}

/** More than this many ports in one range is not worth expanding for a duplicate check. */
const maxRange = 1024;

function range(text: string): number[] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (last < first || last - first > maxRange) return undefined;
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

export function shortFormHostPorts(spec: string): HostPort[] {
  if (spec.includes('$')) return [];
  let rest = spec.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase() || 'tcp';
    rest = rest.slice(0, slash);
  }
  let ip = '';
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']:');
    if (end < 0) return [];
    ip = rest.slice(1, end);
    rest = rest.slice(end + 2);
  }
  const parts = rest.split(':');
  let host: string | undefined;
  if (parts.length === 2) host = parts[0];
  else if (parts.length === 3 && !ip) {
    ip = parts[0];
    host = parts[1];
  }
  if (!host) return [];
  return (range(host) ?? []).map((port) => ({ ip: normalizeIp(ip), port, protocol }));
}

export function longFormHostPorts(published: unknown, hostIp: unknown, protocol: unknown): HostPort[] {
  if (published === undefined || published === null) return [];
  const text = String(published);
  if (text.includes('$')) return [];
  return (range(text) ?? []).map((port) => ({ ip: normalizeIp(hostIp === undefined || hostIp === null ? '' : String(hostIp)), port, protocol: protocol ? String(protocol).toLowerCase() : 'tcp' }));
}

function normalizeIp(ip: string): string {
  return ip === '0.0.0.0' || ip === '::' ? '' : ip;
}

/** Two bindings clash when port and protocol match and either listens on every address or both on the same one. */
export function clashes(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === '' || b.ip === '' || a.ip === b.ip);
}

export function describePort(port: HostPort): string {
  return `${port.ip ? `${port.ip}:` : ''}${port.port}/${port.protocol}`;
}
