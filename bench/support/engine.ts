/**
 * A dockerd of a bench's own (test/support/dockerd.ts: own data root, exec root and
 * socket, no bridge, no iptables) with busybox:local imported, so neither the user's
 * engine nor the shared test engine is touched, and the bench decides exactly what the
 * engine holds.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import { Engine } from '../../src/engine/engine';
import { PrivateDockerd } from '../../test/support/dockerd';
import { pool } from './stats';

export interface BenchEngine {
  url: string;
  /** The engine's unix socket path (the raw-GET floor dials it directly). */
  socket: string;
  /** Berth's engine layer on it. */
  engine: Engine;
  /** A raw client, independent of Berth's engine layer, for fixtures and outside changes. */
  docker: Docker;
  dispose(): Promise<void>;
}

export async function startBenchEngine(prefix = 'berth-bench-'): Promise<BenchEngine> {
  const dockerd = new PrivateDockerd(prefix);
  await dockerd.start();
  const engine = new Engine({ url: dockerd.url, source: 'setting', why: 'the benchmark engine' });
  const docker = new Docker({ socketPath: dockerd.socket });
  try {
    const tar = await busyboxTar(dockerd.dir);
    await engine.images.import(fs.createReadStream(tar), { repo: 'busybox', tag: 'local', changes: ['CMD ["sh"]', 'ENV PATH=/bin'] });
  } catch (error) {
    await engine.dispose();
    await dockerd.dispose();
    throw error;
  }
  return {
    url: dockerd.url,
    socket: dockerd.socket,
    engine,
    docker,
    dispose: async () => {
      if (!alive(dockerd.pid)) console.error(`bench: the bench's dockerd died; the end of its log:\n${tail(path.join(dockerd.dir, 'dockerd.log'))}`);
      // Remove every container first: dockerd gives up stopping hundreds of them on
      // SIGTERM and would leave their shims behind.
      const all = await docker.listContainers({ all: true }).catch(() => []);
      await pool(all, 8, (c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined));
      await engine.dispose();
      await dockerd.stop();
      const mounts = fs.readFileSync('/proc/self/mounts', 'utf8').split('\n').map((line) => line.split(' ')[1]).filter((m) => m?.startsWith(dockerd.dir));
      if (mounts.length > 0) console.error(`bench: ${mounts.length} mounts left under ${dockerd.dir}; not removing it`);
      else await dockerd.dispose();
    },
  };
}

/** The test environment's busybox rootfs tar, or one made here from Debian's static busybox. */
async function busyboxTar(dir: string): Promise<string> {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
  const prepared = path.join(process.env.BERTH_ENV_DIR ?? path.join(root, '.vscode-test', 'env'), 'busybox.tar');
  if (fs.existsSync(prepared)) return prepared;
  if (!fs.existsSync('/bin/busybox')) throw new Error('No busybox rootfs: run `npm run env:up` first (or apt-get install busybox-static).');
  const rootfs = path.join(dir, 'rootfs');
  fs.mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin', 'busybox'));
  for (const applet of ['sh', 'sleep', 'true', 'yes', 'head']) fs.symlinkSync('busybox', path.join(rootfs, 'bin', applet));
  const tar = path.join(dir, 'busybox.tar');
  await new Promise<void>((resolve, reject) => spawn('tar', ['-C', rootfs, '-cf', tar, '.'], { stdio: 'inherit' }).once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tar exited ${code}`)))));
  return tar;
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}
