/**
 * Export, save, import and load of a 1 GB container / image, through Berth's own path
 * (Engine + the streaming helpers the commands use) and through the docker CLI, against
 * the same private engine in the same run. Each Berth operation runs in a child
 * process of its own, so its peak RSS is that operation's alone: the point is that a
 * 1 GB archive streams between the socket and the disk and never sits in memory.
 *
 *   npm run env:up && source .vscode-test/env/env.sh
 *   node --import tsx bench/export-save.ts [--mb 1024]
 *
 * Prints a table and writes bench/results/export-save.json. Not a timed test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/engine/engine';
import { fileSource, streamToFile } from '../src/files/hostFiles';
import type { BenchRow } from './rows';
import { dockerBinary } from './support/cli';
import { writeResults } from './support/results';
import { runBench } from './support/entry';

type Op = 'export' | 'save' | 'import' | 'load';

interface WorkerResult {
  op: Op;
  ms: number;
  bytes: number;
  peakRssMb: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const dockerHost = process.env.BERTH_TEST_DOCKER_HOST ?? '';

function engine(): Engine {
  if (!dockerHost) throw new Error('BERTH_TEST_DOCKER_HOST is not set: run `npm run env:up` and source .vscode-test/env/env.sh.');
  return new Engine({ url: dockerHost, source: 'DOCKER_HOST', why: 'the private bench engine' });
}

/** One Berth operation, in this (child) process; prints its result as JSON. */
async function worker(op: Op, target: string, file: string): Promise<void> {
  const e = engine();
  const started = performance.now();
  let bytes = 0;
  if (op === 'export') bytes = await streamToFile(await e.containers.export(target), file);
  else if (op === 'save') bytes = await streamToFile(await e.images.save([target]), file);
  else {
    const { stream, size } = await fileSource(file);
    bytes = size;
    if (op === 'import') {
      const [repo, tag] = target.split(':');
      await e.images.import(stream, { repo, tag });
    } else {
      await e.images.load(stream);
    }
  }
  const ms = performance.now() - started;
  await e.dispose();
  // maxRSS is in kilobytes: the process's peak resident set, start-up included.
  const result: WorkerResult = { op, ms: Math.round(ms), bytes, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runWorker(op: Op, target: string, file: string): WorkerResult {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--worker', op, target, file], { encoding: 'utf8', env: process.env, maxBuffer: 1024 * 1024 });
  if (child.status !== 0) throw new Error(`berth ${op} failed: ${child.stderr || child.stdout}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as WorkerResult;
}

function docker(...args: string[]): string {
  return execFileSync(dockerBinary, ['-H', dockerHost, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}

const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** A timed docker CLI run, with its peak RSS from GNU time when there is one. */
function timedDocker(...args: string[]): { ms: number; peakRssMb?: number } {
  const argv = ['-H', dockerHost, ...args];
  const started = performance.now();
  const child = gnuTime
    ? spawnSync(gnuTime, ['-f', '%M', dockerBinary, ...argv], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(dockerBinary, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Math.round(performance.now() - started);
  if (child.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${child.stderr}`);
  const peakKb = gnuTime ? Number(child.stderr.trim().split('\n').pop()) : NaN;
  return { ms, peakRssMb: Number.isFinite(peakKb) ? Math.round(peakKb / 1024) : undefined };
}

async function main(): Promise<void> {
  const mbIndex = process.argv.indexOf('--mb');
  const mb = mbIndex > 0 ? Number(process.argv[mbIndex + 1]) : 1024;
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-export-'));
  const container = `berth-bench-big-${tag}`;
  const image = `berth-bench-big:${tag}`;
  const made: { images: string[] } = { images: [image, `berth-bench-imported:${tag}`, `berth-bench-imported-cli:${tag}`] };
  const version = docker('version', '--format', '{{.Server.Version}}');
  console.log(`export-save: engine ${version} at ${dockerHost}; making a ${mb} MB container and image`);
  try {
    docker('run', '--name', container, 'busybox:local', 'dd', 'if=/dev/urandom', 'of=/big.bin', 'bs=1048576', `count=${mb}`);
    docker('commit', container, image);
    const file = (name: string) => path.join(dir, name);
    const exported = file('exported.tar');
    const saved = file('saved.tar');
    const rmi = (ref: string) => spawnSync('docker', ['-H', dockerHost, 'rmi', ref], { stdio: 'ignore' });
    // Each tool runs twice, Berth-CLI-CLI-Berth, so neither always gets the cold or the warm cache; the best run counts.
    const berthRuns: Record<Op, (run: number) => WorkerResult> = {
      export: (run) => runWorker('export', container, run === 0 ? exported : file('berth-export.tar')),
      save: (run) => runWorker('save', image, run === 0 ? saved : file('berth-save.tar')),
      import: (run) => {
        const result = runWorker('import', `berth-bench-imported:${tag}`, exported);
        if (run === 0) rmi(`berth-bench-imported:${tag}`);
        return result;
      },
      load: () => {
        rmi(image);
        return runWorker('load', image, saved);
      },
    };
    const cliRuns: Record<Op, () => { ms: number; peakRssMb?: number }> = {
      export: () => timedDocker('export', '-o', file('cli-export.tar'), container),
      save: () => timedDocker('save', '-o', file('cli-save.tar'), image),
      import: () => {
        rmi(`berth-bench-imported-cli:${tag}`);
        return timedDocker('import', exported, `berth-bench-imported-cli:${tag}`);
      },
      load: () => {
        rmi(image);
        return timedDocker('load', '-q', '-i', saved);
      },
    };
    const operations: { op: Op; bytes: number; berthMs: number; cliMs: number; berthPeakRssMb: number; cliPeakRssMb?: number; berthRunsMs: number[]; cliRunsMs: number[] }[] = [];
    for (const op of ['export', 'save', 'import', 'load'] as Op[]) {
      const b1 = berthRuns[op](0);
      const c1 = cliRuns[op]();
      const c2 = cliRuns[op]();
      const b2 = berthRuns[op](1);
      const cliPeaks = [c1.peakRssMb, c2.peakRssMb].filter((m): m is number => m !== undefined);
      operations.push({
        op, bytes: b1.bytes, berthMs: Math.min(b1.ms, b2.ms), cliMs: Math.min(c1.ms, c2.ms), berthPeakRssMb: Math.max(b1.peakRssMb, b2.peakRssMb),
        cliPeakRssMb: cliPeaks.length ? Math.max(...cliPeaks) : undefined, berthRunsMs: [b1.ms, b2.ms], cliRunsMs: [c1.ms, c2.ms],
      });
      console.log(`${op}: berth ${b1.ms} / ${b2.ms} ms, cli ${c1.ms} / ${c2.ms} ms, peak RSS berth ${Math.max(b1.peakRssMb, b2.peakRssMb)} MB, cli ${cliPeaks.length ? Math.max(...cliPeaks) : '?'} MB`);
      for (const extra of ['berth-export.tar', 'berth-save.tar', 'cli-export.tar', 'cli-save.tar']) fs.rmSync(file(extra), { force: true });
    }

    // A baseline: the same child process doing nothing but loading Berth's engine layer.
    const baseline = spawnSync(process.execPath, [...process.execArgv, '-e', 'require("./src/engine/engine"); process.stdout.write(String(Math.round(process.resourceUsage().maxRSS / 1024)))'], { encoding: 'utf8', cwd: path.join(here, '..') });
    const baselineMb = Number(baseline.stdout) || undefined;

    console.log('\nop      size      berth      docker CLI   berth peak RSS   (best of two runs each)');
    for (const r of operations) {
      console.log(`${r.op.padEnd(7)} ${`${(r.bytes / 1e9).toFixed(2)} GB`.padEnd(9)} ${`${(r.berthMs / 1000).toFixed(1)} s`.padEnd(10)} ${`${(r.cliMs / 1000).toFixed(1)} s`.padEnd(12)} ${r.berthPeakRssMb} MB`);
    }
    if (baselineMb) console.log(`(a Node process that only loads the engine layer peaks at ${baselineMb} MB)`);
    const results = {
      engineVersion: version,
      node: process.version,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
      sizeMb: mb,
      baselinePeakRssMb: baselineMb,
      operations,
    };
    writeResults('export-save', exportRows(operations, mb, baselineMb), results);
  } finally {
    try { docker('rm', '-f', container); } catch { /* already gone */ }
    for (const i of made.images) {
      try { docker('rmi', '-f', i); } catch { /* not made */ }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const workloads: Record<Op, string> = {
  export: 'container → tar file', save: 'image → tar file', import: 'tar file → image', load: 'image tar file → engine',
};

function exportRows(operations: { op: Op; bytes: number; berthMs: number; cliMs: number; berthPeakRssMb: number; cliPeakRssMb?: number }[], mb: number, baselineMb: number | undefined): BenchRow[] {
  const size = mb >= 1024 ? `${(mb / 1024).toFixed(mb % 1024 ? 1 : 0)} GB` : `${mb} MB`;
  const rows: BenchRow[] = [];
  for (const o of operations) {
    const workload = `${size} ${workloads[o.op]}`;
    rows.push({
      area: 'export', measure: o.op, workload, unit: 's', better: 'lower',
      berth: Math.round(o.berthMs / 10) / 100, alternative: { name: `docker ${o.op}`, value: Math.round(o.cliMs / 10) / 100 },
      note: 'best of two runs each, in the order Berth, CLI, CLI, Berth',
    });
    const rssNote = `whole process: a Node child running Berth's engine layer${baselineMb ? ` (one that only loads it peaks at ${baselineMb} MB)` : ''} vs the docker CLI; flat means the archive streams and never sits in memory`;
    rows.push({
      area: 'export', measure: `${o.op}: peak RSS`, workload, unit: 'MB', better: 'lower', berth: o.berthPeakRssMb,
      alternative: o.cliPeakRssMb === undefined ? null : { name: `docker ${o.op}`, value: o.cliPeakRssMb },
      note: o.cliPeakRssMb === undefined ? 'no /usr/bin/time here to measure the CLI\'s peak RSS' : rssNote,
    });
  }
  return rows;
}

runBench(main, (op, target, file) => worker(op as Op, target, file));
