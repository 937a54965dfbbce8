/**
 * `npm run bench`: every area bench in turn, each as a child process (`npm run bench:<x>`,
 * so each stays runnable alone), then ONE table from all bench/results/*.json with `rows`.
 *
 *   npm run bench                              # everything (15+ minutes on 2 cores)
 *   npm run bench -- --only engine,freshness   # some areas; the others' rows are marked stale
 *   npm run bench -- --summary                 # only re-render the table from existing JSON
 *
 * Without BERTH_TEST_DOCKER_HOST it brings the test environment up itself (scripts/test-env.sh
 * up, as `npm test` does) and down at the end (BERTH_KEEP_ENV=1 keeps it). A bench that
 * fails is reported and the run goes on; the exit status is 1 at the end if any failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, gather, machineBefore, writeSummary } from './summary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Step {
  name: string;
  script: string;
  /** bench/results/<results>.json */
  results: string;
  /** Added by another piece of work: when package.json lacks the script, the step is skipped, not failed. */
  optional?: boolean;
}

const steps: Step[] = [
  { name: 'engine', script: 'bench:engine', results: 'engine-list' },
  { name: 'explorer', script: 'bench:explorer', results: 'explorer' },
  { name: 'freshness', script: 'bench:freshness', results: 'freshness' },
  { name: 'logs', script: 'bench:logs', results: 'logs' },
  { name: 'stats', script: 'bench:stats', results: 'stats' },
  { name: 'language', script: 'bench:language', results: 'language' },
  { name: 'compose-language', script: 'bench:compose-language', results: 'compose-language' },
  { name: 'build', script: 'bench:build', results: 'build-push' },
  { name: 'export', script: 'bench:export', results: 'export-save' },
  { name: 'compose', script: 'bench:compose', results: 'compose' },
  { name: 'layers', script: 'bench:layers', results: 'layers' },
  { name: 'host', script: 'bench:host', results: 'host', optional: true },
];

interface Outcome {
  step: string;
  status: 'ok' | 'failed' | 'skipped';
  seconds: number;
  detail?: string;
}

function parseArgs(argv: string[]): { only?: Step[]; summaryOnly: boolean } {
  let only: Step[] | undefined;
  let summaryOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--summary') summaryOnly = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!list) throw new Error('--only needs a list, e.g. --only engine,freshness');
      only = list.split(',').map((name) => {
        const step = steps.find((s) => s.name === name.trim() || s.script === name.trim() || s.results === name.trim());
        if (!step) throw new Error(`--only: no bench called "${name}"; the benches are ${steps.map((s) => s.name).join(', ')}`);
        return step;
      });
    } else throw new Error(`unknown option ${arg}; use --only a,b or --summary`);
  }
  return { only, summaryOnly };
}

/** The BERTH_* variables env.sh exports, read by sourcing it in bash. */
function readEnvFile(file: string): Record<string, string> {
  const out = spawnSync('bash', ['-c', 'set -a; source "$1" >/dev/null; env -0', 'env', file], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`cannot source ${file}: ${out.stderr}`);
  return Object.fromEntries(out.stdout.split('\0').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]).filter(([k]) => k.startsWith('BERTH_')));
}

function testEnv(action: 'up' | 'down'): boolean {
  console.log(`\n== test environment: scripts/test-env.sh ${action} ==`);
  return spawnSync('bash', [path.join(root, 'scripts', 'test-env.sh'), action], { cwd: root, stdio: 'inherit', env: process.env }).status === 0;
}

function runScript(script: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit', env: process.env });
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code));
  });
}

async function runSteps(selected: Step[]): Promise<Outcome[]> {
  const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
  const outcomes: Outcome[] = [];
  for (const step of selected) {
    if (!scripts[step.script]) {
      const detail = `package.json has no "${step.script}" script`;
      outcomes.push({ step: step.name, status: step.optional ? 'skipped' : 'failed', seconds: 0, detail });
      console.log(`\n== ${step.script}: ${step.optional ? 'skipped' : 'FAILED'}: ${detail} ==`);
      continue;
    }
    console.log(`\n== ${step.script} ==`);
    const started = Date.now();
    const code = await runScript(step.script);
    const seconds = Math.round((Date.now() - started) / 1000);
    outcomes.push(code === 0 ? { step: step.name, status: 'ok', seconds } : { step: step.name, status: 'failed', seconds, detail: `exit ${code ?? 'unknown: npm did not start'}` });
    console.log(`== ${step.script}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} after ${seconds} s ==`);
  }
  return outcomes;
}

async function main(): Promise<number> {
  const { only, summaryOnly } = parseArgs(process.argv.slice(2));
  const order = steps.map((s) => s.results);
  if (summaryOnly) {
    const machine = await describeMachine({ now: machineBefore().loadAverage.before });
    writeSummary(gather(order), machine, { rendered: 'from existing results (--summary)' });
    return 0;
  }
  const runStartedAt = Date.now();
  const before = machineBefore();
  let broughtUp = false;
  if (!process.env.BERTH_TEST_DOCKER_HOST) {
    if (!testEnv('up')) {
      console.error('bench: the test environment did not come up; nothing ran.');
      return 1;
    }
    broughtUp = true;
    Object.assign(process.env, readEnvFile(path.join(process.env.BERTH_ENV_DIR ?? path.join(root, '.vscode-test', 'env'), 'env.sh')));
  }
  let outcomes: Outcome[] = [];
  try {
    outcomes = await runSteps(only ?? steps);
  } finally {
    const machine = await describeMachine({ ...before.loadAverage, after: machineBefore().loadAverage.before });
    if (broughtUp && process.env.BERTH_KEEP_ENV !== '1') testEnv('down');
    console.log('\n== benches ==');
    for (const o of outcomes) console.log(`${o.step}: ${o.status}${o.seconds ? ` (${o.seconds} s)` : ''}${o.detail ? `: ${o.detail}` : ''}`);
    writeSummary(gather(order, runStartedAt), machine, { runStartedAt: new Date(runStartedAt).toISOString(), benches: outcomes });
  }
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length) console.error(`\nbench: ${failed.length} failed: ${failed.map((o) => o.step).join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
