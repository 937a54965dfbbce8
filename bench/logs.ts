/**
 * Benchmark (not a test): 100 MB of logs through the logs terminal's code path, next
 * to `docker logs` to /dev/null, against the same engine in the same run.
 *
 *   npm run env:up && source .vscode-test/env/env.sh && npm run bench:logs
 *
 * A busybox container writes BERTH_BENCH_MB (default 100) MB of 100-byte lines and
 * exits. BERTH_BENCH_ROUNDS (default 2) alternating rounds; each side's fastest counts. Berth's side is exactly what a logs terminal runs, in plain Node: the engine
 * layer's log frames → LogFollower (LogDecoder, formatLogLine) → OutputPacer, whose
 * writes (what the Pseudoterminal would fire) go to a counting sink. Printed and
 * written to bench/results/logs.json: MB/s, CPU seconds, peak RSS and its growth, the
 * longest event-loop stall (what would freeze other extensions), and the same for
 * `docker logs --follow --timestamps` (the request Berth makes) and plain `docker logs`.
 */
import { execFile, spawn } from 'node:child_process';
import * as os from 'node:os';
import { promisify } from 'node:util';
import { Engine } from '../src/engine';
import { TerminalStreams } from '../src/terminals/engineStreams';
import { LogFollower, OutputPacer } from '../src/terminals/logFollower';
import type { BenchRow } from './rows';
import { dockerBinary } from './support/cli';
import { writeResults } from './support/results';

const megabytes = Number(process.env.BERTH_BENCH_MB ?? 100);
const rounds = Number(process.env.BERTH_BENCH_ROUNDS ?? 2);
const host = process.env.BERTH_TEST_DOCKER_HOST ?? process.env.DOCKER_HOST;
if (!host) throw new Error('No engine: set BERTH_TEST_DOCKER_HOST (source .vscode-test/env/env.sh after `npm run env:up`) or DOCKER_HOST.');
const dockerCli = dockerBinary;
const mb = (bytes: number): number => Math.round((bytes / 1e6) * 10) / 10;

interface Sampler {
  stop(): { peakRss: number; maxLagMs: number };
}

/** Samples event-loop lag every 10 ms and RSS every 100 ms (reading RSS is not free: it would weigh on the result). */
function sample(): Sampler {
  let peakRss = process.memoryUsage.rss();
  let maxLagMs = 0;
  let last = performance.now();
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - last - 10);
    last = now;
    if (++ticks % 10 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 10);
  return {
    stop: () => {
      clearInterval(timer);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      return { peakRss, maxLagMs: Math.round(maxLagMs) };
    },
  };
}

async function makeLogs(engine: Engine): Promise<string> {
  const line = 'x'.repeat(99);
  // argv, no shell string built here: the byte count and the line are arguments of a constant script.
  const id = await engine.containers.create({
    image: 'busybox:local',
    name: `berth-bench-logs-${process.pid}`,
    cmd: ['sh', '-c', 'yes "$1" | head -c "$2"', 'bench', line, String(megabytes * 1024 * 1024)],
    labels: { 'berth.bench': 'logs' },
  });
  const exited = engine.containers.wait(id, { condition: 'next-exit' });
  await engine.containers.start(id);
  await exited;
  return id;
}

async function berthRun(engine: Engine, id: string): Promise<Record<string, number>> {
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  const sampler = sample();
  const started = performance.now();
  let terminalBytes = 0;
  let writes = 0;
  const pacer = new OutputPacer((text) => {
    terminalBytes += text.length;
    writes++;
  }, { maxLines: 1000 });
  let follower!: LogFollower;
  await new Promise<void>((resolve, reject) => {
    follower = new LogFollower(new TerminalStreams(engine), id, { tail: 'all', style: { showTimestamps: false } }, {
      push: (text) => pacer.push(text),
      // The container has exited: the stream ends and the follower says so.
      banner: (text) => (/stopped/.test(text) ? resolve() : /interrupted|removed/.test(text) ? reject(new Error(text)) : undefined),
    });
    follower.start().catch(reject);
  });
  pacer.flush();
  const seconds = (performance.now() - started) / 1000;
  const { peakRss, maxLagMs } = sampler.stop();
  const cpu = process.cpuUsage(cpuBefore);
  follower.dispose();
  return {
    seconds: Math.round(seconds * 100) / 100,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    engineBytes: follower.bytes,
    lines: follower.lines,
    mbPerSecond: Math.round((follower.bytes / 1e6 / seconds) * 10) / 10,
    rssBeforeMb: mb(rssBefore),
    peakRssMb: mb(peakRss),
    rssGrowthMb: mb(peakRss - rssBefore),
    maxEventLoopStallMs: maxLagMs,
    terminalWrites: writes,
    terminalMb: mb(terminalBytes),
    linesSkippedByPacing: pacer.droppedLines,
  };
}

/** `docker logs` to /dev/null, timed, its peak RSS from GNU time. */
async function cliRun(id: string, flags: string[]): Promise<Record<string, number>> {
  const args = ['-f', '%M %U %S', dockerCli, '-H', host!, 'logs', ...flags, id];
  const started = performance.now();
  const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`docker logs failed (${code}): ${stderr}`);
  const [peakKb, user, system] = (stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { seconds: Math.round(seconds * 100) / 100, cpuSeconds: Math.round((user + system) * 100) / 100, mbPerSecond: 0, peakRssMb: mb(peakKb * 1024) };
}

