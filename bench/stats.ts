/**
 * Benchmark (not a test): what a stats panel costs the extension host per streamed
 * container per minute, next to `docker stats` streaming the same containers in the
 * same minute.
 *
 *   npm run env:up && source .vscode-test/env/env.sh && npm run bench:stats
 *
 * BERTH_BENCH_STATS_CONTAINERS (default 10) busybox containers sleep while both sides
 * stream their stats for BERTH_BENCH_STATS_SECONDS (default 60), at the same time.
 * Berth's side is exactly what a visible panel runs in the extension host, in plain
 * Node: StatsStreamer (one engine stream per container, the engine layer's JSON decoding
 * and `docker stats` maths, the history, batching), with the webview's postMessage
 * replaced by JSON.stringify of each message (VS Code serializes it the same way; the
 * IPC to the renderer and the drawing are the webview's, not the host's). CPU is this
 * process's user + system time over the window after every stream delivered two
 * samples (the whole process, so Node's own idle cost is in it; the same process idle
 * over a window as long afterwards is in the JSON); memory is the heap retained after a GC with the streams open and a window
 * of history kept. `docker stats` (the CLI, output to /dev/null) is measured over the
 * same window from /proc: its CPU time, and its RSS.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Engine } from '../src/engine';
import { StatsStreamer } from '../src/stats/streamer';
import { cpuTimes } from '../test/support/processCpu';
import type { BenchRow } from './rows';
import { dockerBinary } from './support/cli';
import { writeResults } from './support/results';
import { round } from './support/stats';

const count = Number(process.env.BERTH_BENCH_STATS_CONTAINERS ?? 10);
const seconds = Number(process.env.BERTH_BENCH_STATS_SECONDS ?? 60);
const host = process.env.BERTH_TEST_DOCKER_HOST ?? process.env.DOCKER_HOST;
if (!host) throw new Error('No engine: set BERTH_TEST_DOCKER_HOST (source .vscode-test/env/env.sh after `npm run env:up`) or DOCKER_HOST.');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with --expose-gc (npm run bench:stats does): the memory figure needs a GC before each reading.');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

async function waitUntil(ok: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function main(): Promise<void> {
  const engine = new Engine({ url: host!, source: 'DOCKER_HOST', why: 'the benchmark engine' });
  const version = await engine.version();
  console.log(`stats bench: ${count} containers for ${seconds} s on engine ${version.version} (API ${version.apiVersion}) at ${host}`);
  const ids: string[] = [];
  let cli: ReturnType<typeof spawn> | undefined;
  let streamer: StatsStreamer | undefined;
  try {
    for (let i = 0; i < count; i++) {
      const id = await engine.containers.create({ image: 'busybox:local', name: `berth-bench-stats-${process.pid}-${i}`, cmd: ['sleep', '3600'], labels: { 'berth.bench': 'stats' } });
      ids.push(id);
      await engine.containers.start(id);
    }
    const members = ids.map((id, i) => ({ id, name: `bench-${i}` }));

    gc!();
    const heapBefore = process.memoryUsage().heapUsed;
    let messages = 0;
    let messageBytes = 0;
    streamer = new StatsStreamer({
      source: () => engine.containers,
      windowMs: seconds * 1000,
      post: (message) => {
        messages++;
        messageBytes += JSON.stringify(message).length;
      },
    });
    streamer.follow(members);
    cli = spawn(dockerBinary, ['-H', host!, 'stats', ...ids], { stdio: 'ignore', env: { ...process.env, DOCKER_CONTEXT: '' } });
    const cliPid = cli.pid!;
    await waitUntil(() => ids.every((id) => streamer!.history.points(id).length >= 2), 'two samples from every stream', 60_000);

    // The window: both sides streaming the same containers at the same time.
    const berthCpu0 = process.cpuUsage();
    const cliCpu0 = cpuTimes(cliPid);
    const samples0 = streamer.history.sampleCount;
    const messages0 = messages;
    const started = performance.now();
    await sleep(seconds * 1000);
    const elapsedS = (performance.now() - started) / 1000;
    const berthCpu = process.cpuUsage(berthCpu0);
    const cliCpu1 = cpuTimes(cliPid);
    const cliRss = rssOf(cliPid);
    const samples = streamer.history.sampleCount - samples0;
    const windowMessages = messages - messages0;
    gc!();
    const heapRetained = process.memoryUsage().heapUsed - heapBefore;
    const historyPoints = streamer.history.sampleCount;
    if (cli.exitCode !== null) throw new Error(`docker stats exited early (${cli.exitCode})`);
    // The same process streaming nothing, over a window as long: what Node itself costs here.
    // The figure keeps it in (conservative: it is not all the panel's); the JSON says how much.
    streamer.dispose();
    cli.kill('SIGTERM');
    gc!();
    const idle0 = process.cpuUsage();
    const idleStarted = performance.now();
    await sleep(seconds * 1000);
    const idleCpu = process.cpuUsage(idle0);
    const idleS = (performance.now() - idleStarted) / 1000;

    const perContainerMinute = (cpuSeconds: number) => (cpuSeconds * 1000) / count / (elapsedS / 60);
    const idleCpuSeconds = ((idleCpu.user + idleCpu.system) / 1e6) * (elapsedS / idleS);
    const berthCpuSeconds = (berthCpu.user + berthCpu.system) / 1e6;
    const berthCpuMs = round(perContainerMinute(berthCpuSeconds), 1);
    const cliCpuMs = round(perContainerMinute(cliCpu1.self - cliCpu0.self), 1);
    const result = {
      node: process.version,
      engine: { version: version.version, apiVersion: version.apiVersion },
      containers: count,
      seconds: round(elapsedS, 1),
      loadAverage: os.loadavg().map((l) => round(l, 1)),
      cpus: os.cpus().length,
      berth: {
        cpuMsPerContainerMinute: berthCpuMs,
        cpuSeconds: round(berthCpuSeconds, 2),
        idleProcessCpuSeconds: round(idleCpuSeconds, 2),
        cpuMsPerContainerMinuteWithoutIdle: round(perContainerMinute(berthCpuSeconds - idleCpuSeconds), 1),
        samplesPerContainerMinute: round(samples / count / (elapsedS / 60), 1),
        messagesPerMinute: round(windowMessages / (elapsedS / 60), 1),
        messageKbPerMinute: round(messageBytes / 1024 / ((elapsedS + 2) / 60), 1),
        heapRetainedKbPerContainer: round(heapRetained / 1024 / count, 1),
        historyPoints,
      },
      dockerStats: {
        cpuMsPerContainerMinute: cliCpuMs,
        cpuSeconds: round(cliCpu1.self - cliCpu0.self, 2),
        rssMb: round(cliRss / 1e6, 1),
      },
    };
    console.log(`load average ${result.loadAverage.join(' ')} on ${result.cpus} CPUs`);
    console.log(`berth stats panel (extension host side): ${berthCpuMs} CPU ms per container per minute (${result.berth.cpuSeconds} CPU s for ${count} containers over ${result.seconds} s; the same process idle over as long: ${result.berth.idleProcessCpuSeconds} CPU s), ${result.berth.samplesPerContainerMinute} samples per container per minute in ${result.berth.messagesPerMinute} messages a minute, heap retained ${result.berth.heapRetainedKbPerContainer} KB per container with ${seconds} s of history`);
    console.log(`docker stats ${count} containers > /dev/null: ${cliCpuMs} CPU ms per container per minute (${result.dockerStats.cpuSeconds} CPU s), RSS ${result.dockerStats.rssMb} MB`);
    const workload = `${count} idle busybox containers, ${result.seconds} s, both streaming at once`;
    const rows: BenchRow[] = [
      {
        area: 'stats', measure: 'stats cost per container per minute (CPU)', workload, unit: 'CPU ms', better: 'lower',
        berth: berthCpuMs, alternative: { name: `docker stats ${count} containers > /dev/null`, value: cliCpuMs },
        note: 'Berth: the panel\'s extension-host side (engine streams, docker stats maths, history, batched messages serialized as postMessage does) in plain Node, its whole process (Node idle included; the JSON has the idle figure); the CLI: its whole process from /proc over the same window; drawing in the webview not counted',
      },
      {
        area: 'stats', measure: 'stats memory per container', workload: `${workload}, ${seconds} s of history kept`, unit: 'KB', better: 'lower',
        berth: result.berth.heapRetainedKbPerContainer, alternative: null,
        note: `heap retained per streamed container after a GC (streams open, history of the window); docker stats' whole Go process had ${result.dockerStats.rssMb} MB RSS for ${count} containers, not a per-container figure`,
      },
    ];
    writeResults('stats', rows, result);
  } finally {
    streamer?.dispose();
    if (cli?.exitCode === null) cli.kill('SIGTERM');
    for (const id of ids) await engine.containers.remove(id, { force: true }).catch(() => undefined);
    await engine.dispose();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
