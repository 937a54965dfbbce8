/**
 * A dedicated dockerd filled to scale: busybox:local, N distinct images loaded from one
 * generated `docker save` archive, named volumes, and M containers (created, not started,
 * a few running), made with bounded concurrency on a raw client. The shared test engine
 * is only read (busybox:local is saved from it). Stopped by pid; the running containers
 * are removed first so no shim outlives the engine.
 */
import Docker from 'dockerode';
import { readAll } from '../../src/engine/api';
import { Engine } from '../../src/engine/engine';
import { readTar } from '../../src/engine/tar';
import { PrivateDockerd } from './dockerd';
import { testEngine, testImage } from './engine';
import { variantsArchive } from './imageArchive';

export interface ScaleShape {
  containers: number;
  /** How many of the containers run (the rest are only created). */
  running: number;
  images: number;
  volumes: number;
  /** Containers get a compose project label from this many projects, every second one; the rest are loose. */
  projects: number;
}

export interface ScaleEngine {
  dockerd: PrivateDockerd;
  /** A raw client on the dockerd's own socket, independent of Berth. */
  docker: Docker;
  /** Container names, in creation order. */
  names: string[];
  /** Wall time of each setup step, in ms. */
  timings: { dockerd: number; images: number; volumes: number; containers: number; running: number; total: number };
  dispose(): Promise<void>;
}

/** Runs `work` for 0..count-1 with at most `concurrency` in flight. */
export async function pool(count: number, concurrency: number, work: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await work(next++);
  }));
}

export const scaleLabel = 'berth.test.scale';

export async function startScaleEngine(shape: ScaleShape, concurrency = 8): Promise<ScaleEngine> {
  const started = Date.now();
  let mark = started;
  const lap = () => {
    const now = Date.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
  const dockerd = new PrivateDockerd('berth-scale-');
  await dockerd.start();
  const docker = new Docker({ socketPath: dockerd.socket });
  const dispose = async () => {
    // SIGTERM waits for running containers to stop (sleep ignores it): remove them first.
    const running = await docker.listContainers({ filters: { status: ['running'] } }).catch(() => []);
    await pool(running.length, concurrency, (i) => docker.getContainer(running[i].Id).remove({ force: true }).catch(() => undefined));
    await dockerd.dispose();
  };
  try {
    const timings = { dockerd: lap(), images: 0, volumes: 0, containers: 0, running: 0, total: 0 };
    const shared = testEngine();
    const base = await readTar(await shared.images.save([testImage])).finally(() => shared.dispose());
    const engine = new Engine({ url: dockerd.url, source: 'setting', why: 'the scale test engine' });
    try {
      const variants = [{ repoTag: testImage, labels: {} }, ...Array.from({ length: shape.images }, (_, i) => ({
        // 50 repositories, so the Images tree has groups with several tags each.
        repoTag: `scale/app-${i % 50}:v${Math.floor(i / 50)}`,
        labels: { [scaleLabel]: String(i) },
      }))];
      await engine.images.load(await readAll(variantsArchive(base, variants)));
    } finally {
      await engine.dispose();
    }
    timings.images = lap();

    const volumes = Array.from({ length: shape.volumes }, (_, i) => `scale-volume-${i}`);
    await pool(volumes.length, concurrency, (i) => docker.createVolume({ Name: volumes[i] }));
    timings.volumes = lap();

    const names = Array.from({ length: shape.containers }, (_, i) => `scale-${String(i).padStart(4, '0')}`);
    await pool(names.length, concurrency, (i) => docker.createContainer({
      Image: testImage, name: names[i], Cmd: ['sleep', '3600'],
      Labels: { [scaleLabel]: '1', ...(i % 2 === 0 && shape.projects > 0 ? { 'com.docker.compose.project': `scale-project-${i % shape.projects}`, 'com.docker.compose.service': `svc-${i}` } : {}) },
      // No bridge on a dedicated dockerd; every fifth container mounts a volume, so volumes have users.
      HostConfig: { NetworkMode: 'none', Binds: volumes.length && i % 5 === 0 ? [`${volumes[i % volumes.length]}:/data`] : undefined },
    }));
    timings.containers = lap();
    await pool(shape.running, concurrency, (i) => docker.getContainer(names[i]).start());
    timings.running = lap();
    timings.total = Date.now() - started;
    return { dockerd, docker, names, timings, dispose };
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
}
