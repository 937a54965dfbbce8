/**
 * Container lifecycle: list, inspect, create, run, start, stop, restart, kill, pause,
 * unpause, remove, rename, prune, wait. Streams and files live in containerIo.ts.
 */
import * as l10n from '@vscode/l10n';
import { readFile } from 'node:fs/promises';
import { Api, filters } from './api';
import { toCreateBody } from './createBody';
import { conflictFixes, EngineError } from './errors';
import { ContainerIo } from './containerIo';
import { bindAsWritten } from './podman';
import type { ContainerDetails, ContainerState, ContainerSummary, ContainerSummaryWithSize, CreateContainerOptions, MountSummary, PortMapping, PruneResult } from './types';
import type { ContainerListEntry } from './wire';

export interface ListContainersOptions {
  /** Stopped ones too (default true: a tree shows everything). */
  all?: boolean;
  /** Engine filters, e.g. {label: ['a=b'], status: ['running'], name: ['web']}. */
  filters?: Record<string, string | string[] | undefined>;
  /** Asks the engine to walk each container's filesystem: slow, only on request. */
  size?: boolean;
  limit?: number;
  signal?: AbortSignal;
}

/** Why an env file could not be read, as one sentence naming it. */
function envFileProblem(file: string, code: string | undefined): string {
  if (code === 'ENOENT') return l10n.t('There is no env file at {0}.', file);
  if (code === 'EISDIR') return l10n.t('The env file {0} is a folder, not a file.', file);
  if (code === 'EACCES' || code === 'EPERM') return l10n.t('Berth may not read the env file {0} (permission denied).', file);
  return l10n.t('Cannot read the env file {0} ({1}).', file, code ?? 'error');
}

export class Containers extends ContainerIo {
  constructor(api: Api) {
    super(api);
  }

  async list(options: ListContainersOptions = {}): Promise<ContainerSummaryWithSize[]> {
    const list = await this.api.json<ContainerListEntry[]>({
      method: 'GET', path: '/containers/json', signal: options.signal,
      query: { all: options.all ?? true, size: options.size ? true : undefined, limit: options.limit, filters: filters(options.filters ?? {}) },
    });
    return list.map((c) => ({ ...toContainerSummary(c), sizeRw: c.SizeRw, sizeRootFs: c.SizeRootFs }));
  }

  async inspect(id: string, options: { size?: boolean; signal?: AbortSignal } = {}): Promise<ContainerDetails> {
    const raw = await this.api.json<RawInspect>({ method: 'GET', path: `/containers/${enc(id)}/json`, query: { size: options.size ? true : undefined }, signal: options.signal });
    return toContainerDetails(raw);
  }

  /** Creates a container; returns its id. Env files are read here, validated, and merged before `env`. */
  async create(options: CreateContainerOptions, signal?: AbortSignal): Promise<string> {
    return this.createAs(options, signal);
  }

  /** `asRun`: the create of a run, whose command line is `docker run -d` (its start then has none). */
  private async createAs(options: CreateContainerOptions, signal?: AbortSignal, asRun = false): Promise<string> {
    const envTexts: string[] = [];
    for (const file of options.envFiles ?? []) {
      try {
        envTexts.push(await readFile(file, 'utf8'));
      } catch (error) {
        throw new EngineError('badRequest', envFileProblem(file, (error as NodeJS.ErrnoException).code), undefined, undefined, { cause: error });
      }
    }
    const body = toCreateBody(options, envTexts, process.env);
    const created = await this.api.json<{ Id: string; Warnings?: string[] }>({
      method: 'POST', path: '/containers/create', query: { name: options.name }, body, signal, fixes: conflictFixes.name, cli: asRun ? { as: 'run' } : undefined,
    });
    return created.Id;
  }

  /**
   * `docker run -d`: create, then start. If the start fails, the container is removed
   * only when we created it with auto-remove asked (otherwise it stays for inspection,
   * as with the CLI).
   */
  async run(options: CreateContainerOptions, signal?: AbortSignal): Promise<string> {
    const id = await this.createAs(options, signal, true);
    try {
      await this.api.json({ method: 'POST', path: `/containers/${enc(id)}/start`, signal, cli: { as: 'skip' } });
    } catch (error) {
      if (options.autoRemove) await this.remove(id, { force: true }).catch(() => undefined);
      throw error;
    }
    return id;
  }

  async start(id: string, signal?: AbortSignal): Promise<void> {
    await this.api.json({ method: 'POST', path: `/containers/${enc(id)}/start`, signal });
  }

  /** `timeout`: seconds to wait before SIGKILL (engine default 10). */
  async stop(id: string, options: { timeout?: number; signal?: AbortSignal } = {}): Promise<void> {
    await this.api.json({ method: 'POST', path: `/containers/${enc(id)}/stop`, query: { t: options.timeout }, signal: options.signal, timeoutMs: 0 });
  }

  async restart(id: string, options: { timeout?: number; signal?: AbortSignal } = {}): Promise<void> {
    await this.api.json({ method: 'POST', path: `/containers/${enc(id)}/restart`, query: { t: options.timeout }, signal: options.signal, timeoutMs: 0 });
  }

  async kill(id: string, options: { signal?: string } = {}): Promise<void> {
    await this.api.json({ method: 'POST', path: `/containers/${enc(id)}/kill`, query: { signal: options.signal } });
  }

  async pause(id: string): Promise<void> {
    await this.api.json({ method: 'POST', path: `/containers/${enc(id)}/pause` });
  }

  async unpause(id: string): Promise<void> {
    await this.api.json({ method: 'POST', path: `/containers/${enc(id)}/unpause` });
  }

  async remove(id: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    await this.api.json({ method: 'DELETE', path: `/containers/${enc(id)}`, query: { force: options.force ?? false, v: options.volumes ?? false }, timeoutMs: 0 });
  }

