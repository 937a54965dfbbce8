/**
 * Benchmark (not a test): 100 MB of logs through the log view's and the logs terminal's
 * code paths, next to `docker logs` to /dev/null, against the same engine in the same run.
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
 *
 * The log view's side is what a log view runs: LogViewStream (the same LogFollower, its
 * lines batched in columns by LineBatcher) whose messages are serialised to JSON as
 * postMessage does, and handed to a child process standing in for the webview's own
 * (parse, LineBuffer with berth.logs.maxLines' default, acknowledge). The clock stops
 * when the webview side has acknowledged the last line. The event-loop stall and RSS are
 * the extension host's side (RSS also at each quarter of the bytes, to show whether it
 * stays flat), the webview's RSS is reported apart, and the same sampler runs idle for
 * 3 s first: on a loaded machine descheduling alone shows as stalls.
 */
import { execFile, fork, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { Engine } from '../src/engine';
import { configDefaults } from '../src/config/schema';
import type { ToView } from '../src/logs/protocol';
import { LogViewStream } from '../src/logs/stream';
import { TerminalStreams } from '../src/terminals/engineStreams';
import { formatLogLine } from '../src/terminals/logFormat';
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
  stop(): { peakRss: number; maxLagMs: number; p99LagMs: number; stallsOver50: number };
}

/** Samples event-loop lag every 10 ms and RSS every 100 ms (reading RSS is not free: it would weigh on the result). */
function sample(): Sampler {
  let peakRss = process.memoryUsage.rss();
  const lags: number[] = [];
  let last = performance.now();
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - last - 10));
    last = now;
    if (++ticks % 10 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 10);
  return {
    stop: () => {
      clearInterval(timer);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      const sorted = [...lags].sort((a, b) => a - b);
      return { peakRss, maxLagMs: Math.round(sorted.at(-1) ?? 0), p99LagMs: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0), stallsOver50: lags.filter((l) => l > 50).length };
    },
  };
}

/**
 * The same sampler with nothing to do, for as long: on a loaded machine the process is
 * descheduled now and then, and that shows as "stalls" no code of ours caused.
 */
async function idleStall(ms: number): Promise<{ maxLagMs: number; p99LagMs: number }> {
  const sampler = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const { maxLagMs, p99LagMs } = sampler.stop();
  return { maxLagMs, p99LagMs };
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
    follower = new LogFollower(new TerminalStreams(engine), id, { tail: 'all' }, {
      lines: (lines) => {
        for (const line of lines) pacer.push(formatLogLine(line, { showTimestamps: false }));
      },
      // The container has exited: the stream ends and the follower says so.
      banner: (text) => (/stopped/.test(text) ? resolve() : /interrupted|removed/.test(text) ? reject(new Error(text)) : undefined),
    });
    follower.start().catch(reject);
  });
  pacer.flush();
  const seconds = (performance.now() - started) / 1000;
  const { peakRss, maxLagMs, p99LagMs } = sampler.stop();
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
    p99EventLoopLagMs: p99LagMs,
    terminalWrites: writes,
    terminalMb: mb(terminalBytes),
    linesSkippedByPacing: pacer.droppedLines,
  };
}

