/**
 * Benchmark: each language feature at 1,000 and 10,000 lines, Berth's server against
 * dockerfile-language-server-nodejs (what Microsoft's Docker extension bundles), both
 * spawned over stdio in the same run. Prints a table and writes bench/results/language.json.
 *
 *   node scripts/build.mjs && node --import tsx bench/language.ts [--runs 5]
 *
 * "first" is the first request after opening (parse included), "median" the median of
 * the next runs. "diagnostics" is open → the first published set that contains findings
 * (or the server's complete set, when it finds nothing), "complete diagnostics" open →
 * the whole lint (Berth publishes in parts and says with berth/lintProgress when a set
 * is complete; the other server publishes once, so its first set is its complete one).
 * Both are measured on a cold server: a fresh process for each sample, the file opened
 * as soon as `initialize` is answered (what an editor does when a person opens a
 * Dockerfile), the servers taking turns; the figure is the median of `--cold-runs`
 * (5: a cold start varies by tens of ms with the machine's other work). A request that runs past the cap is reported as the cap with "timeout".
 *
 * "diagnostics, server running" is the same open on a server that started `--ready-ms`
 * (2,000) earlier: Berth starts its server with a workspace that has a Dockerfile
 * (berth.languageServer.startWithWorkspace), and a person opens one seconds later. Both
 * servers get the same head start.
 *
 * Berth's server runs as the extension runs it, with V8's code cache of its workers
 * (`--code-cache`, kept in the extension's global storage), written by one unmeasured
 * start before the samples. "first start" rows are Berth without it: the first start
 * after an install or an update.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, repoRoot, serverScript, type Diagnostics } from '../test/server/client';
import { largeDockerfile } from '../test/server/inputs';
import type { BenchRow } from './rows';
import { writeResults } from './support/results';

const numberArg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const runs = numberArg('--runs', 5);
const coldRuns = numberArg('--cold-runs', 5);
const readyMs = numberArg('--ready-ms', 2000);
const capMs = 20_000;
const codeCache = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-code-cache-'));
const servers: Array<{ name: string; script: string; args?: string[] }> = [
  { name: 'berth', script: serverScript, args: ['--stdio', '--code-cache', codeCache] },
  { name: 'dockerfile-language-server-nodejs', script: path.join(repoRoot, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver') },
];
const berthFirstStart = { name: 'berth, first start', script: serverScript };
const features: Array<[string, (uri: string, lines: number) => unknown]> = [
  ['completion', (uri, lines) => ({ textDocument: { uri }, position: { line: Math.floor(lines / 2), character: 4 } })],
  ['hover', (uri, lines) => ({ textDocument: { uri }, position: { line: Math.floor(lines / 2), character: 1 } })],
  ['documentSymbol', (uri) => ({ textDocument: { uri } })],
  ['foldingRange', (uri) => ({ textDocument: { uri } })],
  ['documentHighlight', (uri, lines) => ({ textDocument: { uri }, position: { line: Math.floor(lines / 2), character: 1 } })],
  ['definition', (uri) => ({ textDocument: { uri }, position: { line: 4, character: 8 } })],
  ['references', (uri) => ({ textDocument: { uri }, position: { line: 4, character: 8 }, context: { includeDeclaration: true } })],
  ['formatting', (uri) => ({ textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })],
  ['documentLink', (uri) => ({ textDocument: { uri } })],
  ['inlayHint', (uri, lines) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } })],
  ['codeLens', (uri) => ({ textDocument: { uri } })],
  ['semanticTokens/full', (uri) => ({ textDocument: { uri } })],
];

type Cell = { first: number | string; median: number | string };

async function timedWithCap(client: LspClient, method: string, params: unknown): Promise<number | string> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    client.request(method, params).then(() => 'ok', (error: { code?: number; message?: string }) => (error?.code === -32601 ? 'n/a' : `error`)),
    new Promise<string>((resolve) => { timer = setTimeout(() => resolve('timeout'), capMs); }),
  ]);
  // A timer left behind kept the bench running after its results were written.
  clearTimeout(timer);
  if (result === 'ok') return Math.round((performance.now() - start) * 10) / 10;
  return result === 'timeout' ? `>${capMs} timeout` : result;
}

/**
 * A cold start: spawn, initialize, open the file at once (or `waitMs` later). Resolves
 * with the times to the first set with findings and to the complete set, and the client
 * (still running).
 */