  async rename(id: string, name: string): Promise<void> {
    await this.api.json({ method: 'POST', path: `/containers/${enc(id)}/rename`, query: { name }, fixes: conflictFixes.name });
  }

  /** Removes stopped containers; `filters` like {until: '24h', label: ['x']}. */
  async prune(options: { filters?: Record<string, string | string[] | undefined>; signal?: AbortSignal } = {}): Promise<PruneResult> {
    const result = await this.api.json<{ ContainersDeleted?: string[] | null; SpaceReclaimed?: number }>({
      method: 'POST', path: '/containers/prune', query: { filters: filters(options.filters ?? {}) }, signal: options.signal, timeoutMs: 0,
    });
    return { deleted: result.ContainersDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
  }

  /** Waits until the container stops (or is removed, or `condition` says otherwise); returns its exit code. */
  async wait(id: string, options: { condition?: 'not-running' | 'next-exit' | 'removed'; signal?: AbortSignal } = {}): Promise<number> {
    const result = await this.api.json<{ StatusCode: number }>({ method: 'POST', path: `/containers/${enc(id)}/wait`, query: { condition: options.condition }, signal: options.signal, timeoutMs: 0 });
    return result.StatusCode;
  }

  /** Published ports, like `docker port`. */
  async ports(id: string): Promise<PortMapping[]> {
    return (await this.inspect(id)).ports;
  }
}

export const enc = encodeURIComponent;

const knownStates: ReadonlySet<string> = new Set(['running', 'paused', 'restarting', 'exited', 'created', 'dead', 'removing']);

function toState(state: string | undefined): ContainerState {
  return (state && knownStates.has(state) ? state : 'created') as ContainerState;
}

export function toContainerSummary(c: ContainerListEntry): ContainerSummary {
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status ?? '')?.[1];
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    created: c.Created,
    state: toState(c.State),
    status: c.Status,
    health: health === 'health: starting' ? 'starting' : (health as 'healthy' | 'unhealthy' | undefined),
    ports: (c.Ports ?? []).map((p): PortMapping => ({ privatePort: p.PrivatePort, publicPort: p.PublicPort, ip: p.IP, type: p.Type as PortMapping['type'] })),
    labels: c.Labels ?? {},
    mounts: (c.Mounts ?? []).map(toMount),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
  };
}

function toMount(m: { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }): MountSummary {
  return { type: m.Type, name: m.Name, source: m.Source, destination: m.Destination, readOnly: !m.RW };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the engine's inspect JSON, read field by field */
type RawInspect = Record<string, any>;

/** "80/tcp": [{HostIp, HostPort}] -> flat mappings, like `docker port`. */
export function portsFromBindings(ports: Record<string, { HostIp: string; HostPort: string }[] | null> | null | undefined): PortMapping[] {
  const out: PortMapping[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [port, type] = key.split('/');
    if (!bindings || bindings.length === 0) out.push({ privatePort: Number(port), type: (type ?? 'tcp') as PortMapping['type'] });
    for (const b of bindings ?? []) out.push({ privatePort: Number(port), publicPort: Number(b.HostPort), ip: b.HostIp, type: (type ?? 'tcp') as PortMapping['type'] });
  }
  return out;
}

export function toContainerDetails(raw: RawInspect): ContainerDetails {
  const state = raw.State ?? {};
  const config = raw.Config ?? {};
  const host = raw.HostConfig ?? {};
  const networks: ContainerDetails['networks'] = {};
  for (const [name, n] of Object.entries<any>(raw.NetworkSettings?.Networks ?? {})) {
    networks[name] = { ipAddress: n.IPAddress ?? '', aliases: n.Aliases ?? [], networkId: n.NetworkID ?? '', gateway: n.Gateway ?? '' };
  }
  return {
    id: raw.Id,
    name: String(raw.Name ?? '').replace(/^\//, ''),
    image: config.Image ?? '',
    imageId: raw.Image ?? '',
    created: raw.Created ?? '',
    state: {
      status: toState(state.Status), running: !!state.Running, paused: !!state.Paused, restarting: !!state.Restarting,
      exitCode: state.ExitCode ?? 0, pid: state.Pid ?? 0, startedAt: state.StartedAt ?? '', finishedAt: state.FinishedAt ?? '',
      error: state.Error ?? '', health: state.Health?.Status,
    },
    config: {
      cmd: config.Cmd ?? [], entrypoint: config.Entrypoint ?? [], env: config.Env ?? [], workdir: config.WorkingDir ?? '',
      user: config.User ?? '', hostname: config.Hostname ?? '', labels: config.Labels ?? {}, tty: !!config.Tty,
      openStdin: !!config.OpenStdin, exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    },
    hostConfig: {
      autoRemove: !!host.AutoRemove, readOnly: !!host.ReadonlyRootfs,
      restart: { name: (host.RestartPolicy?.Name || 'no') as ContainerDetails['hostConfig']['restart']['name'], maximumRetryCount: host.RestartPolicy?.MaximumRetryCount ?? 0 },
      memory: host.Memory ?? 0, nanoCpus: host.NanoCpus ?? 0, cpuShares: host.CpuShares ?? 0, binds: (host.Binds ?? []).map(bindAsWritten), dns: host.Dns ?? [],
      extraHosts: host.ExtraHosts ?? [], networkMode: host.NetworkMode ?? '',
    },
    mounts: (raw.Mounts ?? []).map(toMount),
    ports: portsFromBindings(raw.NetworkSettings?.Ports),
    networks,
    restartCount: raw.RestartCount ?? 0,
    sizeRw: raw.SizeRw,
    sizeRootFs: raw.SizeRootFs,
    raw,
  };
}
