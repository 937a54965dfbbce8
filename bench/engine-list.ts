/**
 * Listing cost through Berth's engine layer next to the docker CLI, on a dedicated
 * private dockerd holding 10, 100 and 500 created (not started) containers.
 *
 *   node --import tsx bench/engine-list.ts
 *
 * Needs the test environment (BERTH_TEST_DOCKER_HOST, for busybox:local) and the docker
 * CLI. Each figure is the median of RUNS runs measured in the same process run; the
 * table is printed and written to bench/results/engine-list.json. Not a timed test.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readAll } from '../src/engine/api';
import { Engine } from '../src/engine/engine';
import { PrivateDockerd } from '../test/support/dockerd';
import { testEngine, testImage } from '../test/support/engine';

const SIZES = [10, 100, 500];
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Runs the docker CLI as a process (argv, no shell) against `host`; resolves with its line count. */
function cli(host: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { env: { ...process.env, DOCKER_HOST: host, DOCKER_CONTEXT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`cannot run the docker CLI: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(out.split('\n').filter(Boolean).length) : reject(new Error(`docker ${args.join(' ')} failed: ${err}`))));
  });
}

async function measure(n: number, engine: Engine, host: string): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = { berthContainers: [], cliContainers: [], berthImages: [], cliImages: [] };
  // One warm-up of each, then alternate so both see the same engine state.
  await engine.containers.list();
  await cli(host, ['ps', '-a', '--format', 'json']);
  for (let i = 0; i < RUNS; i++) {
    let listed = 0;
    samples.berthContainers.push(await time(async () => (listed = (await engine.containers.list({ all: true })).length)));
    if (listed !== n) throw new Error(`expected ${n} containers, listed ${listed}`);
    samples.cliContainers.push(await time(() => cli(host, ['ps', '-a', '--format', 'json'])));
    samples.berthImages.push(await time(() => engine.images.list()));
    samples.cliImages.push(await time(() => cli(host, ['image', 'ls', '--format', 'json'])));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v) * 10) / 10]));
}

async function main(): Promise<void> {
  const dockerd = new PrivateDockerd('berth-bench-');
  await dockerd.start();
  const engine = new Engine({ url: dockerd.url, source: 'setting', why: 'the benchmark engine' });
  try {
    const shared = testEngine();
    await engine.images.load(await readAll(await shared.images.save([testImage])));
    await shared.dispose();
    const version = await engine.system.version();
    const rows: { containers: number; berthContainersMs: number; cliContainersMs: number; berthImagesMs: number; cliImagesMs: number }[] = [];
    let created = 0;
    for (const n of SIZES) {
      while (created < n) {
        const batch = Array.from({ length: Math.min(20, n - created) }, (_, i) => engine.containers.create({ image: testImage, name: `bench-${created + i}`, cmd: ['sleep', '1'], labels: { 'berth.bench': '1' } }));
        await Promise.all(batch);
        created += batch.length;
      }
      const m = await measure(n, engine, dockerd.url);
      rows.push({ containers: n, berthContainersMs: m.berthContainers, cliContainersMs: m.cliContainers, berthImagesMs: m.berthImages, cliImagesMs: m.cliImages });
    }
    const result = {
      what: 'median wall time (ms) to list all containers / images: Berth engine layer (in-process, over the unix socket) vs `docker ps -a --format json` / `docker image ls --format json` spawned as processes',
      runs: RUNS, engine: `${version.version} (API ${version.apiVersion})`, node: process.version, measuredAt: new Date().toISOString(), rows,
    };
    console.log(`engine ${result.engine}, median of ${RUNS} runs (ms)`);
    console.table(rows.map((r) => ({ containers: r.containers, 'berth list': r.berthContainersMs, 'docker ps -a': r.cliContainersMs, 'berth images': r.berthImagesMs, 'docker image ls': r.cliImagesMs })));
    const out = path.join(__dirname, 'results', 'engine-list.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to ${path.relative(process.cwd(), out)}`);
  } finally {
    await engine.dispose();
    await dockerd.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
