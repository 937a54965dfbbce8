/**
 * A volume's files through the engine's archive API, with no shell and no image pull:
 * a helper container is created from an image already in the engine with the volume
 * mounted, never started, and removed once the operations that needed it are over
 * (also when they failed). Operations that follow each other within `lingerMs` share
 * one helper, so listing a folder costs one create and one remove, not one per call.
 * The port it offers takes a volume name where the files feature takes a container id.
 */
import * as l10n from '@vscode/l10n';
import type { CreateContainerOptions, ImageSummary, PathStat, VolumeSummary } from '../engine/types';
import type { ArchivePort } from '../files/port';
import { FsError } from '../files/containerFs';

import { helperLabel } from './helperLabel';

export { helperLabel };
/** Where the volume is mounted inside a helper. */
export const helperMount = '/berth-volume';

export interface HelperEngine {
  containers: ArchivePort & {
    create(options: CreateContainerOptions): Promise<string>;
    remove(id: string, options?: { force?: boolean; volumes?: boolean }): Promise<void>;
    list(options?: { all?: boolean; filters?: Record<string, string | string[] | undefined> }): Promise<{ id: string }[]>;
  };
  volumes: { inspect(name: string): Promise<VolumeSummary> };
  images: { list(): Promise<ImageSummary[]> };
}

interface Lease {
  helper: Promise<string>;
  users: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** The image a helper is made from: the smallest one present (it is never run). */
export function helperImage(images: readonly ImageSummary[]): string | undefined {
  const best = [...images].sort((a, b) => a.size - b.size)[0];
  if (!best) return undefined;
  return best.repoTags.find((t) => !t.endsWith('<none>')) ?? best.id;
}

export class VolumeHelpers {
  private readonly leases = new Map<string, Lease>();
  /** Engines whose leftover helpers were looked for (once each, before the first helper). */
  private readonly swept = new WeakSet<object>();
  private readonly live = new Set<string>();

  constructor(private readonly engine: () => HelperEngine, private readonly lingerMs = 500) {}

  /** The archive API of volumes: ids are volume names, paths are inside the volume. */
  readonly port: ArchivePort = {
    inspect: (volume) => this.engine().volumes.inspect(volume),
    statPath: (volume, path) => this.use(volume, async (id) => this.inside(await this.engine().containers.statPath(id, this.outside(path)))),
    getArchive: async (volume, path, signal) => {
      const release = await this.acquire(volume);
      try {
        const { stat, tar } = await this.engine().containers.getArchive(await this.leases.get(volume)!.helper, this.outside(path), signal);
        // The helper stays until the archive has been read.
        let released = false;
        const done = (): void => {
          if (!released) void release();
          released = true;
        };
        tar.once('close', done);
        tar.once('end', done);
        tar.once('error', done);
        return { stat: this.inside(stat), tar };
      } catch (error) {
        await release();
        throw error;
      }
    },
    putArchive: (volume, path, tar, options) => this.use(volume, (id) => this.engine().containers.putArchive(id, this.outside(path), tar, options)),
  };

  /** Removes a volume's helper now (before the volume itself is removed), or every helper. */
  async release(volume?: string): Promise<void> {
    const names = volume ? [volume] : [...this.leases.keys()];
    await Promise.all(names.map(async (name) => {
      const lease = this.leases.get(name);
      if (!lease) return;
      this.leases.delete(name);
      clearTimeout(lease.timer);
      await this.removeHelper(lease.helper);
    }));
  }

  /** Helpers a previous session left behind (it crashed or was killed): removed at start. */
  async removeLeftovers(): Promise<number> {
    const left = await this.engine().containers.list({ all: true, filters: { label: [helperLabel] } });
    // Helpers of this session (made or being made) are not leftovers.
    const stale = left.filter((c) => !this.live.has(c.id));
    await Promise.all(stale.map((c) => this.engine().containers.remove(c.id, { force: true }).catch(() => undefined)));
    return stale.length;
  }

  private async use<T>(volume: string, work: (helperId: string) => Promise<T>): Promise<T> {
    const release = await this.acquire(volume);
    try {
      return await work(await this.leases.get(volume)!.helper);
    } finally {
      await release();
    }
  }

  private async acquire(volume: string): Promise<() => Promise<void>> {
    let lease = this.leases.get(volume);
    if (!lease) {
      lease = { helper: this.createHelper(volume), users: 0 };
      this.leases.set(volume, lease);
      const created = lease;
      // A helper that could not be made is not kept: the next call tries again.
      created.helper.catch(() => {
        if (this.leases.get(volume) === created) this.leases.delete(volume);
      });
    }
    clearTimeout(lease.timer);
    lease.users++;
    const held = lease;
    await held.helper;
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      if (--held.users > 0) return;
      held.timer = setTimeout(() => {
        if (held.users > 0 || this.leases.get(volume) !== held) return;
        this.leases.delete(volume);
        void this.removeHelper(held.helper);
      }, this.lingerMs);
    };
  }

  private async createHelper(volume: string): Promise<string> {
    const engine = this.engine();
    // Mounting a volume that is not there would create it: ask first.
    await engine.volumes.inspect(volume).catch((error: unknown) => {
      const e = error as { kind?: string; statusCode?: number };
      if (e.kind === 'notFound' || e.statusCode === 404) throw new FsError('FileNotFound', l10n.t('The volume {0} does not exist any more; refresh the Volumes view.', volume), { cause: error });
      throw error;
    });
    if (!this.swept.has(engine)) {
      this.swept.add(engine);
      await this.removeLeftovers().catch(() => undefined);
    }
    const image = helperImage(await engine.images.list());
    if (!image) throw new FsError('Unavailable', l10n.t('There is no image in the engine to read volume {0} with: pull or load any image (busybox is enough), then try again.', volume));
    const id = await engine.containers.create({
      image,
      // Never started: the command only has to be there for the engine to accept the container.
      cmd: ['/berth-volume-helper'],
      labels: { [helperLabel]: volume },
      mounts: [{ type: 'volume', source: volume, target: helperMount }],
      network: 'none',
    });
    this.live.add(id);
    return id;
  }

  private async removeHelper(helper: Promise<string>): Promise<void> {
    const id = await helper.catch(() => undefined);
    if (!id) return;
    await this.engine().containers.remove(id, { force: true }).catch(() => undefined);
    this.live.delete(id);
  }

  private outside(path: string): string {
    return path === '/' ? helperMount : `${helperMount}${path}`;
  }

  /** Link targets inside the volume are shown as volume paths. */
  private inside(stat: PathStat): PathStat {
    const target = stat.linkTarget;
    if (!target || !(target === helperMount || target.startsWith(`${helperMount}/`))) return stat;
    return { ...stat, linkTarget: target.slice(helperMount.length) || '/' };
  }
}
