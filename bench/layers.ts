/**
 * Layer files of a 1 GB image (`npm run bench:layers`): how long Berth takes to list
 * what each layer added, changed and removed, how soon the first layer shows, and its
 * peak memory, against what a person does with the docker CLI to see the same thing
 * (`docker save -o` the image, unpack it, `tar -tvf` each layer), in the same run on
 * the same private engine. The image: busybox, a layer with a 1 GB file, a layer
 * that removes it (1 GB wasted). Berth runs in a child process of its own, so its peak
 * RSS is the listing's alone: the archive streams and never sits in memory.
 *
 *   npm run env:up && source .vscode-test/env/env.sh
 *   node --import tsx bench/layers.ts [--mb 1024]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/engine/engine';
import { ImageLayerFiles } from '../src/layers/imageFiles';
import type { BenchRow } from './rows';
import { dockerBinary } from './support/cli';
import { writeResults } from './support/results';
import { runBench } from './support/entry';

const dockerHost = process.env.BERTH_TEST_DOCKER_HOST ?? '';

interface WorkerResult {
  firstLayerMs: number;
  allLayersMs: number;
  files: number;
  wastedBytes: number;
  peakRssMb: number;
}

/** Berth's listing, in this (child) process; prints its result as JSON. */
async function worker(image: string): Promise<void> {
  const engine = new Engine({ url: dockerHost, source: 'DOCKER_HOST', why: 'the private bench engine' });
  const layers = new ImageLayerFiles(() => engine.images);
  const started = performance.now();
  const count = ((await engine.images.inspect(image)).raw.RootFS as { Layers: string[] }).Layers.length;
  let firstLayerMs = 0;
  // What the tree does: each layer shows when it is read, and again once the ones below are.
  for (let i = 0; i < count; i++) void layers.layer(image, i, { partial: true }).then(() => {
    firstLayerMs ||= performance.now() - started;
  });
  const views = await Promise.all(Array.from({ length: count }, (_, i) => layers.layer(image, i)));
  const allLayersMs = performance.now() - started;
  const whole = views[count - 1].image!;
  const result: WorkerResult = {
    firstLayerMs: Math.round(firstLayerMs), allLayersMs: Math.round(allLayersMs),
    files: whole.layers.reduce((n, l) => n + l.files.length, 0), wastedBytes: whole.wastedBytes,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  layers.dispose();
  await engine.dispose();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function docker(...args: string[]): string {
  return execFileSync(dockerBinary, ['-H', dockerHost, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}

/** The CLI way: save to a file (peak RSS by GNU time), unpack, list each layer's tar. */
function cliListing(image: string, dir: string): { ms: number; savePeakRssMb?: number; files: number } {
  const started = performance.now();
  const saved = path.join(dir, 'saved.tar');
  const save = spawnSync('/usr/bin/time', ['-f', '%M', dockerBinary, '-H', dockerHost, 'save', '-o', saved, image], { encoding: 'utf8' });
  if (save.status !== 0) throw new Error(`docker save failed: ${save.stderr}`);
  const unpacked = path.join(dir, 'unpacked');
  fs.mkdirSync(unpacked);
  execFileSync('tar', ['-xf', saved, '-C', unpacked]);
  const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'manifest.json'), 'utf8')) as { Layers: string[] }[];
  let files = 0;
  for (const layer of manifest[0].Layers) files += execFileSync('tar', ['-tvf', path.join(unpacked, layer)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).split('\n').filter(Boolean).length;
  const ms = performance.now() - started;
  const peakKb = Number(save.stderr.trim().split('\n').pop());
  fs.rmSync(saved, { force: true });
  fs.rmSync(unpacked, { recursive: true, force: true });
  return { ms: Math.round(ms), savePeakRssMb: Number.isFinite(peakKb) ? Math.round(peakKb / 1024) : undefined, files };
}

function runWorker(image: string): WorkerResult {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--worker', image], { encoding: 'utf8', env: process.env, maxBuffer: 1024 * 1024 });
  if (child.status !== 0) throw new Error(`berth layer listing failed: ${child.stderr || child.stdout}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as WorkerResult;
}

async function main(): Promise<void> {
  if (!dockerHost) throw new Error('BERTH_TEST_DOCKER_HOST is not set: run `npm run env:up` and source .vscode-test/env/env.sh.');
  const mbIndex = process.argv.indexOf('--mb');
  const mb = mbIndex > 0 ? Number(process.argv[mbIndex + 1]) : 1024;
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-layers-'));
  const big = `berth-bench-layers-big-${tag}`;
  const trimmed = `berth-bench-layers-trim-${tag}`;
  const image = `berth-bench-layers:${tag}`;
  console.log(`layers: making a ${mb} MB layer and a layer that removes it`);
  try {
    docker('run', '--name', big, 'busybox:local', 'dd', 'if=/dev/urandom', 'of=/big.bin', 'bs=1048576', `count=${mb}`);
    docker('commit', big, `${image}-big`);
    docker('run', '--name', trimmed, `${image}-big`, 'rm', '/big.bin');
    docker('commit', trimmed, image);
    // Berth, CLI, CLI, Berth: neither always gets the cold cache; the best run counts.
    const b1 = runWorker(image);
    const c1 = cliListing(image, dir);
    const c2 = cliListing(image, dir);
    const b2 = runWorker(image);
    const berth = b1.allLayersMs <= b2.allLayersMs ? b1 : b2;
    const cli = c1.ms <= c2.ms ? c1 : c2;
    const cliPeak = Math.max(c1.savePeakRssMb ?? 0, c2.savePeakRssMb ?? 0) || undefined;
    const berthPeak = Math.max(b1.peakRssMb, b2.peakRssMb);
    console.log(`berth: first layer ${b1.firstLayerMs} / ${b2.firstLayerMs} ms, all ${b1.allLayersMs} / ${b2.allLayersMs} ms, ${berth.files} entries, ${(berth.wastedBytes / 1e9).toFixed(2)} GB wasted, peak ${berthPeak} MB`);
    console.log(`cli:   save + unpack + tar -tvf ${c1.ms} / ${c2.ms} ms (${cli.files} entries), docker save peak ${cliPeak ?? '?'} MB`);
    const size = mb >= 1024 ? `${(mb / 1024).toFixed(mb % 1024 ? 1 : 0)} GB` : `${mb} MB`;
    const workload = `${size} image, 3 layers (one removes the big file)`;
    const rows: BenchRow[] = [
      { area: 'layers', measure: 'all layers\' files listed', workload, unit: 's', better: 'lower', berth: Math.round(berth.allLayersMs / 10) / 100, alternative: { name: 'docker save + tar -x + tar -tvf per layer', value: Math.round(cli.ms / 10) / 100 }, note: 'best of two runs each, Berth, CLI, CLI, Berth; Berth also says what each layer changed and wasted' },
      { area: 'layers', measure: 'first layer\'s files shown', workload, unit: 's', better: 'lower', berth: Math.round(berth.firstLayerMs / 10) / 100, alternative: { name: 'docker save + tar -x + tar -tvf per layer', value: Math.round(cli.ms / 10) / 100 }, note: 'the CLI shows nothing until the archive is saved and unpacked' },
      { area: 'layers', measure: 'layer listing: peak RSS', workload, unit: 'MB', better: 'lower', berth: berthPeak, alternative: cliPeak === undefined ? null : { name: 'docker save', value: cliPeak }, note: 'whole process: a Node child running Berth\'s listing vs the docker CLI saving; flat means the archive is streamed, never held' },
    ];
    writeResults('layers', rows, { engineVersion: docker('version', '--format', '{{.Server.Version}}'), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100), sizeMb: mb, berth: [b1, b2], cli: [c1, c2] });
  } finally {
    for (const c of [big, trimmed]) spawnSync(dockerBinary, ['-H', dockerHost, 'rm', '-f', c], { stdio: 'ignore' });
    for (const i of [image, `${image}-big`]) spawnSync(dockerBinary, ['-H', dockerHost, 'rmi', '-f', i], { stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main, (image) => worker(image));
