/**
 * The benchmarks that must run inside VS Code (1.100.3 through code-server, as the host
 * tier runs it): activation with the engine reachable and unreachable, the bundle's size
 * and VS Code's time before activate() next to Berth's bundle before issue 14 (built from
 * its commit in this run), and what an idle Berth costs with 500 containers, next to a
 * `docker ps` poller.
 *
 *   npm run bench:host        (node --import tsx bench/host.ts; needs the test environment)
 *
 * Each activation scenario gets a fresh extension host (scripts/host/run-host-tests.mjs
 * running the opt-in suites benchActivation and benchSteady); berth.host is set through
 * the harness's --setting. The idle scenario and the poller use one dedicated dockerd with
 * 500 created containers. Writes bench/results/host.json (`rows` for the bench table,
 * details beside them); the raw per-run figures stay in test-results/bench-host/.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAll } from '../src/engine/api';
import { Engine } from '../src/engine/engine';
import { PrivateDockerd } from '../test/support/dockerd';
import { testDockerHost, testEngine, testImage } from '../test/support/engine';
import { cpuTimes } from '../test/support/processCpu';
import { ActivationResult, activationRows, BundleSizes, bundleRows, HostBenchRow, loadRows, PollerResult, PreviousBuild, SteadyResult, steadyRows } from './hostRows';

const repo = path.resolve(__dirname, '..');
const runsDir = path.join(repo, 'test-results', 'bench-host');
const containerCount = 500;
const windowMs = 60_000;
const pollEveryMs = 2_000;

/**
 * The reference for the bundle and load rows: main just before issue 14 made the bundle
 * smaller (dockerode with gRPC and protobuf, the language client loaded at activation).
 */
const previousCommit = '07b0c13cf19f70ab37b94927a8a86c350781bd1c';
/** Fresh extension hosts per build for VS Code's time before activate(), taken in turn. */
const loadRounds = 3;

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function build(args: string[], root = repo): BundleSizes {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const file = (name: string) => path.join(root, 'dist', name);
  const kb = (name: string) => Math.round((fs.statSync(file(name)).size / 1024) * 10) / 10;
  return { extensionKB: kb('extension.js'), languageClientKB: fs.existsSync(file('languageClient.js')) ? kb('languageClient.js') : null, serverKB: kb('server.js') + (fs.existsSync(file('serverWorker.js')) ? kb('serverWorker.js') : 0) };
}

/**
 * Berth at previousCommit in a folder of its own (its files from git, this checkout's
 * node_modules), built the way it built itself: minified, as its .vsix shipped.
 */
function buildPrevious(): { dir: string; minified: BundleSizes } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-previous-'));
  execFileSync('sh', ['-c', 'git -C "$1" archive "$2" | tar -x -C "$3"', 'sh', repo, previousCommit, dir]);
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  return { dir, minified: build(['--production'], dir) };
}

/** A dedicated dockerd with busybox:local (copied from the test engine) and `count` created containers. */
async function benchEngine(count: number): Promise<{ dockerd: PrivateDockerd; createS: number }> {
  const dockerd = new PrivateDockerd('berth-bh-');
  await dockerd.start();
  const engine = new Engine({ url: dockerd.url, source: 'setting', why: 'the benchmark engine' });
  try {
    const shared = testEngine();
    await engine.images.load(await readAll(await shared.images.save([testImage])));
    await shared.dispose();
    const started = performance.now();
    for (let made = 0; made < count; ) {
      const batch = Array.from({ length: Math.min(25, count - made) }, (_, i) => engine.containers.create({ image: testImage, name: `bench-idle-${made + i}`, cmd: ['sleep', '1'] }));
      await Promise.all(batch);
      made += batch.length;
    }
    return { dockerd, createS: round3((performance.now() - started) / 1000) };
  } finally {
    await engine.dispose();
  }
}

