/**
 * Explorer benchmark (not a timed test): with 1,000 containers and 200 images in a private
 * engine, how long the Containers and Images providers' logic takes to produce their
 * children (the list call plus the pure arrangement and item specs), and how long after
 * a container is started outside Berth (a raw API call) the store reflects it through
 * the event path. The docker CLI's listings of the same engine are timed in the same
 * rounds as the alternative, and so is the floor: a raw GET of the URL Berth sends. Prints a table and writes bench/results/explorer.json.
 *
 *   node --import tsx bench/explorer.ts
 *
 * It starts a dockerd of its own (own data root, exec root and socket; no bridge, no
 * iptables) in a temporary folder and stops it at the end, so neither the user's engine
 * nor the test engine is touched. BERTH_BENCH_DOCKER_HOST=unix://... uses a running
 * engine instead (it must have busybox:local; the bench removes what it created).
 * BERTH_BENCH_CONTAINERS / BERTH_BENCH_IMAGES / BERTH_BENCH_ROUNDS change the sizes.
 */
import * as os from 'node:os';
import Docker from 'dockerode';
import { defaultDisplay } from '../src/views/containerItems';
import { arrangeContainers, containerNodeItem, containerChildren } from '../src/views/containerTree';
import { arrangeImages, ImageNode, imageNodeItem } from '../src/views/imageItems';
import { Engine } from '../src/engine/engine';
import { engineAdapter } from '../src/state/engineSource';
import { ResourceStores } from '../src/state/resources';
import { itemsOf } from '../src/state/store';
import type { BenchRow } from './rows';
import { docker as cli, jsonFormat } from './support/cli';
import { startBenchEngine } from './support/engine';
import { berthRequestUrl, floorName, rawGetList } from './support/floor';
import { distinctImagesArchive } from './support/images';
import { writeResults } from './support/results';
import { pool, round, spread as stats } from './support/stats';

