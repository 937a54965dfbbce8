/**
 * Explorer benchmark (not a timed test): with 500 containers and 200 images in a private
 * engine, how long the Containers and Images providers' logic takes to produce their
 * children (the list call plus the pure arrangement and item specs), and how long after
 * a container is started outside Berth (a raw API call) the store reflects it through
 * the event path. Prints a table and writes bench/results/explorer.json.
 *
 *   node --import tsx bench/explorer.ts
 *
 * It starts a dockerd of its own (own data root, exec root and socket; no bridge, no
 * iptables) in a temporary folder and stops it at the end, so neither the user's engine
 * nor the test engine is touched. BERTH_BENCH_DOCKER_HOST=unix://... uses a running
 * engine instead (it must have busybox:local; the bench removes what it created).
 * BERTH_BENCH_CONTAINERS / BERTH_BENCH_IMAGES / BERTH_BENCH_ROUNDS change the sizes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { defaultDisplay } from '../src/views/containerItems';
import { arrangeContainers, containerNodeItem, containerChildren } from '../src/views/containerTree';
import { arrangeImages, ImageNode, imageNodeItem } from '../src/views/imageItems';
import { Engine } from '../src/engine/engine';
import { engineAdapter } from '../src/state/engineSource';
import { ResourceStores } from '../src/state/resources';
import { itemsOf } from '../src/state/store';

const containerCount = Number(process.env.BERTH_BENCH_CONTAINERS ?? 500);
const imageCount = Number(process.env.BERTH_BENCH_IMAGES ?? 200);
const rounds = Number(process.env.BERTH_BENCH_ROUNDS ?? 20);
const label = 'berth.bench';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A dockerd of the bench's own, with busybox:local imported from the test environment's tar (or built here). */
async function startEngine(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-'));
  const socket = path.join(dir, 'docker.sock');
  const log = fs.openSync(path.join(dir, 'dockerd.log'), 'a');
  const child: ChildProcess = spawn('dockerd', ['--data-root', path.join(dir, 'data'), '--exec-root', path.join(dir, 'exec'), '--pidfile', path.join(dir, 'dockerd.pid'), '-H', `unix://${socket}`, '--bridge=none', '--iptables=false'], { stdio: ['ignore', log, log] });
  child.once('exit', (code) => code && console.error(`bench: dockerd exited (${code}); see ${dir}/dockerd.log`));
  await until('the bench dockerd to answer', () => ping(socket));
  const tar = await busyboxTar(dir);
  const engine = new Engine({ url: `unix://${socket}`, source: 'setting', why: 'the benchmark engine' });
  await engine.images.import(fs.createReadStream(tar), { repo: 'busybox', tag: 'local', changes: ['CMD ["sh"]', 'ENV PATH=/bin'] });
  await engine.dispose();
  return {
    url: `unix://${socket}`,
    stop: async () => {
      // Remove every container first: dockerd gives up stopping hundreds of them on SIGTERM
      // and would leave their shims behind.
      const docker = new Docker({ socketPath: socket });
      const all = await docker.listContainers({ all: true });
      await pool(all, 8, (c) => docker.getContainer(c.Id).remove({ force: true }));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      const mounts = fs.readFileSync('/proc/self/mounts', 'utf8').split('\n').map((line) => line.split(' ')[1]).filter((m) => m?.startsWith(dir));
      if (mounts.length > 0) console.error(`bench: ${mounts.length} mounts left under ${dir}; not removing it`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function busyboxTar(dir: string): Promise<string> {
  const prepared = process.env.BERTH_ENV_DIR ? path.join(process.env.BERTH_ENV_DIR, 'busybox.tar') : path.join(root, '.vscode-test', 'env', 'busybox.tar');
  if (fs.existsSync(prepared)) return prepared;
  const rootfs = path.join(dir, 'rootfs');
  fs.mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin', 'busybox'));
  for (const applet of ['sh', 'sleep', 'true']) fs.symlinkSync('busybox', path.join(rootfs, 'bin', applet));
  const tar = path.join(dir, 'busybox.tar');
  await new Promise<void>((resolve, reject) => spawn('tar', ['-C', rootfs, '-cf', tar, '.'], { stdio: 'inherit' }).once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tar exited ${code}`)))));
  return tar;
}

async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  }));
}

function stats(samples: number[]): { median: number; p95: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main(): Promise<void> {
  const own = process.env.BERTH_BENCH_DOCKER_HOST ? undefined : await startEngine();
  const url = process.env.BERTH_BENCH_DOCKER_HOST ?? own!.url;
  const docker = new Docker({ socketPath: url.replace(/^unix:\/\//, '') });
  const engine = new Engine({ url, source: 'setting', why: 'the benchmark engine' });
  const runId = Date.now().toString(36);
  try {
    // Fixtures: containers across compose projects and states, images as distinct ids.
    let t = process.hrtime.bigint();
    const seed = await docker.createContainer({ Image: 'busybox:local', name: `bench-seed-${runId}`, Cmd: ['true'], Labels: { [label]: runId }, HostConfig: { NetworkMode: 'none' } });
    await pool(Array.from({ length: imageCount }, (_, i) => i), 4, async (i) => {
      // One LABEL change per image: a distinct config, so a distinct image id.
      await seed.commit({ repo: `bench/app-${i % 20}`, tag: `v${Math.floor(i / 20)}-${runId}`, changes: `LABEL ${label}=${runId} ${label}.index=${i}` });
    });
    await seed.remove({ force: true });
    const setupImagesMs = ms(t);
    t = process.hrtime.bigint();
    const ids: string[] = [];
    await pool(Array.from({ length: containerCount }, (_, i) => i), 4, async (i) => {
      const c = await docker.createContainer({
        Image: 'busybox:local', name: `bench-${runId}-${i}`, Cmd: ['sleep', '3600'],
        Labels: { [label]: runId, 'com.docker.compose.project': `project-${i % 25}`, 'com.docker.compose.service': `svc-${i}` },
        HostConfig: { NetworkMode: 'none' },
      });
      ids[i] = c.id;
    });
    const setupContainersMs = ms(t);
    // A third of them running, so states and the badge have something to show.
    await pool(ids.filter((_, i) => i % 3 === 0 && i >= rounds * 2), 4, async (id) => {
      await docker.getContainer(id).start();
    });

    // The real adapter, with the arrival time of each container start event noted.
    const startEvents = new Map<string, bigint>();
    const timedAdapter: typeof engineAdapter = {
      lists: engineAdapter.lists,
      follow: (e, handlers) => engineAdapter.follow!(e, {
        ...handlers,
        onEvent: (event) => {
          if (event.type === 'container' && event.action === 'start' && 'id' in event) startEvents.set(String(event.id), process.hrtime.bigint());
          handlers.onEvent(event);
        },
      }),
    };
    const stores = new ResourceStores(engine, timedAdapter, { safetyRefreshMs: 0 });
    await until('the event stream to connect', async () => stores.containers.current.kind === 'ready');
    const display = defaultDisplay;

    // 1. Providers: the list call, then the pure arrangement and every visible item spec.
    const containerList: number[] = [];
    const containerPure: number[] = [];
    const imageList: number[] = [];
    const imagePure: number[] = [];
    let containerItems = 0;
    let imageItems = 0;
    for (let round = 0; round < rounds; round++) {
      let s = process.hrtime.bigint();
      await stores.containers.refresh();
      containerList.push(ms(s));
      s = process.hrtime.bigint();
      const roots = arrangeContainers(itemsOf(stores.containers), { groupBy: round % 2 ? 'composeProject' : 'none', sortBy: 'created', showStopped: true, filter: '' });
      const nodes = roots.flatMap((n) => (n.kind === 'containerGroup' ? [n, ...containerChildren(n)] : [n]));
      containerItems = nodes.map((n) => containerNodeItem(n, display)).length;
      containerPure.push(ms(s));

      s = process.hrtime.bigint();
      await stores.images.refresh();
      imageList.push(ms(s));
      s = process.hrtime.bigint();
      const repos = arrangeImages(itemsOf(stores.images), { showUntagged: true });
      const all = repos.flatMap((r): ImageNode[] => (r.kind === 'imageRepo' ? [r, ...r.tags] : [r]));
      imageItems = all.map((n) => imageNodeItem(n)).length;
      imagePure.push(ms(s));
    }

    // 2. Event path: a container started outside Berth, until the store shows it running.
    const latencies: number[] = [];
    const apiCalls: number[] = [];
    const eventToStore: number[] = [];
    const listsPerStart: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const id = ids[round];
      const callsBefore = stores.containers.listCalls;
      const seen = new Promise<void>((resolve) => {
        const sub = stores.containers.onDidChange(() => {
          if (itemsOf(stores.containers).find((c) => c.id === id)?.state === 'running') {
            sub.dispose();
            resolve();
          }
        });
      });
      const s = process.hrtime.bigint();
      await docker.getContainer(id).start();
      apiCalls.push(ms(s));
      await seen;
      const shown = process.hrtime.bigint();
      latencies.push(ms(s));
      const arrived = startEvents.get(id);
      if (arrived !== undefined) eventToStore.push(Number(shown - arrived) / 1e6);
      listsPerStart.push(stores.containers.listCalls - callsBefore);
    }

    // 3. A burst: many containers started at once outside Berth cost few list calls.
    const burst = ids.slice(rounds, rounds * 2);
    const callsBefore = stores.containers.listCalls;
    const eventsBefore = stores.eventCount;
    const burstDone = new Promise<void>((resolve) => {
      const sub = stores.containers.onDidChange(() => {
        const running = new Set(itemsOf(stores.containers).filter((c) => c.state === 'running').map((c) => c.id));
        if (burst.every((id) => running.has(id))) {
          sub.dispose();
          resolve();
        }
      });
    });
    const s = process.hrtime.bigint();
    await Promise.all(burst.map((id) => docker.getContainer(id).start()));
    await burstDone;
    const burstMs = ms(s);
    const burstLists = stores.containers.listCalls - callsBefore;
    const burstEvents = stores.eventCount - eventsBefore;
    stores.dispose();

    const results = {
      date: new Date().toISOString(),
      engine: (await engine.version()).version,
      node: process.version,
      cpus: os.cpus().length,
      containers: containerCount,
      images: (await docker.listImages()).length,
      rounds,
      setup: { imagesMs: Math.round(setupImagesMs), containersMs: Math.round(setupContainersMs) },
      containersProvider: { items: containerItems, listMs: stats(containerList), pureMs: stats(containerPure), totalMedianMs: stats(containerList).median + stats(containerPure).median },
      imagesProvider: { items: imageItems, listMs: stats(imageList), pureMs: stats(imagePure), totalMedianMs: stats(imageList).median + stats(imagePure).median },
      startToStoreMs: { ...stats(latencies), listCallsPerStart: stats(listsPerStart).median },
      startApiCallMs: stats(apiCalls),
      startEventToStoreMs: stats(eventToStore),
      burst: { starts: burst.length, events: burstEvents, listCalls: burstLists, ms: Math.round(burstMs) },
    };
    const f = (n: number) => n.toFixed(1).padStart(8);
    console.log(`\nExplorer benchmark: ${containerCount} containers, ${results.images} images, engine ${results.engine}, ${rounds} rounds (ms)\n`);
    console.log(`${'measure'.padEnd(44)}${'median'.padStart(8)}${'p95'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}`);
    const row = (name: string, x: { median: number; p95: number; min: number; max: number }) => console.log(`${name.padEnd(44)}${f(x.median)}${f(x.p95)}${f(x.min)}${f(x.max)}`);
    row(`Containers: list call (${containerCount})`, results.containersProvider.listMs);
    row(`Containers: arrange + ${containerItems} item specs`, results.containersProvider.pureMs);
    row(`Images: list call (${results.images})`, results.imagesProvider.listMs);
    row(`Images: arrange + ${imageItems} item specs`, results.imagesProvider.pureMs);
    row('Start outside Berth: the API call itself', results.startApiCallMs);
    row('Start event received → store shows it', results.startEventToStoreMs);
    row('Start API call → store shows it (total)', results.startToStoreMs);
    console.log(`\nlist calls per start: ${results.startToStoreMs.listCallsPerStart}; burst of ${burst.length} starts: ${burstEvents} events, ${burstLists} list calls, ${results.burst.ms} ms until all shown`);
    fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'results', 'explorer.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('wrote bench/results/explorer.json');
  } finally {
    await engine.dispose();
    if (own) await own.stop();
    else {
      for (const c of await docker.listContainers({ all: true, filters: { label: [`${label}=${runId}`] } })) await docker.getContainer(c.Id).remove({ force: true });
      for (const i of await docker.listImages({ filters: { label: [`${label}=${runId}`] } })) await docker.getImage(i.Id).remove({ force: true }).catch(() => undefined);
    }
  }
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
