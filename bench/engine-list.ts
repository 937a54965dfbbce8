/**
 * Listing cost through Berth's engine layer next to the docker CLI, on a dedicated
 * private dockerd holding 10, 100, 500 and 1,000 created (not started) containers and
 * 200 distinct images.
 *
 *   node --import tsx bench/engine-list.ts
 *
 * Needs dockerd and the docker CLI (busybox:local comes from the test environment's tar
 * when there is one). Each figure is the median of BENCH_RUNS (7) runs in the same
 * process run, Berth and the CLI alternating; the CLI is spawned as a process per
 * listing, as a CLI-based extension does on every refresh. Beside both, the floor: a plain
 * node:http GET of the very URL Berth sends, on the engine's socket (bench/support/floor.ts).
 * Prints a table and writes bench/results/engine-list.json. Not a timed test.
 */
import type { BenchRow } from './rows';
import { docker, jsonFormat, jsonLines } from './support/cli';
import { startBenchEngine, type BenchEngine } from './support/engine';
import { berthRequestUrl, floorName, rawGetList } from './support/floor';
import { distinctImagesArchive } from './support/images';
import { writeResults } from './support/results';
import { median, round } from './support/stats';

const SIZES = [10, 100, 500, 1000];
const IMAGES = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** Small lists take a millisecond or two, where one scheduling hiccup on a shared machine moves a median of 7: they get five times as many runs. */
const runsFor = (items: number) => (items <= 100 ? RUNS * 5 : RUNS);
const label = 'berth.bench';

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

interface Compared {
  berthMs: number;
  floorMs: number;
  cliMs: number;
}

/**
 * Median ms of Berth's list, of the raw GET floor (the same URL Berth sends) and of the CLI's,
 * alternating, after one warm-up of each; all three must see `expected` items.
 */
async function compare(berth: () => Promise<unknown[]>, floorUrl: string, cliArgs: string[], bench: BenchEngine, expected: number): Promise<Compared> {
  await berth();
  await rawGetList(bench.socket, floorUrl);
  await docker(bench.url, cliArgs);
  const berthSamples: number[] = [];
  const floorSamples: number[] = [];
  const cliSamples: number[] = [];
  for (let i = 0; i < runsFor(expected); i++) {
    let listed = 0;
    berthSamples.push(await time(async () => (listed = (await berth()).length)));
    let got = 0;
    floorSamples.push(await time(async () => (got = (await rawGetList(bench.socket, floorUrl)).length)));
    let printed = 0;
    cliSamples.push(await time(async () => (printed = jsonLines((await docker(bench.url, cliArgs)).stdout).length)));
    if (listed !== expected || got !== expected || printed !== expected) throw new Error(`expected ${expected} items, Berth listed ${listed}, GET ${floorUrl} ${got}, docker ${cliArgs.join(' ')} printed ${printed}`);
  }
  return { berthMs: round(median(berthSamples)), floorMs: round(median(floorSamples)), cliMs: round(median(cliSamples)) };
}

async function createContainers(bench: BenchEngine, from: number, to: number): Promise<void> {
  for (let created = from; created < to;) {
    const batch = Array.from({ length: Math.min(20, to - created) }, (_, i) => bench.engine.containers.create({ image: 'busybox:local', name: `bench-${created + i}`, cmd: ['sleep', '1'], labels: { [label]: '1' } }));
    await Promise.all(batch);
    created += batch.length;
  }
}

async function main(): Promise<void> {
  const bench = await startBenchEngine('berth-bench-list-');
  try {
    const version = await bench.engine.system.version();
    const runId = Date.now().toString(36);
    await bench.engine.images.load(await distinctImagesArchive(IMAGES, { label, runId }));
    const imageCount = (await bench.engine.images.list()).length; // the 200 and busybox:local
    const imagesUrl = await berthRequestUrl((engine) => engine.images.list(), '/images/json');
    const containersUrl = await berthRequestUrl((engine) => engine.containers.list({ all: true }), '/containers/json');
    const images = await compare(() => bench.engine.images.list(), imagesUrl, ['image', 'ls', '--format', jsonFormat], bench, imageCount);
    const sizes: ({ containers: number } & Compared)[] = [];
    let created = 0;
    for (const n of SIZES) {
      await createContainers(bench, created, n);
      created = n;
      const m = await compare(() => bench.engine.containers.list({ all: true }), containersUrl, ['ps', '-a', '--format', jsonFormat], bench, n);
      sizes.push({ containers: n, ...m });
    }
    const note = `median of ${RUNS} (${RUNS * 5} up to 100 items); Berth in-process over the socket, the CLI spawned as a process per listing (start-up included: what a CLI-based extension pays on every refresh)`;
    const floorNote = `median of ${RUNS} (${RUNS * 5} up to 100 items), the three alternating in one run; the floor is node:http's GET of the URL Berth sends and JSON.parse, nothing else: Berth adds its request layer and the mapping to plain records (goal: within 1.3× of the floor)`;
    const listingRows = (measure: string, workload: string, m: Compared, cli: string, url: string): BenchRow[] => [
      { area: 'listing', measure, workload, unit: 'ms', better: 'lower', berth: m.berthMs, alternative: { name: cli, value: m.cliMs }, note },
      { area: 'listing', measure: `${measure}: floor`, workload, unit: 'ms', better: 'lower', berth: m.berthMs, alternative: { name: floorName(url), value: m.floorMs }, note: floorNote },
    ];
    const rows: BenchRow[] = [
      ...sizes.flatMap((s) => listingRows('list all containers', `${s.containers.toLocaleString('en-US')} containers`, s, `docker ps -a --format '${jsonFormat}'`, containersUrl)),
      ...listingRows('list images', `${IMAGES} distinct images + busybox:local`, images, `docker image ls --format '${jsonFormat}'`, imagesUrl),
    ];
    console.log(`engine ${version.version} (API ${version.apiVersion}), median of ${RUNS} runs (ms)`);
    console.table([
      ...sizes.map((s) => ({ workload: `${s.containers} containers`, berth: s.berthMs, 'raw GET (floor)': s.floorMs, 'docker ps -a': s.cliMs })),
      { workload: `${IMAGES} images (+ busybox:local)`, berth: images.berthMs, 'raw GET (floor)': images.floorMs, 'docker image ls': images.cliMs },
    ]);
    writeResults('engine-list', rows, {
      what: 'median wall time (ms) to list all containers / images: Berth engine layer (in-process, over the unix socket) vs a raw node:http GET of the same URL (the floor) vs `docker ps -a --format \'{{json .}}\'` / `docker image ls --format \'{{json .}}\'` spawned as processes',
      runs: RUNS, engine: `${version.version} (API ${version.apiVersion})`, node: process.version, urls: { containers: containersUrl, images: imagesUrl },
      sizes, images: { count: imageCount, ...images },
    });
  } finally {
    await bench.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
