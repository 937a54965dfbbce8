/**
 * Typed operations over dockerode. The only module that holds a dockerode instance;
 * everything it returns is plain data from ./types, every failure an EngineError.
 */
import Docker from 'dockerode';
import { Endpoint, toDockerodeOptions } from './endpoint';
import { toEngineError } from './errors';
import { ContainerState, ContainerSummary, ImageSummary, PortMapping } from './types';

export interface CreateContainerOptions {
  image: string;
  name?: string;
  cmd?: string[];
  labels?: Record<string, string>;
  tty?: boolean;
  openStdin?: boolean;
}

export class Engine {
  private readonly docker: Docker;
  private readonly label: string;

  constructor(readonly endpoint: Endpoint) {
    this.docker = new Docker(toDockerodeOptions(endpoint));
    this.label = `${endpoint.url} (${endpoint.why})`;
  }

  /** Runs one API call and turns whatever fails into an EngineError naming this endpoint. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toEngineError(error, this.label);
    }
  }

  async version(): Promise<{ version: string; apiVersion: string; os: string; arch: string }> {
    const v = await this.call(() => this.docker.version());
    return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
  }

  /** Never asks for sizes: `size=1` makes the engine walk every container's filesystem. */
  async listContainers(options: { all?: boolean } = {}): Promise<ContainerSummary[]> {
    const list = await this.call(() => this.docker.listContainers({ all: options.all ?? true }));
    return list.map(toContainerSummary);
  }

  async listImages(): Promise<ImageSummary[]> {
    const list = await this.call(() => this.docker.listImages({ all: false }));
    return list.map((i) => ({
      id: i.Id,
      repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      repoDigests: (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
      created: i.Created,
      size: i.Size,
      labels: i.Labels ?? {},
      containers: i.Containers,
    }));
  }

  async createContainer(options: CreateContainerOptions): Promise<string> {
    const container = await this.call(() =>
      this.docker.createContainer({
        Image: options.image,
        name: options.name,
        Cmd: options.cmd,
        Labels: options.labels,
        Tty: options.tty ?? false,
        OpenStdin: options.openStdin ?? false,
      }),
    );
    return container.id;
  }

  async startContainer(id: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).start());
  }

  async removeContainer(id: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    await this.call(() => this.docker.getContainer(id).remove({ force: options.force ?? false, v: options.volumes ?? false }));
  }
}

const knownStates: ReadonlySet<string> = new Set(['running', 'paused', 'restarting', 'exited', 'created', 'dead', 'removing']);

export function toContainerSummary(c: Docker.ContainerInfo): ContainerSummary {
  const state = (knownStates.has(c.State) ? c.State : 'created') as ContainerState;
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status ?? '')?.[1];
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    created: c.Created,
    state,
    status: c.Status,
    health: health === 'health: starting' ? 'starting' : (health as 'healthy' | 'unhealthy' | undefined),
    ports: (c.Ports ?? []).map((p): PortMapping => ({ privatePort: p.PrivatePort, publicPort: p.PublicPort, ip: p.IP, type: p.Type as PortMapping['type'] })),
    labels: c.Labels ?? {},
    mounts: (c.Mounts ?? []).map((m) => ({ type: m.Type, name: m.Name, source: m.Source, destination: m.Destination, readOnly: !m.RW })),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
  };
}
