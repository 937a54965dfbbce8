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
 * listing, as a CLI-based extension does on every refresh. Prints a table and writes
 * bench/results/engine-list.json. Not a timed test.
 */
import type { BenchRow } from './rows';
import { docker, jsonFormat, jsonLines } from './support/cli';
import { startBenchEngine, type BenchEngine } from './support/engine';
import { distinctImagesArchive } from './support/images';
import { writeResults } from './support/results';
import { median, round } from './support/stats';

const SIZES = [10, 100, 500, 1000];
const IMAGES = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const label = 'berth.bench';

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Median ms of Berth's list and of the CLI's, alternating, after one warm-up of each; both must see `expected` items. */
async function compare(berth: () => Promise<unknown[]>, cliArgs: string[], host: string, expected: number): Promise<{ berthMs: number; cliMs: number }> {
  await berth();
  await docker(host, cliArgs);
  const berthSamples: number[] = [];
  const cliSamples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let listed = 0;
    berthSamples.push(await time(async () => (listed = (await berth()).length)));
    let printed = 0;
    cliSamples.push(await time(async () => (printed = jsonLines((await docker(host, cliArgs)).stdout).length)));
    if (listed !== expected || printed !== expected) throw new Error(`expected ${expected} items, Berth listed ${listed}, docker ${cliArgs.join(' ')} printed ${printed}`);
  }
  return { berthMs: round(median(berthSamples)), cliMs: round(median(cliSamples)) };
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
    const images = await compare(() => bench.engine.images.list(), ['image', 'ls', '--format', jsonFormat], bench.url, imageCount);
    const sizes: { containers: number; berthContainersMs: number; cliContainersMs: number }[] = [];
    let created = 0;
    for (const n of SIZES) {
      await createContainers(bench, created, n);
      created = n;
      const m = await compare(() => bench.engine.containers.list({ all: true }), ['ps', '-a', '--format', jsonFormat], bench.url, n);
      sizes.push({ containers: n, berthContainersMs: m.berthMs, cliContainersMs: m.cliMs });
    }
    const note = `median of ${RUNS}; Berth in-process over the socket, the CLI spawned as a process per listing (start-up included: what a CLI-based extension pays on every refresh)`;
    const rows: BenchRow[] = [
      ...sizes.map((s): BenchRow => ({
        area: 'listing', measure: 'list all containers', workload: `${s.containers.toLocaleString('en-US')} containers`, unit: 'ms', better: 'lower',
        berth: s.berthContainersMs, alternative: { name: `docker ps -a --format '${jsonFormat}'`, value: s.cliContainersMs }, note,
      })),
      {
        area: 'listing', measure: 'list images', workload: `${IMAGES} distinct images + busybox:local`, unit: 'ms', better: 'lower',
        berth: images.berthMs, alternative: { name: `docker image ls --format '${jsonFormat}'`, value: images.cliMs }, note,
      },
    ];
    console.log(`engine ${version.version} (API ${version.apiVersion}), median of ${RUNS} runs (ms)`);
    console.table([
      ...sizes.map((s) => ({ workload: `${s.containers} containers`, berth: s.berthContainersMs, 'docker ps -a': s.cliContainersMs })),
      { workload: `${IMAGES} images (+ busybox:local)`, berth: images.berthMs, 'docker image ls': images.cliMs },
    ]);
    writeResults('engine-list', rows, {
      what: 'median wall time (ms) to list all containers / images: Berth engine layer (in-process, over the unix socket) vs `docker ps -a --format \'{{json .}}\'` / `docker image ls --format \'{{json .}}\'` spawned as processes',
      runs: RUNS, engine: `${version.version} (API ${version.apiVersion})`, node: process.version,
      sizes, images: { count: imageCount, berthImagesMs: images.berthMs, cliImagesMs: images.cliMs },
    });
  } finally {
    await bench.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
