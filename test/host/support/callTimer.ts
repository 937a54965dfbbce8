/**
 * Times every call made on tree data providers, VS Code's own included: the provider
 * objects' methods are wrapped in place (the views hold the same objects), each call is
 * timed until it returns or, for a promise, until it settles, and `restore()` puts the
 * originals back.
 */
export interface TimedCall {
  view: string;
  method: string;
  /** Who called: VS Code (rendering the views) or the test itself (through `test()`). */
  by: 'vscode' | 'test';
  ms: number;
  /** Date.now() when the call started. */
  at: number;
}

export interface CallStats {
  calls: number;
  medianMs: number;
  maxMs: number;
  /** The slowest call, e.g. "containers.getChildren". */
  slowest: string;
}

const timedMethods = ['getChildren', 'getTreeItem', 'getParent', 'resolveTreeItem'] as const;

export class CallTimer {
  readonly calls: TimedCall[] = [];
  private readonly originals: (() => void)[] = [];
  private caller: TimedCall['by'] = 'vscode';

  /** Makes a call as the test: calls made synchronously inside `call` are marked `test`. */
  test<T>(call: () => T): T {
    this.caller = 'test';
    try {
      return call();
    } finally {
      this.caller = 'vscode';
    }
  }

  wrap(view: string, provider: object): void {
    const target = provider as Record<string, unknown>;
    for (const method of timedMethods) {
      const original = target[method];
      if (typeof original !== 'function') continue;
      const record = (at: number, start: number, by: TimedCall['by']) => this.calls.push({ view, method, by, ms: performance.now() - start, at });
      target[method] = (...args: unknown[]) => {
        const by = this.caller;
        const at = Date.now();
        const start = performance.now();
        const result: unknown = original.apply(provider, args);
        if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
          return Promise.resolve(result).finally(() => record(at, start, by));
        }
        record(at, start, by);
        return result;
      };
      // An own property shadowing the prototype's method: deleting it restores the original.
      this.originals.push(() => delete target[method]);
    }
  }

  since(at: number): TimedCall[] {
    return this.calls.filter((c) => c.at >= at);
  }

  restore(): void {
    for (const undo of this.originals.splice(0)) undo();
  }
}

export function callStats(calls: readonly TimedCall[]): CallStats {
  if (calls.length === 0) return { calls: 0, medianMs: 0, maxMs: 0, slowest: 'none' };
  const sorted = [...calls].sort((a, b) => a.ms - b.ms);
  const slowest = sorted[sorted.length - 1];
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { calls: calls.length, medianMs: round(sorted[Math.floor(sorted.length / 2)].ms), maxMs: round(slowest.ms), slowest: `${slowest.view}.${slowest.method}` };
}

/** Stats per "view.method", plus "all". */
export function statsByMethod(calls: readonly TimedCall[]): Record<string, CallStats> {
  const groups = new Map<string, TimedCall[]>();
  for (const call of calls) {
    const key = `${call.view}.${call.method}`;
    const group = groups.get(key);
    if (group) group.push(call);
    else groups.set(key, [call]);
  }
  return Object.fromEntries([['all', callStats(calls)], ...[...groups].sort(([a], [b]) => a.localeCompare(b)).map(([key, group]) => [key, callStats(group)])]);
}

/** The n slowest calls, as "view.method (by) ms". */
export function slowestCalls(calls: readonly TimedCall[], n = 5): string[] {
  return [...calls].sort((a, b) => b.ms - a.ms).slice(0, n).map((c) => `${c.view}.${c.method} (${c.by}) ${Math.round(c.ms)} ms`);
}