async function coldDiagnostics(server: (typeof servers)[number], lines: number, waitMs = 0): Promise<{ first: number | string; complete: number | string; client: LspClient; uri: string }> {
  const client = await LspClient.start({ script: server.script, args: server.args, env: { BERTH_LS_TIMEOUT_MS: String(capMs) } });
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  const uri = `file:///bench/${lines}/Dockerfile`;
  const text = largeDockerfile(lines);
  // Only Berth's server publishes partial sets; each set of the other one is its whole lint.
  const complete = (d: Diagnostics) => !server.name.startsWith('berth') || client.isComplete(d);
  const start = performance.now();
  client.open(uri, text);
  const elapsed = () => Math.round(performance.now() - start);
  const whole = client.waitForDiagnostics(uri, complete, capMs * 3, true).then(elapsed, () => `>${capMs * 3} timeout`);
  // An empty set says nothing yet (Berth's before its rules ran): the first figure waits for findings, or for the complete set when there are none.
  const first = await client.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0 || complete(d), capMs * 3, true).then(elapsed, () => `>${capMs * 3} timeout`);
  return { first, complete: await whole, client, uri };
}

/** The middle sample (numbers only; a timeout counts as the largest). */
function middle(samples: Array<number | string>): number | string {
  const sorted = [...samples].sort((a, b) => (typeof a === 'number' ? a : Infinity) - (typeof b === 'number' ? b : Infinity));
  return sorted[Math.floor(sorted.length / 2)];
}

async function measureFeatures(client: LspClient, uri: string, lines: number, results: Record<string, Cell>): Promise<void> {
  // Requests after the lint: let the server settle (workers booted, start-up done) first.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const [feature, params] of features) {
    const method = `textDocument/${feature}`;
    const first = await timedWithCap(client, method, params(uri, lines));
    const samples: number[] = [];
    let failure: string | undefined;
    for (let i = 0; i < (typeof first === 'number' ? runs : 0); i++) {
      const ms = await timedWithCap(client, method, params(uri, lines));
      if (typeof ms === 'number') samples.push(ms);
      else failure = ms;
    }
    samples.sort((a, b) => a - b);
    results[feature] = { first, median: failure ?? (samples.length ? samples[Math.floor(samples.length / 2)] : '-') };
    process.stdout.write('.');
  }
}

