/** System: ping, version, info, disk usage, prune, and the registry login check. */
import { Api, RegistryAuth } from './api';
import { Containers } from './containers';
import { Images } from './images';
import { Networks } from './networks';
import { engineIdentityOf, libpod, withSha256 } from './podman';
import type { DiskUsage, EngineIdentity, EngineInfo, SystemPruneResult, VersionInfo } from './types';
import { Volumes } from './volumes';

export class System {
  constructor(
    private readonly api: Api,
    private readonly resources: { containers: Containers; images: Images; networks: Networks; volumes: Volumes },
  ) {}

  async ping(signal?: AbortSignal): Promise<void> {
    await this.api.json({ method: 'GET', path: '/_ping', signal });
  }

  async version(signal?: AbortSignal): Promise<VersionInfo> {
    const v = await this.api.json<Record<string, string> & { Components?: { Name?: string }[] }>({ method: 'GET', path: '/version', signal });
    return {
      kind: engineIdentityOf(v as unknown as Parameters<typeof engineIdentityOf>[0]).kind, version: v.Version, apiVersion: v.ApiVersion, minApiVersion: v.MinAPIVersion ?? '', os: v.Os, arch: v.Arch, kernelVersion: v.KernelVersion ?? '', gitCommit: v.GitCommit ?? '',
      components: (v.Components ?? []).map((c) => c.Name ?? '').filter(Boolean),
    };
  }

  /** Docker or Podman, and its version: asked once per engine. */
  identity(signal?: AbortSignal): Promise<EngineIdentity> {
    return this.api.identity(signal);
  }

  async info(signal?: AbortSignal): Promise<EngineInfo> {
    /* eslint-disable-next-line @typescript-eslint/no-explicit-any -- the engine's info JSON */
    const raw = await this.api.json<Record<string, any>>({ method: 'GET', path: '/info', signal });
    return {
      id: raw.ID ?? '', name: raw.Name ?? '', serverVersion: raw.ServerVersion ?? '', containers: raw.Containers ?? 0,
      containersRunning: raw.ContainersRunning ?? 0, containersPaused: raw.ContainersPaused ?? 0, containersStopped: raw.ContainersStopped ?? 0,
      images: raw.Images ?? 0, driver: raw.Driver ?? '', dockerRootDir: raw.DockerRootDir ?? '', operatingSystem: raw.OperatingSystem ?? '',
      kernelVersion: raw.KernelVersion ?? '', cpus: raw.NCPU ?? 0, memTotal: raw.MemTotal ?? 0, warnings: raw.Warnings ?? [], raw,
    };
  }

  /** Like `docker system df -v`: asks the engine to size everything, so only on request. */
  async df(signal?: AbortSignal): Promise<DiskUsage> {
    if (await this.api.isPodman(signal)) return this.podmanDf(signal);
    /* eslint-disable-next-line @typescript-eslint/no-explicit-any -- the engine's df JSON */
    const raw = await this.api.json<Record<string, any>>({ method: 'GET', path: '/system/df', signal, timeoutMs: 0 });
    return {
      layersSize: raw.LayersSize ?? 0,
      images: (raw.Images ?? []).map((i: Record<string, never>) => ({ id: i.Id, repoTags: i.RepoTags ?? [], size: i.Size ?? 0, sharedSize: i.SharedSize ?? 0, containers: i.Containers ?? 0 })),
      containers: (raw.Containers ?? []).map((c: Record<string, never>) => ({ id: c.Id, name: String((c.Names as string[] | undefined)?.[0] ?? '').replace(/^\//, ''), sizeRw: c.SizeRw ?? 0, sizeRootFs: c.SizeRootFs ?? 0, state: c.State ?? '' })),
      volumes: (raw.Volumes ?? []).map((v: Record<string, { Size?: number; RefCount?: number }>) => ({ name: v.Name as unknown as string, size: v.UsageData?.Size ?? -1, refCount: v.UsageData?.RefCount ?? -1 })),
      buildCache: (raw.BuildCache ?? []).map((b: Record<string, never>) => ({ id: b.ID, size: b.Size ?? 0, inUse: !!b.InUse })),
    };
  }

  /**
   * Podman's compatible df names images by their tag alone ("v1") and reports no layer size:
   * its own endpoint names them whole. Layers are counted once, as dockerd's LayersSize does.
   */
  private async podmanDf(signal?: AbortSignal): Promise<DiskUsage> {
    /* eslint-disable-next-line @typescript-eslint/no-explicit-any -- Podman's df JSON */
    const raw = await this.api.json<Record<string, any>>({ method: 'GET', path: `${libpod}/system/df`, signal, timeoutMs: 0 });
    type Row = Record<string, never>;
    const images = (raw.Images ?? []) as Row[];
    const byId = new Map<string, DiskUsage['images'][number]>();
    for (const i of images) {
      const id = withSha256(i.ImageID);
      const entry = byId.get(id) ?? { id, repoTags: [], size: i.Size ?? 0, sharedSize: i.SharedSize ?? 0, containers: i.Containers ?? 0 };
      if (i.Repository && i.Repository !== '<none>') entry.repoTags.push(`${i.Repository}:${i.Tag}`);
      byId.set(id, entry);
    }
    const unique = [...byId.values()];
    const shared = Math.max(0, ...unique.map((i) => i.sharedSize));
    return {
      layersSize: unique.reduce((sum, i) => sum + i.size - i.sharedSize, 0) + shared,
      images: unique,
      containers: ((raw.Containers ?? []) as Row[]).map((c) => ({ id: c.ContainerID, name: String(c.Names ?? ''), sizeRw: c.RWSize ?? 0, sizeRootFs: c.Size ?? 0, state: String(c.Status ?? '') })),
      volumes: ((raw.Volumes ?? []) as Row[]).map((v) => ({ name: v.VolumeName, size: v.Size ?? -1, refCount: v.Links ?? -1 })),
      buildCache: [],
    };
  }

  /** `docker system prune`: stopped containers, dangling (or all unused) images, unused networks, and volumes when asked. */
  async prune(options: { volumes?: boolean; allImages?: boolean; signal?: AbortSignal } = {}): Promise<SystemPruneResult> {
    const containers = await this.resources.containers.prune({ signal: options.signal });
    const networks = await this.resources.networks.prune();
    const volumes = options.volumes ? await this.resources.volumes.prune() : undefined;
    const images = await this.resources.images.prune({ all: options.allImages, signal: options.signal });
    return { containers, images, networks, volumes };
  }

  /**
   * Checks credentials against a registry (`docker login` without storing anything).
   * Resolves with the identity token when the registry issues one; a refusal is an
   * `unauthorized` EngineError whose text never contains the password.
   */
  async login(auth: RegistryAuth & { serveraddress: string }, signal?: AbortSignal): Promise<{ status: string; identityToken?: string }> {
    this.api.remember(auth);
    const result = await this.api.json<{ Status: string; IdentityToken?: string }>({ method: 'POST', path: '/auth', body: { ...auth }, signal });
    return { status: result.Status, identityToken: result.IdentityToken || undefined };
  }
}
