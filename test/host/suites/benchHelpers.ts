/**
 * What the opt-in benchmark suites (benchActivation, benchSteady) share. They run only
 * when bench/host.ts asks for them, each activation scenario in a fresh extension host,
 * and leave their figures as JSON in $BERTH_TEST_RESULTS for bench/host.ts to read.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { ActivationMark, ActivationTimings } from '../../../src/timings';

/** The scenario bench/host.ts set up for this extension host. */
export type BenchScenario = 'reachable' | 'missing-socket' | 'silent-tcp';

export function benchScenario(): BenchScenario {
  const scenario = process.env.BERTH_BENCH_SCENARIO ?? 'reachable';
  assert.ok(['reachable', 'missing-socket', 'silent-tcp'].includes(scenario), `BERTH_BENCH_SCENARIO=${scenario} is not a scenario bench/host.ts knows`);
  return scenario as BenchScenario;
}

/** Writes $BERTH_TEST_RESULTS/<name>.json; fails if there is nowhere to write it. */
export function writeBenchResult(name: string, data: unknown): void {
  const dir = process.env.BERTH_TEST_RESULTS;
  assert.ok(dir, 'BERTH_TEST_RESULTS is not set: run the benchmark suites through bench/host.ts (npm run bench:host)');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
  console.log(`${name}: ${JSON.stringify(data)}`);
}

/** Resolves when the mark is reached (at once if it already was), from the timings' own signal. */
export function reached(timings: ActivationTimings, mark: ActivationMark, timeoutMs: number): Promise<void> {
  if (timings.summary().marks[mark] !== undefined) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`${mark} was not reached within ${timeoutMs / 1000} s of the benchmark waiting for it`));
    }, timeoutMs);
    const listener = timings.onMark((name) => {
      if (name !== mark) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

/**
 * How long the extension host took to load an extension's main module (require of the
 * bundle), from the marks VS Code itself sets around it (code/extHost/willLoadExtensionCode/ID
 * and didLoadExtensionCode/ID, kept in globalThis.MonacoPerformanceMarks, Date.now() clock).
 */
export function codeLoadingMs(extensionId: string): number {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
  assert.ok(perf, 'globalThis.MonacoPerformanceMarks is missing: this VS Code keeps its extension host marks elsewhere');
  const at = (name: string): number => {
    const mark = perf.getMarks().find((m) => m.name === `code/extHost/${name}/${extensionId}`);
    assert.ok(mark, `VS Code set no ${name} mark for ${extensionId}`);
    return mark.startTime;
  };
  return at('didLoadExtensionCode') - at('willLoadExtensionCode');
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;
export const round3 = (n: number): number => Math.round(n * 1000) / 1000;
export const megabytes = (bytes: number): number => round1(bytes / (1024 * 1024));

/**
 * An engine that hangs: a TCP port that accepts connections and never answers. close()
 * drops the connections it holds, so requests still waiting on it fail at once.
 */
export async function silentEngine(port: number): Promise<{ close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`the silent engine cannot listen on 127.0.0.1:${port}: ${error.message}`)));
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