/** The webview stand-in, bundled by esbuild as the real webview script is, into a temporary folder of its own. */
async function webviewBundle(): Promise<string> {
  const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-logview-')), 'webview.cjs');
  await esbuild.build({ entryPoints: [fileURLToPath(new URL('./support/logViewWebview.ts', import.meta.url))], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
  return outfile;
}

interface WebviewReport { held: number; dropped: number; lines: number; peakRssMb: number; cpuSeconds: number }

/** The log view's path: LogViewStream → JSON (postMessage) → a worker standing in for the webview. */
async function viewRun(engine: Engine, id: string): Promise<Record<string, number>> {
  const maxLines = configDefaults['logs.maxLines'];
  // A process of its own, as the webview is; messages cross as structured clones of the JSON text.
  const webview = fork(await webviewBundle(), [], { serialization: 'advanced', execArgv: [], env: { ...process.env, BERTH_BENCH_MAX_LINES: String(maxLines) } });
  await new Promise((resolve) => webview.once('message', resolve));
  const idle = await idleStall(3000);
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  const sampler = sample();
  const started = performance.now();
  let messageBytes = 0;
  let messages = 0;
  const quarterRss: number[] = [];
  let stream!: LogViewStream;
  const ended = new Promise<void>((resolve, reject) => {
    const post = (message: ToView): void => {
      const json = JSON.stringify(message);
      messageBytes += json.length;
      messages++;
      webview.send(json);
      if (message.type === 'note' && /interrupted|removed|Cannot follow/.test(message.text)) reject(new Error(message.text));
      if (message.type === 'state' && message.following === 0 && stream?.lines > 0) done();
      // RSS at each quarter of the bytes: flat memory means these stay level.
      while (quarterRss.length < 4 && stream && stream.engineBytes >= ((quarterRss.length + 1) / 4) * megabytes * 1e6 * 0.99) quarterRss.push(mb(process.memoryUsage.rss()));
    };
    let stopped = false;
    // The container has exited: the follower says it stopped; the run ends when the webview side acknowledged everything.
    const done = (): void => {
      stopped = true;
      check();
    };
    const check = (): void => {
      if (stopped && stream.batcher.pendingLines === 0 && stream.batcher.unacknowledged === 0) resolve();
    };
    webview.on('message', (reply: { ack?: number }) => {
      if (reply.ack !== undefined) {
        stream.ack(reply.ack);
        check();
      }
    });
    webview.once('error', reject);
    webview.once('exit', (code) => reject(new Error(`the webview stand-in exited (${code})`)));
    stream = new LogViewStream(new TerminalStreams(engine), [{ id, name: 'bench' }], { tail: 'all', maxLines, timestamps: false }, { since: '', until: '' }, post);
    stream.start().catch(reject);
  });
  await ended;
  const seconds = (performance.now() - started) / 1000;
  const { peakRss, maxLagMs, p99LagMs, stallsOver50 } = sampler.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const report = await new Promise<WebviewReport>((resolve) => {
    webview.on('message', (reply: { report?: WebviewReport }) => reply.report && resolve(reply.report));
    webview.send('report');
  });
  const engineBytes = stream.engineBytes;
  const lines = stream.lines;
  stream.dispose();
  webview.removeAllListeners('exit');
  webview.kill();
  while (quarterRss.length < 4) quarterRss.push(mb(peakRss));
  return {
    seconds: Math.round(seconds * 100) / 100,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    engineBytes,
    lines,
    mbPerSecond: Math.round((engineBytes / 1e6 / seconds) * 10) / 10,
    rssBeforeMb: mb(rssBefore),
    peakRssMb: mb(peakRss),
    rssGrowthMb: mb(peakRss - rssBefore),
    rssAt25Mb: quarterRss[0], rssAt50Mb: quarterRss[1], rssAt75Mb: quarterRss[2], rssAt100Mb: quarterRss[3],
    maxEventLoopStallMs: maxLagMs,
    p99EventLoopLagMs: p99LagMs,
    stallsOver50ms: stallsOver50,
    idleMaxStallMs: idle.maxLagMs,
    idleP99LagMs: idle.p99LagMs,
    messages,
    messageMb: mb(messageBytes),
    viewLinesHeld: report.held,
    viewLinesDropped: report.dropped,
    viewLinesReceived: report.lines,
    webviewPeakRssMb: report.peakRssMb,
    webviewCpuSeconds: report.cpuSeconds,
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
    const runs: { view: Record<string, number>[]; berth: Record<string, number>[]; cli: Record<string, number>[]; cliPlain: Record<string, number>[] } = { view: [], berth: [], cli: [], cliPlain: [] };
    for (let round = 0; round < rounds; round++) {
      runs.view.push(await viewRun(engine, id));
      runs.berth.push(await berthRun(engine, id));
      runs.cli.push(await cliRun(id, ['--follow', '--timestamps']));
      runs.cliPlain.push(await cliRun(id, []));
    }
    const fastest = (list: Record<string, number>[]) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const view = fastest(runs.view);
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
      logView: view,
      berth,
      dockerLogsFollowTimestamps: cli,
      dockerLogs: cliPlain,
      allRounds: runs,
    };
    console.log(`load average ${result.loadAverage.join(' ')} on ${result.cpus} CPUs; fastest of ${rounds} alternating rounds each`);
    console.log(`berth log view path: ${view.mbPerSecond} MB/s (${mb(view.engineBytes)} MB, ${view.lines} lines in ${view.seconds} s, ${view.cpuSeconds} CPU s + ${view.webviewCpuSeconds} in the webview stand-in)`);
    console.log(`  extension host: peak RSS ${view.peakRssMb} MB (+${view.rssGrowthMb} MB; at 25/50/75/100 % of the bytes ${view.rssAt25Mb}/${view.rssAt50Mb}/${view.rssAt75Mb}/${view.rssAt100Mb} MB), event loop: longest stall ${view.maxEventLoopStallMs} ms, p99 lag ${view.p99EventLoopLagMs} ms, ${view.stallsOver50ms} stalls over 50 ms (the same sampler idle for 3 s: longest ${view.idleMaxStallMs} ms, p99 ${view.idleP99LagMs} ms)`);
    console.log(`  webview stand-in: peak RSS ${view.webviewPeakRssMb} MB, holds ${view.viewLinesHeld} lines (${view.viewLinesDropped} dropped); ${view.messages} messages, ${view.messageMb} MB of JSON`);
    console.log(`berth logs terminal path: ${berth.mbPerSecond} MB/s (${mb(berth.engineBytes)} MB, ${berth.lines} lines in ${berth.seconds} s, ${berth.cpuSeconds} CPU s), peak RSS ${berth.peakRssMb} MB (+${berth.rssGrowthMb} MB), longest event-loop stall ${berth.maxEventLoopStallMs} ms, ${berth.terminalMb} MB in ${berth.terminalWrites} terminal writes (${berth.linesSkippedByPacing} lines skipped by pacing)`);
    console.log(`docker logs --follow --timestamps > /dev/null: ${cli.mbPerSecond} MB/s (${cli.seconds} s, ${cli.cpuSeconds} CPU s), peak RSS ${cli.peakRssMb} MB`);
    console.log(`docker logs > /dev/null: ${cliPlain.mbPerSecond} MB/s (${cliPlain.seconds} s, ${cliPlain.cpuSeconds} CPU s), peak RSS ${cliPlain.peakRssMb} MB`);
    const workload = `${megabytes} MB of 100-byte lines`;
    const fastestOf = `fastest of ${rounds} alternating rounds`;
    const follow = 'docker logs --follow --timestamps > /dev/null';
    const row = (measure: string, unit: BenchRow['unit'], better: BenchRow['better'], berthValue: number, alternative: BenchRow['alternative'], note: string): BenchRow => ({ area: 'logs', measure, workload, unit, better, berth: berthValue, alternative, note });
    const rows: BenchRow[] = [
      row('throughput into a log view', 'MB/s', 'higher', view.mbPerSecond, { name: follow, value: cli.mbPerSecond },
        `${fastestOf}; until the webview's side acknowledged the last line: Berth decodes and batches the lines and serialises them as postMessage does, a process standing in for the webview parses them into the view's buffer; the CLI only copies them to /dev/null`),
      row('peak RSS, log view', 'MB', 'lower', view.peakRssMb, { name: follow, value: cli.peakRssMb },
        `the extension host's side (Node with tsx and Berth's modules) vs the Go CLI; its RSS at 25/50/75/100 % of the bytes: ${view.rssAt25Mb}/${view.rssAt50Mb}/${view.rssAt75Mb}/${view.rssAt100Mb} MB; the webview's side (a process of its own holding the newest ${configDefaults['logs.maxLines'].toLocaleString('en-US')} lines) peaked at ${view.webviewPeakRssMb} MB`),
      row('longest event-loop stall, log view', 'ms', 'lower', view.maxEventLoopStallMs, null,
        `the extension host's side only (the webview runs in its own process): how long other extensions would freeze; p99 lag ${view.p99EventLoopLagMs} ms, ${view.stallsOver50ms} stalls over 50 ms; the same sampler with nothing to do on this machine just before: longest ${view.idleMaxStallMs} ms`),
      row('CPU time, log view', 'CPU s', 'lower', view.cpuSeconds, { name: follow, value: cli.cpuSeconds }, `${fastestOf}; user + system CPU of the extension host's side; the webview stand-in used ${view.webviewCpuSeconds} CPU s more`),
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
