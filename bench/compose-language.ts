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
 * - "open → diagnostics": didOpen until the first publishDiagnostics (parse included).
 * - "edit → diagnostics": didChange of one line until the next publishDiagnostics; median.
 * - "completion (key)": a new key inside the service in the middle of the file; median of
 *   the requests after the first (the first is reported apart).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, composeServerScript, repoRoot } from '../test/server/client';
import { largeCompose } from '../test/server/composeInputs';
import type { BenchRow } from './rows';
import { median } from './support/stats';
import { writeResults } from './support/results';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 9;
const sizes = [200, 2000];
const capMs = 20_000;
const microsoft = '@microsoft/compose-language-service';
const servers: Array<{ name: string; script: string; env: Record<string, string>; init: Record<string, unknown> }> = [
  { name: 'berth', script: composeServerScript, env: { BERTH_LS_DEBOUNCE_MS: '0' }, init: {} },
  { name: microsoft, script: path.join(repoRoot, 'node_modules', '@microsoft', 'compose-language-service', 'bin', 'docker-compose-langserver'), env: {}, init: { diagnosticDelay: 0 } },
];
// The fixture project has the Dockerfile the generated services build (target: release).
const folder = path.join(repoRoot, 'test', 'fixtures', 'compose', 'project');

interface Figures { open: number; edit: number; completionFirst: number; completion: number; completionItems: number }

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

async function measure(server: (typeof servers)[number], lines: number): Promise<Figures> {
  const client = await LspClient.start({ script: server.script, env: server.env, initializationOptions: server.init, rootPath: folder });
  try {
    // Start-up and JIT warm-up are not what is measured: one small file first, every feature once.
    const warm = `file://${folder}/warm.compose.yaml`;
    client.open(warm, 'services:\n  web:\n    image: busybox:local\n    \n', 'dockercompose');
    await until(client.waitForDiagnostics(warm, () => true, capMs, true), 'warm-up diagnostics');
    for (let i = 0; i < 20; i++) await client.request('textDocument/completion', { textDocument: { uri: warm }, position: { line: 3, character: 4 } });
    await new Promise((resolve) => setTimeout(resolve, 500));

    const { text, line } = withKeyLine(lines);
    const uri = `file://${folder}/bench-${lines}.compose.yaml`;
    const opened = performance.now();
    client.open(uri, text, 'dockercompose');
    await until(client.waitForDiagnostics(uri, () => true, capMs, true), 'open diagnostics');
    const open = performance.now() - opened;

    const position = { line, character: 4 };
    const first = await client.timed<{ items: unknown[] } | unknown[] | null>('textDocument/completion', { textDocument: { uri }, position });
    const completions: number[] = [];
    let completionItems = 0;
    for (let i = 0; i < runs; i++) {
      const { ms, result } = await client.timed<{ items: unknown[] } | unknown[] | null>('textDocument/completion', { textDocument: { uri }, position });
      completions.push(ms);
      completionItems = Array.isArray(result) ? result.length : result?.items.length ?? 0;
    }

    const edits: number[] = [];
    const textLines = text.split('\n');
    for (let i = 0; i < runs; i++) {
      client.resetDiagnostics(uri);
      const edited = [...textLines];
      edited[line - 2] = `    image: busybox:edit${i}`;
      const start = performance.now();
      client.change(uri, edited.join('\n'));
      await until(client.waitForDiagnostics(uri, () => true, capMs, true), 'edit diagnostics');
      edits.push(performance.now() - start);
    }
    return { open, edit: median(edits), completionFirst: first.ms, completion: median(completions), completionItems };
  } finally {
    await client.stop();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const all: Record<string, Record<string, Figures>> = {};
  for (const lines of sizes) {
    for (const server of servers) {
      process.stdout.write(`${server.name} @ ${lines} lines … `);
      const figures = await measure(server, lines);
      (all[server.name] ??= {})[String(lines)] = figures;
      console.log(Object.entries(figures).map(([key, value]) => `${key} ${round(value)}`).join(', '));
    }
  }
  const rows: BenchRow[] = [];
  const [berth, other] = servers.map((s) => s.name);
  for (const lines of sizes) {
    const workload = `${lines.toLocaleString('en-US')}-line compose file`;
    const b = all[berth][String(lines)];
    const o = all[other][String(lines)];
    const work = 'Berth checks syntax, the schema and cross-references; Microsoft\'s server checks YAML syntax only';
    rows.push({ area: 'compose language', measure: 'open → diagnostics', workload, unit: 'ms', better: 'lower', berth: round(b.open), alternative: { name: other, value: round(o.open) }, note: work });
    rows.push({ area: 'compose language', measure: `edit → diagnostics (median of ${runs}, no debounce)`, workload, unit: 'ms', better: 'lower', berth: round(b.edit), alternative: { name: other, value: round(o.edit) }, note: work });
    rows.push({ area: 'compose language', measure: 'completion of a service key (first request)', workload, unit: 'ms', better: 'lower', berth: round(b.completionFirst), alternative: { name: other, value: round(o.completionFirst) } });
    rows.push({ area: 'compose language', measure: `completion of a service key (median of ${runs})`, workload, unit: 'ms', better: 'lower', berth: round(b.completion), alternative: { name: other, value: round(o.completion) }, note: `items offered: Berth ${b.completionItems}, ${other} ${o.completionItems}` });
  }
  for (const row of rows) console.log(`${row.workload.padEnd(26)} ${row.measure.padEnd(48)} berth ${String(row.berth).padStart(8)} ms   ${other} ${String(row.alternative?.value).padStart(8)} ms`);
  const machine = { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => Math.round(l * 10) / 10), node: process.version };
  console.log(`load average ${machine.loadavg.join(', ')} on ${machine.cpus} cores`);
  writeResults('compose-language', rows, { machine, runs, results: all });
}

void main();