/** A port free now, for the silent engine the benchActivation suite opens in the extension host. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let running: ChildProcess | undefined;

/** One fresh extension host running the named suites; resolves with the folder its results went to. */
async function runHost(scenario: string, suites: string, settings: Record<string, string>, env: Record<string, string> = {}, run: { name?: string; extension?: string } = {}): Promise<string> {
  const name = run.name ?? scenario;
  const dir = path.join(runsDir, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const args = [path.join(repo, 'scripts', 'host', 'run-host-tests.mjs'), '--no-build', '--label', `bench-${name}`, '--results', dir];
  if (run.extension) args.push('--extension', run.extension);
  for (const [key, value] of Object.entries(settings)) args.push('--setting', `${key}=${value}`);
  console.log(`\n== ${name}: ${suites} ==`);
  const child = spawn(process.execPath, args, { cwd: repo, stdio: 'inherit', env: { ...process.env, BERTH_HOST_SUITES: suites, BERTH_BENCH_SCENARIO: scenario, ...env } });
  running = child;
  const code = await new Promise<number | string>((resolve) => child.once('exit', (c, signal) => resolve(c ?? signal ?? 'unknown')));
  running = undefined;
  if (code !== 0) throw new Error(`the ${name} run failed (exit ${code}); see ${path.relative(repo, dir)}/`);
  return dir;
}

/** The result without this machine's paths: the endpoint described, and replaced in the message. */
function withoutPaths(result: ActivationResult, endpoint: string): ActivationResult {
  return { ...result, endpoint, message: result.message?.split(result.endpoint).join(endpoint) ?? null };
}

function readJson<T>(dir: string, name: string): T {
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(repo, file)} is missing: the suite did not report`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/**
 * The alternative to events: `docker ps -a --format json` spawned every 2 s for the window.
 * The children's CPU comes from this process's cutime/cstime (children it waited for);
 * nothing else is spawned meanwhile.
 */
async function poller(dockerd: PrivateDockerd, ms: number): Promise<PollerResult> {
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-docker-config-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: dockerd.url, DOCKER_CONFIG: config };
  delete env.DOCKER_CONTEXT;
  const pid = dockerd.pid!;
  const before = { children: cpuTimes('self').children, dockerd: cpuTimes(pid).self, at: performance.now() };
  let polls = 0;
  let skipped = 0;
  let inFlight: Promise<void> | undefined;
  const poll = () => {
    if (inFlight) {
      skipped++;
      return;
    }
    polls++;
    inFlight = new Promise<void>((resolve, reject) => {
      const child = spawn('docker', ['ps', '-a', '--format', 'json'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', (e) => reject(new Error(`cannot run the docker CLI: ${e.message}`)));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker ps failed (${code}): ${err}`))));
    }).finally(() => (inFlight = undefined));
    inFlight.catch(() => undefined);
  };
  poll();
  const timer = setInterval(poll, pollEveryMs);
  await new Promise((resolve) => setTimeout(resolve, ms));
  clearInterval(timer);
  await inFlight;
  const after = { children: cpuTimes('self').children, dockerd: cpuTimes(pid).self, at: performance.now() };
  fs.rmSync(config, { recursive: true, force: true });
  return {
    polls, skipped, windowS: round3((after.at - before.at) / 1000),
    childrenCpuS: round3(after.children - before.children), dockerdCpuS: round3(after.dockerd - before.dockerd),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = Math.round(os.loadavg()[0] * 10) / 10;
  testDockerHost(); // fails with a clear message outside the test environment
  fs.mkdirSync(runsDir, { recursive: true });

  console.log('== bundle ==');
  const plain = build([]);
  // The hosts below run the minified bundle: the one the .vsix ships and people run.
  const minified = build(['--production']);
  console.log(`dist/extension.js ${plain.extensionKB} KB (${minified.extensionKB} KB minified), dist/languageClient.js ${minified.languageClientKB} KB minified, dist/server.js ${plain.serverKB} KB (${minified.serverKB} KB minified)`);
  const previousBuild = buildPrevious();
  console.log(`before issue 14 (${previousCommit.slice(0, 7)}): dist/extension.js ${previousBuild.minified.extensionKB} KB minified, dist/server.js ${previousBuild.minified.serverKB} KB minified`);

  console.log(`\n== a dedicated dockerd with ${containerCount} containers ==`);
  const { dockerd, createS } = await benchEngine(containerCount);
  console.log(`created ${containerCount} containers in ${createS} s`);
  const stop = () => dockerd.dispose();
  process.once('SIGINT', () => {
    running?.kill('SIGINT');
    void stop().then(() => process.exit(130));
  });

  try {
    // VS Code's time before activate(): the two builds in turn, each in fresh hosts, the engine reachable.
    const loadNow: ActivationResult[] = [];
    const loadBefore: ActivationResult[] = [];
    for (let round = 1; round <= loadRounds; round++) {
      loadBefore.push(readJson<ActivationResult>(await runHost('reachable', 'benchActivation', {}, {}, { name: `load-before-${round}`, extension: previousBuild.dir }), 'bench-activation'));
      loadNow.push(readJson<ActivationResult>(await runHost('reachable', 'benchActivation', {}, {}, { name: `load-now-${round}` }), 'bench-activation'));
    }
    const previous: PreviousBuild = { commit: previousCommit.slice(0, 7), minified: previousBuild.minified, activations: loadBefore };
    const missingSocket = `unix://${path.join(os.tmpdir(), `berth-bench-missing-${process.pid}`, 'docker.sock')}`;
    const missing = readJson<ActivationResult>(await runHost('missing-socket', 'benchActivation', { 'berth.host': missingSocket }), 'bench-activation');
    const silentPort = await freePort();
    const silentTcp = readJson<ActivationResult>(await runHost('silent-tcp', 'benchActivation', { 'berth.host': `tcp://127.0.0.1:${silentPort}` }, { BERTH_BENCH_SILENT_PORT: String(silentPort) }), 'bench-activation');
    const reachableDir = await runHost('reachable', 'benchActivation,benchSteady', {}, {
      BERTH_BENCH_DOCKER_HOST: dockerd.url, BERTH_BENCH_DOCKERD_PID: String(dockerd.pid), BERTH_BENCH_CONTAINERS: String(containerCount), BERTH_BENCH_WINDOW_MS: String(windowMs),
    });
    const reachable = readJson<ActivationResult>(reachableDir, 'bench-activation');
    const steady = readJson<SteadyResult>(reachableDir, 'bench-steady');

    console.log(`\n== poller: docker ps -a --format json every ${pollEveryMs / 1000} s for ${windowMs / 1000} s ==`);
    const polling = await poller(dockerd, windowMs);
    console.log(JSON.stringify(polling));

    const rows: HostBenchRow[] = [
      ...activationRows({ reachable, missing, silentTcp }),
      ...loadRows(loadNow, previous),
      ...bundleRows(plain, minified, previous),
      ...steadyRows(steady, polling),
    ];
    const result = {
      what: 'Berth inside VS Code 1.100.3 (code-server + headless Chromium): activation, bundle size, idle cost with 500 containers',
      measuredAt: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      // One sample per figure: on a busy machine activation times swing by tens of ms.
      loadAverage: { atStart: loadAtStart, atEnd: Math.round(os.loadavg()[0] * 10) / 10 },
      rows,
      detail: {
        bundle: { plain, minified, previous: { commit: previousCommit, minified: previous.minified }, hostsRan: 'minified (node scripts/build.mjs --production), as the .vsix ships it' },
        load: {
          now: loadNow.map((r) => ({ openToActivateStartMs: r.openToActivateStartMs, codeLoadingMs: r.codeLoadingMs, activateMs: r.activateMs })),
          before: loadBefore.map((r) => ({ openToActivateStartMs: r.openToActivateStartMs, codeLoadingMs: r.codeLoadingMs, activateMs: r.activateMs })),
        },
        activation: {
          reachable: withoutPaths(reachable, 'the test engine\'s unix socket, from DOCKER_HOST'),
          missing: withoutPaths(missing, 'unix:///tmp/<missing>/docker.sock'),
          silentTcp: withoutPaths(silentTcp, 'tcp://127.0.0.1:<port>'),
        },
        steady: { ...steady, createContainersS: createS },
        poller: { ...polling, command: 'docker ps -a --format json', everyS: pollEveryMs / 1000 },
        totalS: Math.round((Date.now() - started) / 1000),
      },
    };
    const out = path.join(repo, 'bench', 'results', 'host.json');
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log('');
    console.table(rows.map((r) => ({ area: r.area, measure: r.measure, unit: r.unit, berth: r.berth, alternative: r.alternative ? `${r.alternative.value} (${r.alternative.name})` : '-' })));
    console.log(`written to ${path.relative(process.cwd(), out)} in ${result.detail.totalS} s (dist/ holds the minified build now; npm run build makes the usual one)`);
  } finally {
    await stop();
    fs.rmSync(previousBuild.dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:host: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
