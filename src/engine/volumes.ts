/** Volumes: list, inspect, create, remove, prune. */
import { Api, filters } from './api';
import { conflictFixes } from './errors';
import type { PruneResult, VolumeSummary } from './types';

const enc = encodeURIComponent;

export class Volumes {
  constructor(private readonly api: Api) {}

  async list(options: { filters?: Record<string, string | string[] | undefined>; signal?: AbortSignal } = {}): Promise<VolumeSummary[]> {
    const result = await this.api.json<{ Volumes: RawVolume[] | null }>({ method: 'GET', path: '/volumes', signal: options.signal, query: { filters: filters(options.filters ?? {}) } });
    return (result.Volumes ?? []).map(toVolume);
  }

  async inspect(name: string): Promise<VolumeSummary> {
    return toVolume(await this.api.json<RawVolume>({ method: 'GET', path: `/volumes/${enc(name)}` }));
  }

  async create(options: { name?: string; driver?: string; labels?: Record<string, string>; driverOptions?: Record<string, string> } = {}): Promise<VolumeSummary> {
    return toVolume(await this.api.json<RawVolume>({
      method: 'POST', path: '/volumes/create',
      body: { Name: options.name ?? '', Driver: options.driver ?? 'local', Labels: options.labels ?? {}, DriverOpts: options.driverOptions ?? {} },
    }));
  }

  async remove(name: string, options: { force?: boolean } = {}): Promise<void> {
    await this.api.json({ method: 'DELETE', path: `/volumes/${enc(name)}`, query: { force: options.force ?? false }, timeoutMs: 0, fixes: conflictFixes.volumeInUse });
  }

  /** Removes unused volumes. Engines from API 1.42 prune only anonymous ones unless `all`. */
  async prune(options: { all?: boolean; filters?: Record<string, string | string[] | undefined> } = {}): Promise<PruneResult> {
    const result = await this.api.json<{ VolumesDeleted?: string[] | null; SpaceReclaimed?: number }>({
      method: 'POST', path: '/volumes/prune', timeoutMs: 0, query: { filters: filters({ ...(options.filters ?? {}), all: options.all ? 'true' : undefined }) },
    });
    return { deleted: result.VolumesDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
  }
}

interface RawVolume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Scope: string;
  CreatedAt?: string;
  Labels: Record<string, string> | null;
  Options: Record<string, string> | null;
}

function toVolume(v: RawVolume): VolumeSummary {
  return { name: v.Name, driver: v.Driver, mountpoint: v.Mountpoint, scope: v.Scope, created: v.CreatedAt ?? '', labels: v.Labels ?? {}, options: v.Options ?? {} };
}