async function main(): Promise<void> {
  const engine = new Engine({ url: host!, source: 'DOCKER_HOST', why: 'the benchmark engine' });
  const version = await engine.version();
  console.log(`logs bench: ${megabytes} MB of 100-byte lines on engine ${version.version} (API ${version.apiVersion}) at ${host}`);
  const id = await makeLogs(engine);
  try {
    // The machine may be shared: alternate the contenders and keep each one's fastest round.
    // Berth follows (as a logs terminal does) with timestamps; `docker logs -f --timestamps` makes the same request.
    const runs: { berth: Record<string, number>[]; cli: Record<string, number>[]; cliPlain: Record<string, number>[] } = { berth: [], cli: [], cliPlain: [] };
    for (let round = 0; round < rounds; round++) {
      runs.berth.push(await berthRun(engine, id));
      runs.cli.push(await cliRun(id, ['--follow', '--timestamps']));
      runs.cliPlain.push(await cliRun(id, []));
    }
    const fastest = (list: Record<string, number>[]) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const berth = fastest(runs.berth);
    const cli = fastest(runs.cli);
    const cliPlain = fastest(runs.cliPlain);
    // The CLI moves the same bytes Berth received (with --timestamps, as Berth asks).
    for (const r of runs.cli) r.mbPerSecond = Math.round((berth.engineBytes / 1e6 / r.seconds) * 10) / 10;
    for (const r of runs.cliPlain) r.mbPerSecond = Math.round((megabytes * 1.048576 / r.seconds) * 10) / 10;
    const cliVersion = (await promisify(execFile)(dockerCli, ['--version'])).stdout.trim();
    const result = {
      node: process.version,
      engine: { version: version.version, apiVersion: version.apiVersion },
      cli: cliVersion,
      logMegabytes: megabytes,
      rounds,
      loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
      cpus: os.cpus().length,
      berth,
      dockerLogsFollowTimestamps: cli,
      dockerLogs: cliPlain,
      allRounds: runs,
    };
    console.log(`load average ${result.loadAverage.join(' ')} on ${result.cpus} CPUs; fastest of ${rounds} alternating rounds each`);
    console.log(`berth logs terminal path: ${berth.mbPerSecond} MB/s (${mb(berth.engineBytes)} MB, ${berth.lines} lines in ${berth.seconds} s, ${berth.cpuSeconds} CPU s), peak RSS ${berth.peakRssMb} MB (+${berth.rssGrowthMb} MB), longest event-loop stall ${berth.maxEventLoopStallMs} ms, ${berth.terminalMb} MB in ${berth.terminalWrites} terminal writes (${berth.linesSkippedByPacing} lines skipped by pacing)`);
    console.log(`docker logs --follow --timestamps > /dev/null: ${cli.mbPerSecond} MB/s (${cli.seconds} s, ${cli.cpuSeconds} CPU s), peak RSS ${cli.peakRssMb} MB`);
    console.log(`docker logs > /dev/null: ${cliPlain.mbPerSecond} MB/s (${cliPlain.seconds} s, ${cliPlain.cpuSeconds} CPU s), peak RSS ${cliPlain.peakRssMb} MB`);
    const workload = `${megabytes} MB of 100-byte lines`;
    const fastestOf = `fastest of ${rounds} alternating rounds`;
    const follow = 'docker logs --follow --timestamps > /dev/null';
    const row = (measure: string, unit: BenchRow['unit'], better: BenchRow['better'], berthValue: number, alternative: BenchRow['alternative'], note: string): BenchRow => ({ area: 'logs', measure, workload, unit, better, berth: berthValue, alternative, note });
    const rows: BenchRow[] = [
      row('throughput into a logs terminal', 'MB/s', 'higher', berth.mbPerSecond, { name: follow, value: cli.mbPerSecond },
        `${fastestOf}; Berth decodes, formats and paces the lines for a terminal, the CLI only copies them to /dev/null; the same request (follow, timestamps)`),
      row('throughput into a logs terminal', 'MB/s', 'higher', berth.mbPerSecond, { name: 'docker logs > /dev/null', value: cliPlain.mbPerSecond },
        `${fastestOf}; plain docker logs asks for no timestamps, so it moves fewer bytes than Berth`),
      row('CPU time', 'CPU s', 'lower', berth.cpuSeconds, { name: follow, value: cli.cpuSeconds }, `${fastestOf}; user + system CPU of the whole process`),
      row('peak RSS', 'MB', 'lower', berth.peakRssMb, { name: follow, value: cli.peakRssMb },
        `whole process: Node with tsx and Berth's modules loaded vs the Go CLI (from GNU time); Berth's RSS grew ${berth.rssGrowthMb} MB during the run`),
      row('longest event-loop stall', 'ms', 'lower', berth.maxEventLoopStallMs, null,
        'how long other extensions in the same host would freeze; the CLI runs in a process of its own, so there is nothing to compare'),
    ];
    writeResults('logs', rows, result);
  } finally {
    await engine.containers.remove(id, { force: true }).catch(() => undefined);
    await engine.dispose();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
