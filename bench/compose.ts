/**
 * Benchmark (not a timed test): up and down of a 10-service compose project through
 * Berth's compose path against the compose tool run directly, on the same private engine,
 * in the same run, alternating so load drifts hit both alike.
 *
 *   source .vscode-test/env/env.sh && node --import tsx bench/compose.ts
 *
 * Berth's path is what each berth-compose task does before and around the tool: read the
 * folder and its .env, parse the compose files, check the request, build the argv and the
 * engine's environment, run the tool with its output handed on line by line (as the task
 * terminal gets it). The VS Code task terminal itself is not in the figure (plain Node).
 * Direct is `docker-compose -p NAME -f FILE up -d` (or down) with DOCKER_HOST set.
 * Writes bench/results/compose.json.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { checkRequest, composeRuns, ComposeRequest } from '../src/compose/argv';
import { parseDotenv, projectInFolder } from '../src/compose/files';
import { mergeModels, parseCompose, profilesOf } from '../src/compose/model';
import { processProbe, runCompose } from '../src/compose/run';
import { detectTool, toolEnvironment } from '../src/compose/tool';
import { manyServices } from '../test/support/composeProject';
import type { BenchRow } from './rows';
import { writeResults } from './support/results';

const run = promisify(execFile);
const dockerHost = process.env.BERTH_TEST_DOCKER_HOST;
if (!dockerHost) {
  console.error('Set BERTH_TEST_DOCKER_HOST: `npm run env:up` then `source .vscode-test/env/env.sh`.');
  process.exit(1);
}
const services = Number(process.env.BENCH_COMPOSE_SERVICES ?? 10);
// Wall times of a compose run swing by seconds on a loaded 2-core machine: five alternating rounds, medians.
const rounds = Number(process.env.BENCH_COMPOSE_ROUNDS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

async function main(): Promise<void> {
  const tool = await detectTool('auto', processProbe);
  if (!tool) throw new Error('No compose tool: install docker-compose (scripts/test-env.sh up does) or the docker compose plugin.');
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-compose-')), `benchcompose${process.pid}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'compose.yaml'), manyServices(services));
  const endpoint = { url: dockerHost!, source: 'DOCKER_HOST' as const, why: 'the benchmark engine' };

  /** What a berth-compose task does for one request. */
  const prepMs: number[] = [];
  const throughBerth = async (request: ComposeRequest): Promise<void> => {
    const prepStart = performance.now();
    const entries = fs.readdirSync(dir);
    const dotenv = entries.includes('.env') ? parseDotenv(fs.readFileSync(path.join(dir, '.env'), 'utf8')) : {};
    const files = projectInFolder({ dir, entries, dotenv, env: process.env })!;
    const models = files.files.map((f) => parseCompose(fs.readFileSync(f, 'utf8')));
    const defined = mergeModels(models);
    const problem = checkRequest(request, { services: defined.map((s) => s.name), profiles: profilesOf(defined) });
    if (problem) throw new Error(problem);
    const env = toolEnvironment(endpoint, process.env);
    const runs = composeRuns(files, request, profilesOf(defined));
    prepMs.push(performance.now() - prepStart);
    let shown = 0;
    for (const args of runs) {
      await runCompose(tool, args, { cwd: files.dir, env, onOutput: (text) => (shown += text.replace(/\r?\n/g, '\r\n').length) });
    }
  };
  const name = projectInFolder({ dir, entries: ['compose.yaml'], dotenv: {}, env: {} })!.name;
  const directEnv = { ...process.env, DOCKER_HOST: dockerHost! };
  const direct = (args: string[]) => run(tool.command[0], [...tool.command.slice(1), '-p', name, '-f', path.join(dir, 'compose.yaml'), ...args], { cwd: dir, env: directEnv, maxBuffer: 64 << 20 });

  const times = { berthUp: [] as number[], berthDown: [] as number[], directUp: [] as number[], directDown: [] as number[] };
  try {
    // One warm-up of each, so the first network creation or image lookup is not in either figure.
    await throughBerth({ action: 'up' });
    await direct(['down']);
    for (let round = 0; round < rounds; round++) {
      const berthFirst = round % 2 === 0;
      for (const who of berthFirst ? ['berth', 'direct'] : ['direct', 'berth']) {
        if (who === 'berth') {
          times.berthUp.push(await timed(() => throughBerth({ action: 'up' })));
          times.berthDown.push(await timed(() => throughBerth({ action: 'down' })));
        } else {
          times.directUp.push(await timed(() => direct(['up', '-d'])));
          times.directDown.push(await timed(() => direct(['down'])));
        }
      }
      console.log(`round ${round + 1}/${rounds}: up berth ${times.berthUp.at(-1)!.toFixed(2)} s, direct ${times.directUp.at(-1)!.toFixed(2)} s; down berth ${times.berthDown.at(-1)!.toFixed(2)} s, direct ${times.directDown.at(-1)!.toFixed(2)} s`);
    }
  } finally {
    await direct(['down', '--volumes']).catch(() => undefined);
  }
  const s = (v: number) => Number(v.toFixed(2));
  const tool_ = `${tool.command.join(' ')} ${tool.version}`;
  const rows: BenchRow[] = [
    { area: 'compose', measure: 'up -d', workload: `${services} services, one network, depends_on chain; median of ${rounds}`, unit: 's', better: 'lower', berth: s(median(times.berthUp)), alternative: { name: `${tool_} run directly`, value: s(median(times.directUp)) } },
    { area: 'compose', measure: 'down', workload: `${services} services, one network; median of ${rounds}`, unit: 's', better: 'lower', berth: s(median(times.berthDown)), alternative: { name: `${tool_} run directly`, value: s(median(times.directDown)) } },
  ];
  const overhead = (b: number[], d: number[]) => `${(((median(b) - median(d)) / median(d)) * 100).toFixed(1)} %`;
  console.log(`Berth's own work before the tool starts: median ${median(prepMs).toFixed(2)} ms per run`);
  console.log(`Berth's overhead: up ${overhead(times.berthUp, times.directUp)}, down ${overhead(times.berthDown, times.directDown)} (goal: under 5 %)`);
  writeResults('compose', rows, {
    tool: tool_, services, rounds, berthPrepMsMedian: Number(median(prepMs).toFixed(2)), loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))), seconds: times,
    overhead: { up: overhead(times.berthUp, times.directUp), down: overhead(times.berthDown, times.directDown) },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