const containerCount = Number(process.env.BERTH_BENCH_CONTAINERS ?? 1000);
const imageCount = Number(process.env.BERTH_BENCH_IMAGES ?? 200);
const rounds = Number(process.env.BERTH_BENCH_ROUNDS ?? 20);
const runningEvery = 10;
const label = 'berth.bench';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main(): Promise<void> {
  const own = process.env.BERTH_BENCH_DOCKER_HOST ? undefined : await startBenchEngine('berth-bench-explorer-');
  const url = process.env.BERTH_BENCH_DOCKER_HOST ?? own!.url;
  const docker = own?.docker ?? new Docker({ socketPath: url.replace(/^unix:\/\//, '') });
  const engine = own?.engine ?? new Engine({ url, source: 'setting', why: 'the benchmark engine' });
  const runId = Date.now().toString(36);
  try {
    // Fixtures: containers across compose projects and states, images as distinct ids
    // (one load of a generated archive: a layer and a config of their own each).
    let t = process.hrtime.bigint();
    await engine.images.load(await distinctImagesArchive(imageCount, { label, runId }));
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
    console.log(`setup: ${imageCount} images loaded in ${Math.round(setupImagesMs / 1000)} s, ${containerCount} containers created in ${Math.round(setupContainersMs / 1000)} s`);
    // Some of them running (a tenth: a machine with many containers mostly keeps stopped
    // ones, and each running one costs a shim and a start), so states and the badge have
    // something to show.
    t = process.hrtime.bigint();
    const running = ids.filter((_, i) => i % runningEvery === 0 && i >= rounds * 2);
    await pool(running, 4, async (id) => {
      await docker.getContainer(id).start();
    });
    const setupStartMs = ms(t);
    console.log(`setup: ${running.length} started in ${Math.round(setupStartMs / 1000)} s`);

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
    await stores.containers.ready();
    const display = defaultDisplay;

    // 1. Providers: the list call, then the pure arrangement and every visible item spec.
    const containerList: number[] = [];
    const containerPure: number[] = [];
    const imageList: number[] = [];
    const imagePure: number[] = [];
    // The alternative: the CLI listing a CLI-based tree spawns per refresh (its own arranging not counted).
    const cliContainers: number[] = [];
    const cliImages: number[] = [];
    // The floor: a raw GET of the URL Berth sends, parsed, nothing else (bench/support/floor.ts).
    const socket = url.replace(/^unix:\/\//, '');
    const containersUrl = await berthRequestUrl((e) => e.containers.list({ all: true }), '/containers/json');
    const imagesUrl = await berthRequestUrl((e) => e.images.list(), '/images/json');
    const floorContainers: number[] = [];
    const floorImages: number[] = [];
    const floor = async (samples: number[], requestUrl: string): Promise<void> => {
      const s = process.hrtime.bigint();
      await rawGetList(socket, requestUrl);
      samples.push(ms(s));
    };
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
      await floor(floorContainers, containersUrl);
      cliContainers.push((await cli(url, ['ps', '-a', '--format', jsonFormat])).ms);

      s = process.hrtime.bigint();
      await stores.images.refresh();
      imageList.push(ms(s));
      s = process.hrtime.bigint();
      const repos = arrangeImages(itemsOf(stores.images), { showUntagged: true });
      const all = repos.flatMap((r): ImageNode[] => (r.kind === 'imageRepo' ? [r, ...r.tags] : [r]));
      imageItems = all.map((n) => imageNodeItem(n)).length;
      imagePure.push(ms(s));
      await floor(floorImages, imagesUrl);
      cliImages.push((await cli(url, ['image', 'ls', '--format', jsonFormat])).ms);
    }

    // 2. Event path: a container started outside Berth, until the store shows it running.
    const latencies: number[] = [];
    const apiCalls: number[] = [];
    const eventToStore: number[] = [];
    const listsPerStart: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Apart by more than the coalescer's burst window, so each start is a lone action;
      // starts back to back are a burst, measured below.
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 1100));
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
      engine: (await engine.version()).version,
      node: process.version,
      cpus: os.cpus().length,
      containers: containerCount,
      images: (await docker.listImages()).length,
      rounds,
      running: running.length,
      setup: { imagesMs: Math.round(setupImagesMs), containersMs: Math.round(setupContainersMs), startMs: Math.round(setupStartMs) },
      containersProvider: { items: containerItems, listMs: stats(containerList), pureMs: stats(containerPure), totalMedianMs: stats(containerList).median + stats(containerPure).median },
      imagesProvider: { items: imageItems, listMs: stats(imageList), pureMs: stats(imagePure), totalMedianMs: stats(imageList).median + stats(imagePure).median },
      cliListMs: { containers: stats(cliContainers), images: stats(cliImages) },
      floorMs: { containers: stats(floorContainers), images: stats(floorImages), urls: { containers: containersUrl, images: imagesUrl } },
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
    row(`docker ps -a (${containerCount}), spawned`, results.cliListMs.containers);
    row(`docker image ls (${results.images}), spawned`, results.cliListMs.images);
    row(`raw GET ${containersUrl} (floor)`, results.floorMs.containers);
    row(`raw GET ${imagesUrl} (floor)`, results.floorMs.images);
    console.log(`\nlist calls per start: ${results.startToStoreMs.listCallsPerStart}; burst of ${burst.length} starts: ${burstEvents} events, ${burstLists} list calls, ${results.burst.ms} ms until all shown`);
    const containersWorkload = `${containerCount.toLocaleString('en-US')} containers (${running.length} running, 25 compose projects)`;
    const cliNote = `the alternative is only the CLI listing a CLI-based tree spawns on each refresh, before any arranging of its own; medians of ${rounds}`;
    const floorNote = `medians of ${rounds}, alternating with Berth in the same rounds; the floor only fetches and parses the list, Berth also arranges it and makes every item's spec`;
    const eventNote = "starts 1.1 s apart, each a lone action; Berth's own path, no polling alternative here: the freshness rows compare it with polling";
    const rows: BenchRow[] = [
      {
        area: 'explorer', measure: 'Containers view: list + arrange + item specs', workload: containersWorkload, unit: 'ms', better: 'lower',
        berth: round(results.containersProvider.totalMedianMs), alternative: { name: `docker ps -a --format '${jsonFormat}'`, value: round(results.cliListMs.containers.median) }, note: cliNote,
      },
      {
        area: 'explorer', measure: 'Images view: list + arrange + item specs', workload: `${results.images} images (${imageCount} distinct)`, unit: 'ms', better: 'lower',
        berth: round(results.imagesProvider.totalMedianMs), alternative: { name: `docker image ls --format '${jsonFormat}'`, value: round(results.cliListMs.images.median) }, note: cliNote,
      },
      {
        area: 'explorer', measure: 'Containers view: list + arrange + item specs: floor', workload: containersWorkload, unit: 'ms', better: 'lower',
        berth: round(results.containersProvider.totalMedianMs), alternative: { name: floorName(containersUrl), value: round(results.floorMs.containers.median) }, note: floorNote,
      },
      {
        area: 'explorer', measure: 'Images view: list + arrange + item specs: floor', workload: `${results.images} images (${imageCount} distinct)`, unit: 'ms', better: 'lower',
        berth: round(results.imagesProvider.totalMedianMs), alternative: { name: floorName(imagesUrl), value: round(results.floorMs.images.median) }, note: floorNote,
      },
      {
        area: 'explorer', measure: 'start outside Berth → store shows it, median', workload: containersWorkload, unit: 'ms', better: 'lower',
        berth: round(results.startToStoreMs.median), alternative: null, note: eventNote,
      },
      {
        area: 'explorer', measure: `burst of ${burst.length} starts → all shown`, workload: containersWorkload, unit: 'ms', better: 'lower',
        berth: results.burst.ms, alternative: null, note: `${burstEvents} events cost ${burstLists} list calls (coalesced); no alternative run here`,
      },
    ];
    writeResults('explorer', rows, results);
  } finally {
    const cleanup = process.hrtime.bigint();
    if (own) await own.dispose();
    else {
      await engine.dispose();
      for (const c of await docker.listContainers({ all: true, filters: { label: [`${label}=${runId}`] } })) await docker.getContainer(c.Id).remove({ force: true });
      for (const i of await docker.listImages({ filters: { label: [`${label}=${runId}`] } })) await docker.getImage(i.Id).remove({ force: true }).catch(() => undefined);
    }
    console.log(`cleanup: ${Math.round(ms(cleanup) / 1000)} s`);
  }
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