/** One unmeasured start that writes Berth's code cache, as the extension's first start does. */
async function primeCodeCache(): Promise<void> {
  const client = await LspClient.start({ script: serverScript, args: servers[0].args, env: { BERTH_LS_TIMEOUT_MS: String(capMs) } });
  try {
    const uri = 'file:///bench/prime/Dockerfile';
    client.open(uri, largeDockerfile(1000));
    await client.waitForDiagnostics(uri, () => true, capMs * 3);
    const deadline = Date.now() + capMs * 3;
    let line: string | undefined;
    while (!(line = client.logs.find((l) => l.startsWith('code cache (checks worker)'))) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (!line?.includes('written')) throw new Error(`Berth's server wrote no code cache: ${line ?? 'no code cache line in its log'}`);
    console.log(`berth: ${line}`);
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  const all: Record<string, Record<string, Record<string, Cell>>> = {};
  const coldSamples: Record<string, Record<string, { first: Array<number | string>; complete: Array<number | string> }>> = {};
  const readySamples: typeof coldSamples = {};
  const firstStartSamples: Record<string, Array<number | string>> = {};
  await primeCodeCache();
  for (const lines of [1000, 10_000]) {
    for (let run = 0; run < coldRuns; run++) {
      // Taking turns, each server starting first every other run.
      for (const server of run % 2 === 0 ? servers : [...servers].reverse()) {
        const last = run === coldRuns - 1;
        process.stdout.write(`${server.name} @ ${lines} lines, cold start ${run + 1}/${coldRuns}${last ? ' + requests ' : ''}`);
        const cold = await coldDiagnostics(server, lines);
        const samples = ((coldSamples[server.name] ??= {})[String(lines)] ??= { first: [], complete: [] });
        samples.first.push(cold.first);
        samples.complete.push(cold.complete);
        process.stdout.write(` ${cold.first} / ${cold.complete} ms`);
        try {
          if (last) {
            const results: Record<string, Cell> = {
              diagnostics: { first: middle(samples.first), median: '-' },
              completeDiagnostics: { first: middle(samples.complete), median: '-' },
            };
            await measureFeatures(cold.client, cold.uri, lines, results);
            (all[server.name] ??= {})[String(lines)] = results;
          }
        } finally {
          await cold.client.stop();
        }
        process.stdout.write('\n');
      }
      process.stdout.write(`${berthFirstStart.name} @ ${lines} lines, cold start ${run + 1}/${coldRuns}`);
      const first = await coldDiagnostics(berthFirstStart, lines);
      await first.client.stop();
      (firstStartSamples[String(lines)] ??= []).push(first.first);
      process.stdout.write(` ${first.first} / ${first.complete} ms\n`);
    }
    for (let run = 0; run < coldRuns; run++) {
      for (const server of run % 2 === 0 ? servers : [...servers].reverse()) {
        process.stdout.write(`${server.name} @ ${lines} lines, opened ${readyMs} ms after start ${run + 1}/${coldRuns}`);
        const ready = await coldDiagnostics(server, lines, readyMs);
        await ready.client.stop();
        const samples = ((readySamples[server.name] ??= {})[String(lines)] ??= { first: [], complete: [] });
        samples.first.push(ready.first);
        samples.complete.push(ready.complete);
        process.stdout.write(` ${ready.first} / ${ready.complete} ms\n`);
      }
    }
    for (const server of servers) all[server.name][String(lines)].readyDiagnostics = { first: middle(readySamples[server.name][String(lines)].first), median: '-' };
    // The other server has no code cache: its cold start is the figure to compare with.
    all[servers[0].name][String(lines)].firstStartDiagnostics = { first: middle(firstStartSamples[String(lines)]), median: '-' };
    all[servers[1].name][String(lines)].firstStartDiagnostics = all[servers[1].name][String(lines)].diagnostics;
  }
  fs.rmSync(codeCache, { recursive: true, force: true });
  const rows = ['diagnostics', 'firstStartDiagnostics', 'readyDiagnostics', 'completeDiagnostics', ...features.map(([feature]) => feature)];
  for (const lines of ['1000', '10000']) {
    console.log(`\n${lines} lines (ms; first request / median of ${runs}; diagnostics: median of ${coldRuns} cold starts)`);
    console.log(`${'feature'.padEnd(22)}${servers.map((s) => s.name.padEnd(40)).join('')}`);
    for (const row of rows) {
      const cells = servers.map((s) => {
        const cell = all[s.name][lines][row];
        return `${cell.first} / ${cell.median}`.padEnd(40);
      });
      console.log(`${row.padEnd(22)}${cells.join('')}`);
    }
  }
  const out = { machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => Math.round(l * 10) / 10), node: process.version }, runs, coldRuns, readyMs, capMs, results: all, coldSamples, firstStartSamples, readySamples };
  writeResults('language', languageRows(all), out);
}

