/**
 * The `docker` command line equivalent to one API request Berth sends: a pure function of
 * the request's method, path, query and body (never of what a person typed), so the line
 * shown is what Berth did. Requests that only read (lists, inspect, logs, stats), and the
 * parts of an action that the CLI does within one command (an exec's start, a run's start,
 * attach, resize), have none.
 *
 * Credentials never appear: registry auth travels in headers the record does not carry,
 * and a login is `docker login -u USER --password-stdin SERVER`.
 */
import * as path from 'node:path';
import { createArgs } from './createArgs';
import { libpod } from './podman';

/** What the caller knows beyond the request: that a create is a run's, a build's context folder. */
export interface CliHint {
  /** 'run': this create is `docker run -d` (the start that follows is `skip`); 'skip': no line of its own. */
  as?: 'run' | 'skip';
  /** The folder a build's context tar was packed from. */
  context?: string;
}

/** A request as the engine receives it, minus its headers (registry auth) and payload. */
export interface RequestRecord {
  method: string;
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  cli?: CliHint;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- request bodies, read field by field */
type Body = Record<string, any>;

/** argv without the program name ("docker" is argv[0]), or undefined when the request is no action. */
export function dockerCommand(request: RequestRecord): string[] | undefined {
  if (request.cli?.as === 'skip') return undefined;
  const method = request.method.toUpperCase();
  const query = request.query ?? {};
  const body: Body = (request.body && typeof request.body === 'object' ? request.body : {}) as Body;
  const isLibpod = request.path.startsWith(`${libpod}/`);
  const parts = (isLibpod ? request.path.slice(libpod.length) : request.path).split('?')[0].split('/').filter(Boolean).map(safeDecode);
  const args = isLibpod ? libpodCommand(method, parts, query) : commandFor(method, parts, query, body, request.cli ?? {});
  return args ? ['docker', ...args] : undefined;
}

function commandFor(method: string, parts: string[], query: Record<string, unknown>, body: Body, cli: CliHint): string[] | undefined {
  const [resource, id, verb] = parts;
  switch (resource) {
    case 'containers': return containerCommand(method, id, verb, query, body, cli);
    case 'images': return imageCommand(method, id, verb, query);
    case 'networks': return networkCommand(method, id, verb, query, body);
    case 'volumes': return volumeCommand(method, id, query, body);
    case 'build': return method === 'POST' ? buildCommand(query, cli) : undefined;
    case 'commit': return method === 'POST' ? commitCommand(query) : undefined;
    case 'auth': return method === 'POST' ? loginCommand(body) : undefined;
    default: return undefined;
  }
}

function containerCommand(method: string, id: string | undefined, verb: string | undefined, query: Record<string, unknown>, body: Body, cli: CliHint): string[] | undefined {
  if (method === 'POST' && id === 'create') {
    const name = typeof query.name === 'string' ? query.name : undefined;
    return cli.as === 'run' ? ['run', '-d', ...createArgs(body, name)] : ['create', ...createArgs(body, name)];
  }
  if (method === 'POST' && id === 'prune') return ['container', 'prune', '-f', ...filterArgs(query.filters)];
  if (!id) return undefined;
  if (method === 'DELETE' && !verb) return ['rm', ...(query.force === true ? ['-f'] : []), ...(query.v === true ? ['-v'] : []), id];
  if (method === 'GET' && verb === 'export') return ['export', id];
  if (method !== 'POST') return undefined;
  switch (verb) {
    case 'start': case 'pause': case 'unpause': return [verb, id];
    case 'stop': case 'restart': return [verb, ...(query.t !== undefined ? ['-t', String(query.t)] : []), id];
    case 'kill': return ['kill', ...(query.signal ? ['-s', String(query.signal)] : []), id];
    case 'rename': return ['rename', id, String(query.name)];
    case 'exec': return execCommand(id, body);
    default: return undefined;
  }
}

function execCommand(container: string, body: Body): string[] {
  const args = ['exec'];
  if (body.AttachStdin) args.push('-i');
  if (body.Tty) args.push('-t');
  if (body.User) args.push('-u', String(body.User));
  if (body.WorkingDir) args.push('-w', String(body.WorkingDir));
  for (const line of body.Env ?? []) args.push('-e', String(line));
  if (body.Privileged) args.push('--privileged');
  return [...args, container, ...(body.Cmd ?? []).map(String)];
}

function imageCommand(method: string, id: string | undefined, verb: string | undefined, query: Record<string, unknown>): string[] | undefined {
  if (method === 'POST' && id === 'create') return query.fromSrc !== undefined ? importCommand(query.repo, query.tag, query.changes, query.message) : pullCommand(query);
  if (method === 'POST' && id === 'load') return ['load'];
  if (method === 'POST' && id === 'prune') return imagePruneCommand(query.filters);
  if (method === 'GET' && id === 'get') return ['save', ...list(query.names)];
  if (!id) return undefined;
  // A name with a registry or path ("127.0.0.1:5000/app") is one encoded path segment, decoded by now.
  const name = id;
  if (method === 'DELETE' && !verb) return ['rmi', ...(query.force === true ? ['-f'] : []), ...(query.noprune === true ? ['--no-prune'] : []), name];
  if (method !== 'POST') return undefined;
  if (verb === 'tag') return ['tag', name, query.tag ? `${String(query.repo)}:${String(query.tag)}` : String(query.repo)];
  if (verb === 'push') return ['push', query.tag ? `${name}:${String(query.tag)}` : name];
  return undefined;
}

function pullCommand(query: Record<string, unknown>): string[] {
  const platform = query.platform ? ['--platform', String(query.platform)] : [];
  const image = String(query.fromImage ?? '');
  // No tag and no digest: the engine pulls every tag, which is `docker pull -a`.
  if (query.tag === undefined && !image.includes('@')) return ['pull', '-a', ...platform, image];
  return ['pull', ...platform, query.tag ? `${image}:${String(query.tag)}` : image];
}

function importCommand(repo: unknown, tag: unknown, changes: unknown, message: unknown): string[] {
  const args = ['import'];
  for (const change of list(changes)) args.push('-c', change);
  if (message) args.push('-m', String(message));
  // Berth streams the tar as the request body: the CLI reads it from stdin ("-").
  args.push('-');
  if (repo) args.push(tag ? `${String(repo)}:${String(tag)}` : String(repo));
  return args;
}

function imagePruneCommand(filtersJson: unknown): string[] {
  const parsed = parseFilters(filtersJson);
  const all = parsed.dangling?.[0] === 'false';
  delete parsed.dangling;
  return ['image', 'prune', '-f', ...(all ? ['-a'] : []), ...filterFlags(parsed)];
}

function buildCommand(query: Record<string, unknown>, cli: CliHint): string[] {
  const args = ['build'];
  for (const tag of list(query.t)) args.push('-t', tag);
  const dockerfile = String(query.dockerfile ?? 'Dockerfile');
  // The CLI reads -f from the current folder, the engine from the context: name it inside the context.
  if (dockerfile !== 'Dockerfile') args.push('-f', cli.context ? path.join(cli.context, dockerfile) : dockerfile);
  for (const [key, value] of Object.entries(parseJsonRecord(query.buildargs))) args.push('--build-arg', `${key}=${value}`);
  if (query.target) args.push('--target', String(query.target));
  for (const [key, value] of Object.entries(parseJsonRecord(query.labels))) args.push('--label', `${key}=${value}`);
  if (query.nocache === true) args.push('--no-cache');
  if (query.pull) args.push('--pull');
  if (query.platform) args.push('--platform', String(query.platform));
  if (query.forcerm === true) args.push('--force-rm');
  args.push(cli.context ?? '.');
  return args;
}

function commitCommand(query: Record<string, unknown>): string[] {
  const args = ['commit'];
  if (query.author) args.push('-a', String(query.author));
  if (query.comment) args.push('-m', String(query.comment));
  for (const change of list(query.changes)) args.push('-c', change);
  if (query.pause === false) args.push('--pause=false');
  args.push(String(query.container));
  if (query.repo) args.push(query.tag ? `${String(query.repo)}:${String(query.tag)}` : String(query.repo));
  return args;
}

/** The password never: the CLI reads it from stdin. */
function loginCommand(body: Body): string[] {
  const args = ['login'];
  if (body.username) args.push('-u', String(body.username), '--password-stdin');
  if (body.serveraddress) args.push(String(body.serveraddress));
  return args;
}

function networkCommand(method: string, id: string | undefined, verb: string | undefined, query: Record<string, unknown>, body: Body): string[] | undefined {
  if (method === 'POST' && id === 'create') return networkCreateArgs(body);
  if (method === 'POST' && id === 'prune') return ['network', 'prune', '-f', ...filterArgs(query.filters)];
  if (!id) return undefined;
  if (method === 'DELETE' && !verb) return ['network', 'rm', id];
  if (method === 'POST' && verb === 'connect') {
    const endpoint: Body = body.EndpointConfig ?? {};
    const args = ['network', 'connect'];
    for (const alias of endpoint.Aliases ?? []) args.push('--alias', String(alias));
    if (endpoint.IPAMConfig?.IPv4Address) args.push('--ip', String(endpoint.IPAMConfig.IPv4Address));
    return [...args, id, String(body.Container)];
  }
  if (method === 'POST' && verb === 'disconnect') return ['network', 'disconnect', ...(body.Force ? ['-f'] : []), id, String(body.Container)];
  return undefined;
}

/** `docker network create` from a create body (also built from a network's inspect data). */
export function networkCreateArgs(body: Body): string[] {
  const args = ['network', 'create'];
  if (body.Driver) args.push('--driver', String(body.Driver));
  if (body.Internal) args.push('--internal');
  if (body.Attachable) args.push('--attachable');
  if (body.EnableIPv6) args.push('--ipv6');
  for (const [key, value] of Object.entries<string>(body.Options ?? {})) args.push('--opt', `${key}=${value}`);
  for (const [key, value] of Object.entries<string>(body.Labels ?? {})) args.push('--label', `${key}=${value}`);
  const ipam: Body = body.IPAM ?? {};
  if (ipam.Driver && ipam.Driver !== 'default') args.push('--ipam-driver', String(ipam.Driver));
  for (const config of ipam.Config ?? []) {
    if (config.Subnet) args.push('--subnet', String(config.Subnet));
    if (config.IPRange) args.push('--ip-range', String(config.IPRange));
    if (config.Gateway) args.push('--gateway', String(config.Gateway));
  }
  for (const [key, value] of Object.entries<string>(ipam.Options ?? {})) args.push('--ipam-opt', `${key}=${value}`);
  return [...args, String(body.Name ?? '')];
}

function volumeCommand(method: string, id: string | undefined, query: Record<string, unknown>, body: Body): string[] | undefined {
  if (method === 'POST' && id === 'create') return volumeCreateArgs(body);
  if (method === 'POST' && id === 'prune') {
    const parsed = parseFilters(query.filters);
    const all = parsed.all?.[0] === 'true';
    delete parsed.all;
    return ['volume', 'prune', '-f', ...(all ? ['-a'] : []), ...filterFlags(parsed)];
  }
  if (method === 'DELETE' && id) return ['volume', 'rm', ...(query.force === true ? ['-f'] : []), id];
  return undefined;
}

/** `docker volume create` from a create body (also built from a volume's inspect data). */
export function volumeCreateArgs(body: Body): string[] {
  const args = ['volume', 'create'];
  if (body.Driver && body.Driver !== 'local') args.push('--driver', String(body.Driver));
  for (const [key, value] of Object.entries<string>(body.DriverOpts ?? {})) args.push('--opt', `${key}=${value}`);
  for (const [key, value] of Object.entries<string>(body.Labels ?? {})) args.push('--label', `${key}=${value}`);
  if (body.Name) args.push(String(body.Name));
  return args;
}

/** Podman's own endpoints, which Berth uses where the compatible ones fall short. */
function libpodCommand(method: string, parts: string[], query: Record<string, unknown>): string[] | undefined {
  if (method !== 'POST' || parts[0] !== 'images') return undefined;
  if (parts[1] === 'pull') return ['pull', ...(query.allTags ? ['-a'] : []), ...(query.platform ? ['--platform', String(query.platform)] : []), String(query.reference)];
  if (parts[1] === 'prune') return ['image', 'prune', '-f', ...(query.all ? ['-a'] : []), ...filterArgs(query.filters)];
  if (parts[1] === 'import') {
    const reference = typeof query.reference === 'string' ? query.reference : undefined;
    return importCommand(reference, undefined, query.changes, query.message);
  }
  return undefined;
}

function filterArgs(filtersJson: unknown): string[] {
  return filterFlags(parseFilters(filtersJson));
}

function filterFlags(parsed: Record<string, string[]>): string[] {
  return Object.entries(parsed).flatMap(([key, values]) => values.flatMap((value) => ['--filter', `${key}=${value}`]));
}

function parseFilters(filtersJson: unknown): Record<string, string[]> {
  const record = parseJsonRecord(filtersJson) as Record<string, unknown>;
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(record)) out[key] = Array.isArray(value) ? value.map(String) : typeof value === 'object' && value ? Object.keys(value) : [String(value)];
  return out;
}

function parseJsonRecord(text: unknown): Record<string, string> {
  if (typeof text !== 'string' || !text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
