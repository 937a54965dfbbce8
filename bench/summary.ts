/**
 * The summary of `npm run bench`: every bench/results/*.json with `rows`, gathered into
 * one table, printed, and written as bench/results/summary.json and summary.md (the same
 * table as markdown with the date and the machine, ready for the README).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Engine } from '../src/engine/engine';
import { ratio, renderMarkdown, renderText, rowProblems, type BenchRow, type SummaryRow } from './rows';
import { dockerBinary } from './support/cli';
import { resultsDir } from './support/results';

const run = promisify(execFile);

export interface Machine {
  cpus: number;
  cpuModel: string;
  totalMemoryGb: number;
  /** 1-minute load average before and after the run; only `now` when the table was re-rendered. */
  loadAverage: { before?: number[]; after?: number[]; now?: number[] };
  engine: string;
  node: string;
  dockerCli: string;
}

const load = (): number[] => os.loadavg().map((l) => Math.round(l * 100) / 100);

export function machineBefore(): Pick<Machine, 'loadAverage'> {
  return { loadAverage: { before: load() } };
}

/** What the machine is; `loadAverage` from the caller (before/after a run, or now). */
export async function describeMachine(loadAverage: Machine['loadAverage']): Promise<Machine> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    totalMemoryGb: Math.round((os.totalmem() / 1e9) * 10) / 10,
    loadAverage,
    engine: await engineVersion(),
    node: process.version,
    dockerCli: await run(dockerBinary, ['--version']).then((r) => r.stdout.trim().replace(/^Docker version /, ''), () => 'not found'),
  };
}

/** The test engine's version over the API; else the installed dockerd's (every bench runs that binary). */
async function engineVersion(): Promise<string> {
  const host = process.env.BERTH_TEST_DOCKER_HOST;
  if (host) {
    const engine = new Engine({ url: host, source: 'DOCKER_HOST', why: 'the benchmark summary' });
    try {
      const v = await engine.system.version();
      return `${v.version} (API ${v.apiVersion})`;
    } catch {
      // Fall through to the binary.
    } finally {
      await engine.dispose();
    }
  }
  return run('dockerd', ['--version']).then((r) => r.stdout.trim().replace(/^Docker version /, ''), () => 'unknown');
}

export interface Source {
  file: string;
  measuredAt: string;
  stale: boolean;
  rows: number;
}

export interface Gathered {
  rows: SummaryRow[];
  sources: Source[];
  /** Files left out, and why. */
  problems: string[];
}

/**
 * Reads the results files in `order` first (the order the runner runs them), then any
 * other. A file measured before `runStartedAt` is stale: its rows are kept, marked.
 */
export function gather(order: readonly string[], runStartedAt?: number): Gathered {
  const files = fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir).filter((f) => f.endsWith('.json') && f !== 'summary.json') : [];
  const rank = (f: string) => {
    const i = order.indexOf(f.replace(/\.json$/, ''));
    return i < 0 ? order.length : i;
  };
  files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const gathered: Gathered = { rows: [], sources: [], problems: [] };
  for (const file of files) {
    const full = path.join(resultsDir, file);
    let data: { date?: string; rows?: unknown };
    try {
      data = JSON.parse(fs.readFileSync(full, 'utf8'));
    } catch (error) {
      gathered.problems.push(`${file}: not JSON (${error instanceof Error ? error.message : error}); left out`);
      continue;
    }
    if (data.rows === undefined) {
      gathered.problems.push(`${file}: no \`rows\` (written by an older bench); left out`);
      continue;
    }
    const problems = rowProblems(data.rows);
    if (problems.length) {
      gathered.problems.push(`${file}: rows not in the bench/rows.ts format (${problems.slice(0, 3).join('; ')}); left out`);
      continue;
    }
    const measuredAt = data.date && !Number.isNaN(Date.parse(data.date)) ? data.date : fs.statSync(full).mtime.toISOString();
    const stale = runStartedAt !== undefined && Date.parse(measuredAt) < runStartedAt;
    const rows = data.rows as BenchRow[];
    gathered.sources.push({ file, measuredAt, stale, rows: rows.length });
    for (const row of rows) gathered.rows.push({ ...row, source: file, measuredAt, stale });
  }
  return gathered;
}

function machineLine(date: string, m: Machine): string {
  const l = m.loadAverage;
  const loadText = l.before && l.after ? `load ${l.before[0]} before, ${l.after[0]} after` : `load ${l.now?.[0] ?? '?'} when re-rendered`;
  return `${date.slice(0, 10)}, ${m.cpus} × ${m.cpuModel}, ${m.totalMemoryGb} GB, ${loadText}; engine ${m.engine}, Node ${m.node}, docker CLI ${m.dockerCli}`;
}

function sourcesLine(sources: readonly Source[]): string {
  return `Sources: ${sources.map((s) => `${s.file} (${s.measuredAt.slice(0, 16).replace('T', ' ')}${s.stale ? ', stale' : ''})`).join(', ')}.`;
}

/** Prints the table and writes summary.json and summary.md; returns the text printed. */
export function writeSummary(gathered: Gathered, machine: Machine, extra: Record<string, unknown>): string {
  const date = new Date().toISOString();
  const text = [
    `Berth vs the alternative, measured in the same run (ratio > 1: Berth ahead). ${machineLine(date, machine)}`,
    '',
    renderText(gathered.rows),
    '',
    sourcesLine(gathered.sources),
    ...gathered.problems.map((p) => `left out: ${p}`),
  ].join('\n');
  console.log(`\n${text}`);
  const markdown = [
    `Measured ${machineLine(date, machine)}. Each row compares Berth with the alternative measured in the same run; the ratio is above 1 when Berth is ahead (\`npm run bench\`).`,
    '',
    renderMarkdown(gathered.rows),
    '',
    sourcesLine(gathered.sources),
    '',
  ].join('\n');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'summary.md'), markdown);
  const rows = gathered.rows.map((row) => ({ ...row, ratio: ratio(row) ?? null }));
  fs.writeFileSync(path.join(resultsDir, 'summary.json'), `${JSON.stringify({ date, machine, ...extra, sources: gathered.sources, leftOut: gathered.problems, rows }, null, 2)}\n`);
  console.log('\nwrote bench/results/summary.json and bench/results/summary.md');
  return text;
}