/** A cell as a figure: the median of the repeated requests when there is one, else the first request; or why there is none. */
function figure(cell: Cell, useFirst: boolean): { ms: number; timedOut: boolean; which: 'first' | 'median' } | { missing: string } {
  for (const [which, value] of (useFirst ? [['first', cell.first]] : [['median', cell.median], ['first', cell.first]]) as ['first' | 'median', number | string][]) {
    if (typeof value === 'number') return { ms: value, timedOut: false, which };
    // `>20000 timeout`: the cap it ran into is the figure, a lower bound.
    if (value.includes('timeout')) return { ms: Number(/>(\d+)/.exec(value)?.[1] ?? capMs), timedOut: true, which };
  }
  return { missing: String(cell.first) === 'n/a' ? 'does not offer it' : `answered with ${cell.first}` };
}

/** One row per feature and size: Berth's server against dockerfile-language-server-nodejs. */
function languageRows(all: Record<string, Record<string, Record<string, Cell>>>): BenchRow[] {
  const [berth, other] = servers.map((s) => s.name);
  const rows: BenchRow[] = [];
  for (const lines of ['1000', '10000']) {
    for (const feature of ['diagnostics', 'firstStartDiagnostics', 'readyDiagnostics', 'completeDiagnostics', ...features.map(([f]) => f)]) {
      const useFirst = ['diagnostics', 'firstStartDiagnostics', 'readyDiagnostics', 'completeDiagnostics'].includes(feature);
      const b = figure(all[berth][lines][feature], useFirst);
      const o = figure(all[other][lines][feature], useFirst);
      const measure = {
        diagnostics: 'open → first diagnostics',
        firstStartDiagnostics: 'open → first diagnostics, first start after install',
        readyDiagnostics: 'open → first diagnostics, server running',
        completeDiagnostics: 'open → complete diagnostics',
      }[feature] ?? feature;
      const coldNote = {
        diagnostics: `cold server start (Berth with the code cache of an earlier start), median of ${coldRuns}; the first set with findings`,
        firstStartDiagnostics: `cold server start, Berth without a code cache (as after an install or update), median of ${coldRuns}; the first set with findings`,
        readyDiagnostics: `the file opened ${readyMs / 1000} s after each server started (Berth starts its server with the workspace), median of ${coldRuns}; the first set with findings`,
        completeDiagnostics: `cold server start, median of ${coldRuns}`,
      }[feature] ?? '';
      if ('missing' in b) {
        console.log(`language: no row for ${measure} at ${lines} lines: Berth's server ${b.missing}`);
        continue;
      }
      // A timed-out cell stands at its cap: a lower bound. A median that failed leaves the first request.
      const firstOnly = (f: { timedOut: boolean; which: string }) => f.which === 'first' && !useFirst && !f.timedOut;
      const notes = [
        coldNote,
        b.timedOut ? `Berth hit the ${b.ms / 1000} s cap: its figure is a lower bound, the ratio an upper bound` : '',
        firstOnly(b) ? 'Berth: first request only (the repeats failed)' : '',
        'missing' in o ? `${other} ${o.missing}` : '',
        !('missing' in o) && o.timedOut ? `${other} timed out at the ${o.ms / 1000} s cap${o.which === 'first' && !useFirst ? ' on its first request (no repeats)' : ''}: its figure and the ratio are lower bounds` : '',
        !('missing' in o) && firstOnly(o) ? `${other}: first request only (the repeats failed)` : '',
      ].filter(Boolean);
      rows.push({
        area: 'language', measure: useFirst ? measure : `${measure} (median of ${runs})`, workload: `${Number(lines).toLocaleString('en-US')}-line Dockerfile`,
        unit: 'ms', better: 'lower', berth: b.ms, alternative: 'missing' in o ? null : { name: other, value: o.ms },
        note: notes.length ? notes.join('; ') : undefined,
      });
    }
  }
  return rows;
}

void main();
