/**
 * Benchmark: completion and diagnostics latency on 200- and 2,000-line compose files,
 * Berth's compose server (dist/composeServer.js) against @microsoft/compose-language-service
 * (what Microsoft's Container Tools ships), both spawned over stdio in the same run, both
 * driven by the same LSP client. Prints a table and writes bench/results/compose-language.json.
 *
 *   node scripts/build.mjs && node --import tsx bench/compose-language.ts [--runs 9]
 *
 * Fairness: both servers wait 0 ms after an edit before checking (Berth's BERTH_LS_DEBOUNCE_MS,
 * Microsoft's `diagnosticDelay` initialization option; their defaults are 200 and 1,000 ms),
 * so the figures are the work, not a configured pause. The servers do not do the same work:
 * Microsoft's checks YAML syntax only, Berth's syntax, the whole schema and its cross-checks.
 *
 * - "open → diagnostics": didOpen until the first publishDiagnostics (parse included); the
 *   median of 5 opens of the file (four copies under other names, closed afterwards).
 * - "completion (first request)": the first completion in each of those opened files; median.
 * - "edit → diagnostics": didChange of one line (the image of the service in the middle:
 *   a value inside one service, as a person types) until the next publishDiagnostics; median.
 * - "completion (key)": a new key inside the service in the middle of the file; median of
 *   the requests after the first (the first is reported apart).
 * - "CPU per edit": the server process's CPU time (all threads, from /proc) per edit →
 *   diagnostics: what the work costs, whatever else the machine is doing.
 *
 * The two servers run side by side and take turns sample by sample (see measure()).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, composeServerScript, repoRoot } from '../test/server/client';
import { largeCompose } from '../test/server/composeInputs';
import type { BenchRow } from './rows';
import { median } from './support/stats';
import { writeResults } from './support/results';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 15;
/** Files opened per server and size: the open and first-completion figures are their medians. */
const opens = 5;
const sizes = [200, 2000];
const capMs = 20_000;
const microsoft = '@microsoft/compose-language-service';
const servers: Array<{ name: string; script: string; env: Record<string, string>; init: Record<string, unknown> }> = [
  { name: 'berth', script: composeServerScript, env: { BERTH_LS_DEBOUNCE_MS: '0' }, init: {} },
  { name: microsoft, script: path.join(repoRoot, 'node_modules', '@microsoft', 'compose-language-service', 'bin', 'docker-compose-langserver'), env: {}, init: { diagnosticDelay: 0 } },
];
// The fixture project has the Dockerfile the generated services build (target: release).
const folder = path.join(repoRoot, 'test', 'fixtures', 'compose', 'project');

interface Figures { open: number; edit: number; editCpu: number; completionFirst: number; completion: number; completionItems: number }

/** The file with a blank key line (4 spaces) after the middle service's `image:` line; where that line is. */
function withKeyLine(lines: number): { text: string; line: number } {
  const source = largeCompose(lines).split('\n');
  let line = Math.floor(source.length / 2);
  while (line < source.length && !source[line].startsWith('    image: ')) line++;
  source.splice(line + 1, 0, '    ');
  source.splice(source.length - 2, 1); // keep the line count
  return { text: source.join('\n'), line: line + 1 };
}

async function until<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${capMs} ms`)), capMs))]);
}

/** CPU time (user + system, every thread) the process has used, in ms: robust to the machine's load, unlike wall time. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of the whole line (12 and 13 after "pid (comm) ").
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}
const ticksPerSecond = 100;

interface Session { server: (typeof servers)[number]; client: LspClient; uri: string; text: string; line: number; opens: number[]; firsts: number[]; completionItems?: number; edits: number[]; editCpu: number[]; completions: number[] }

async function startSession(server: (typeof servers)[number], lines: number): Promise<Session> {
  const client = await LspClient.start({ script: server.script, env: server.env, initializationOptions: server.init, rootPath: folder });
  // Start-up and JIT warm-up are not what is measured: one small file first, every feature once.
  const warm = `file://${folder}/warm.compose.yaml`;
  client.open(warm, 'services:\n  web:\n    image: busybox:local\n    \n', 'dockercompose');
  await until(client.waitForDiagnostics(warm, () => true, capMs, true), 'warm-up diagnostics');
  for (let i = 0; i < 20; i++) await client.request('textDocument/completion', { textDocument: { uri: warm }, position: { line: 3, character: 4 } });
  const { text, line } = withKeyLine(lines);
  return { server, client, uri: `file://${folder}/bench-${lines}.compose.yaml`, text, line, opens: [], firsts: [], edits: [], editCpu: [], completions: [] };
}

/**
 * Opens the file (a copy of it under another name for all but the last time, closed
 * afterwards) and times its diagnostics and the first completion in it: each a sample of
 * `opens`, since one sample of a few milliseconds says more about the machine than the server.
 */
