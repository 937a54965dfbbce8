/**
 * Benchmark: each language feature at 1,000 and 10,000 lines, Berth's server against
 * dockerfile-language-server-nodejs (what Microsoft's Docker extension bundles), both
 * spawned over stdio in the same run. Prints a table and writes bench/results/language.json.
 *
 *   node scripts/build.mjs && node --import tsx bench/language.ts [--runs 5]
 *
 * "first" is the first request after opening (parse included), "median" the median of
 * the next runs; "diagnostics" is open → first published diagnostics, "complete
 * diagnostics" open → the whole lint (Berth publishes the quick checks first and says
 * with berth/lintProgress when a set is complete; the other server publishes once, so
 * its first set is its complete one). A request that runs past the cap is reported as
 * the cap with "timeout".
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, repoRoot, serverScript } from '../test/server/client';
import { largeDockerfile } from '../test/server/inputs';
import type { BenchRow } from './rows';
import { writeResults } from './support/results';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
const capMs = 20_000;
const servers = [
  { name: 'berth', script: serverScript },
  { name: 'dockerfile-language-server-nodejs', script: path.join(repoRoot, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver') },
];
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
  const result = await Promise.race([
    client.request(method, params).then(() => 'ok', (error: { code?: number; message?: string }) => (error?.code === -32601 ? 'n/a' : `error`)),
    new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), capMs)),
  ]);
  if (result === 'ok') return Math.round((performance.now() - start) * 10) / 10;
  return result === 'timeout' ? `>${capMs} timeout` : result;
}

async function measure(server: (typeof servers)[number], lines: number): Promise<Record<string, Cell>> {
  const client = await LspClient.start({ script: server.script, env: { BERTH_LS_TIMEOUT_MS: String(capMs) } });
  const results: Record<string, Cell> = {};
  try {
    // Start-up (process, workers, JIT warm-up) is not what is measured: wait it out.
    client.open('file:///bench/ready/Dockerfile', 'FROM alpine\nRUN echo ready\n');
    await client.waitForDiagnostics('file:///bench/ready/Dockerfile', () => true, capMs, true).catch(() => undefined);
    await client.request('textDocument/hover', { textDocument: { uri: 'file:///bench/ready/Dockerfile' }, position: { line: 1, character: 1 } }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const uri = `file:///bench/${lines}/Dockerfile`;
    const start = performance.now();
    client.open(uri, largeDockerfile(lines));
    const whole = server.name === 'berth'
      ? client.waitForDiagnostics(uri, () => true, capMs * 3).then(() => Math.round(performance.now() - start), () => `>${capMs * 3} timeout`)
      : undefined;
    const published = await client.waitForDiagnostics(uri, () => true, capMs * 3, true).then(() => true, () => false);
    results.diagnostics = { first: published ? Math.round(performance.now() - start) : `>${capMs * 3} timeout`, median: '-' };
    results.completeDiagnostics = { first: whole ? await whole : results.diagnostics.first, median: '-' };
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
  } finally {
    await client.stop();
  }
  return results;
}

async function main(): Promise<void> {
  const all: Record<string, Record<string, Record<string, Cell>>> = {};
  for (const lines of [1000, 10_000]) {
    for (const server of servers) {
      process.stdout.write(`${server.name} @ ${lines} lines `);
      (all[server.name] ??= {})[String(lines)] = await measure(server, lines);
      process.stdout.write('\n');
    }
  }
  const rows = ['diagnostics', 'completeDiagnostics', ...features.map(([feature]) => feature)];
  for (const lines of ['1000', '10000']) {
    console.log(`\n${lines} lines (ms; first request / median of ${runs})`);
    console.log(`${'feature'.padEnd(22)}${servers.map((s) => s.name.padEnd(40)).join('')}`);
    for (const row of rows) {
      const cells = servers.map((s) => {
        const cell = all[s.name][lines][row];
        return `${cell.first} / ${cell.median}`.padEnd(40);
      });
      console.log(`${row.padEnd(22)}${cells.join('')}`);
    }
  }
  const out = { machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => Math.round(l * 10) / 10), node: process.version }, runs, capMs, results: all };
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
    for (const feature of ['diagnostics', 'completeDiagnostics', ...features.map(([f]) => f)]) {
      const useFirst = feature === 'diagnostics' || feature === 'completeDiagnostics';
      const b = figure(all[berth][lines][feature], useFirst);
      const o = figure(all[other][lines][feature], useFirst);
      const measure = feature === 'diagnostics' ? 'open → first diagnostics' : feature === 'completeDiagnostics' ? 'open → complete diagnostics' : feature;
      if ('missing' in b) {
        console.log(`language: no row for ${measure} at ${lines} lines: Berth's server ${b.missing}`);
        continue;
      }
      // A timed-out cell stands at its cap: a lower bound. A median that failed leaves the first request.
      const firstOnly = (f: { timedOut: boolean; which: string }) => f.which === 'first' && !useFirst && !f.timedOut;
      const notes = [
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