async function openAndFirst(session: Session, copy: number | undefined): Promise<void> {
  const { client, text, line } = session;
  const uri = copy === undefined ? session.uri : session.uri.replace('.compose.yaml', `-${copy}.compose.yaml`);
  const opened = performance.now();
  client.open(uri, text, 'dockercompose');
  await until(client.waitForDiagnostics(uri, () => true, capMs, true), 'open diagnostics');
  session.opens.push(performance.now() - opened);
  const first = await client.timed('textDocument/completion', { textDocument: { uri }, position: { line, character: 4 } });
  session.firsts.push(first.ms);
  if (copy !== undefined) client.close(uri);
}

async function sample(session: Session, index: number): Promise<void> {
  const { client, uri, text, line } = session;
  const { ms, result } = await client.timed<{ items: unknown[] } | unknown[] | null>('textDocument/completion', { textDocument: { uri }, position: { line, character: 4 } });
  session.completions.push(ms);
  session.completionItems = Array.isArray(result) ? result.length : result?.items.length ?? 0;
  client.resetDiagnostics(uri);
  const edited = text.split('\n');
  // The image line of the service the completion runs in (the line above the blank key line).
  edited[line - 1] = `    image: busybox:edit${index}`;
  const pid = client.child.pid!;
  const cpuBefore = cpuMs(pid);
  const start = performance.now();
  client.change(uri, edited.join('\n'));
  await until(client.waitForDiagnostics(uri, () => true, capMs, true), 'edit diagnostics');
  session.edits.push(performance.now() - start);
  // Both servers are idle between samples: what the process used meanwhile is this edit's cost.
  await new Promise((resolve) => setTimeout(resolve, 50));
  session.editCpu.push(cpuMs(pid) - cpuBefore);
}

/**
 * Both servers run side by side and take turns, sample by sample, so a burst of load from
 * the machine's other work falls on both rather than on whichever ran at that moment.
 */
async function measure(lines: number): Promise<Record<string, Figures>> {
  const sessions: Session[] = [];
  try {
    for (const server of servers) sessions.push(await startSession(server, lines));
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let open = 0; open < opens; open++) for (const session of open % 2 ? [...sessions].reverse() : sessions) await openAndFirst(session, open < opens - 1 ? open : undefined);
    for (let index = 0; index < runs; index++) for (const session of index % 2 ? [...sessions].reverse() : sessions) await sample(session, index);
  } finally {
    for (const session of sessions) await session.client.stop();
  }
  return Object.fromEntries(sessions.map((session) => [session.server.name, {
    open: median(session.opens),
    completionFirst: median(session.firsts),
    completionItems: session.completionItems,
    edit: median(session.edits),
    editCpu: session.editCpu.reduce((a, b) => a + b, 0) / session.editCpu.length,
    completion: median(session.completions),
  } as Figures]));
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const all: Record<string, Record<string, Figures>> = {};
  for (const lines of sizes) {
    const measured = await measure(lines);
    for (const server of servers) {
      (all[server.name] ??= {})[String(lines)] = measured[server.name];
      console.log(`${server.name} @ ${lines} lines: ${Object.entries(measured[server.name]).map(([key, value]) => `${key} ${round(value)}`).join(', ')}`);
    }
  }
  const rows: BenchRow[] = [];
  const [berth, other] = servers.map((s) => s.name);
  for (const lines of sizes) {
    const workload = `${lines.toLocaleString('en-US')}-line compose file`;
    const b = all[berth][String(lines)];
    const o = all[other][String(lines)];
    const work = 'Berth checks syntax, the schema and cross-references; Microsoft\'s server checks YAML syntax only';
    rows.push({ area: 'compose language', measure: 'open → diagnostics (median of 5 opens)', workload, unit: 'ms', better: 'lower', berth: round(b.open), alternative: { name: other, value: round(o.open) }, note: work });
    rows.push({ area: 'compose language', measure: `edit → diagnostics (median of ${runs}, no debounce)`, workload, unit: 'ms', better: 'lower', berth: round(b.edit), alternative: { name: other, value: round(o.edit) }, note: work });
    rows.push({ area: 'compose language', measure: `CPU per edit → diagnostics (server process, mean of ${runs})`, workload, unit: 'ms', better: 'lower', berth: round(b.editCpu), alternative: { name: other, value: round(o.editCpu) }, note: `${work}; /proc CPU time, 10 ms ticks` });
    rows.push({ area: 'compose language', measure: 'completion of a service key (first request after opening; median of 5 opens)', workload, unit: 'ms', better: 'lower', berth: round(b.completionFirst), alternative: { name: other, value: round(o.completionFirst) } });
    rows.push({ area: 'compose language', measure: `completion of a service key (median of ${runs})`, workload, unit: 'ms', better: 'lower', berth: round(b.completion), alternative: { name: other, value: round(o.completion) }, note: `items offered: Berth ${b.completionItems}, ${other} ${o.completionItems}` });
  }
  for (const row of rows) console.log(`${row.workload.padEnd(26)} ${row.measure.padEnd(48)} berth ${String(row.berth).padStart(8)} ms   ${other} ${String(row.alternative?.value).padStart(8)} ms`);
  const machine = { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => Math.round(l * 10) / 10), node: process.version };
  console.log(`load average ${machine.loadavg.join(', ')} on ${machine.cpus} cores`);
  writeResults('compose-language', rows, { machine, runs, results: all });
}

void main();
