/**
 * bench/host.ts's figures as the rows every bench/results/*.json carries (one table for
 * all benchmarks), plus the shapes the host suites and the poller report. Pure.
 */

/** One row of the benchmark table. */
export interface HostBenchRow {
  area: string;
  measure: string;
  workload: string;
  unit: 'ms' | 's' | 'MB' | 'MB/s' | 'CPU s' | 'KB';
  better: 'lower' | 'higher';
  berth: number;
  alternative: { name: string; value: number } | null;
  note?: string;
}

export interface ActivationResult {
  scenario: string;
  endpoint: string;
  containersShown: number;
  message: string | null;
  openToActivateStartMs: number;
  activateMs: number;
  firstContainersMs: number | null;
  firstMessageMs: number | null;
}

export interface SteadyResult {
  containers: number;
  windowS: number;
  extensionHost: { cpuS: number; userS: number; systemS: number; rssStartMB: number; rssEndMB: number; rssMaxMB: number };
  languageServerCpuS: number | null;
  dockerdCpuS: number;
  listCallsDuringWindow: number;
  eventsDuringWindow: number;
}

export interface PollerResult {
  polls: number;
  /** Ticks skipped because the previous `docker ps` had not finished. */
  skipped: number;
  windowS: number;
  childrenCpuS: number;
  dockerdCpuS: number;
}

export interface BundleSizes {
  extensionKB: number;
  serverKB: number;
}

/** Why activation and size have no alternative column: checked once with `npm view`. */
export const noAlternative = 'no alternative: Microsoft Container Tools and the Docker extension are not on the npm registry (vscode-containers: 404; vscode-docker: a name with no versions) and the marketplace is out of reach here';

export function activationRows(runs: { reachable: ActivationResult; missing: ActivationResult; silentTcp: ActivationResult }): HostBenchRow[] {
  const { reachable, missing, silentTcp } = runs;
  const reachableWorkload = `engine reachable, ${reachable.containersShown} containers; Berth view opened in a fresh extension host`;
  const activate = (workload: string, ms: number, note: string): HostBenchRow => ({ area: 'Activation', measure: 'activate() duration', workload, unit: 'ms', better: 'lower', berth: ms, alternative: null, note });
  const unreachable = (result: ActivationResult, workload: string): HostBenchRow[] => [
    activate(workload, result.activateMs, `engine reachable: ${reachable.activateMs} ms; activate() awaits no engine call`),
    {
      area: 'Activation', measure: 'activate() start → Containers view\'s unreachable message', workload, unit: 'ms', better: 'lower',
      berth: result.firstMessageMs ?? NaN, alternative: null,
      note: (result.firstMessageMs ?? 0) > 60_000
        ? 'the view stays loading until the engine layer\'s 120 s request limit (Engine timeoutMs) ends the first list'
        : 'the view shows the failure, Retry, Switch Engine and Show Log',
    },
  ];
  return [
    activate(reachableWorkload, reachable.activateMs, `${noAlternative}. Before activate(): ${reachable.openToActivateStartMs} ms from opening the view (VS Code loading the bundle)`),
    {
      area: 'Activation', measure: 'activate() start → Containers view\'s first children', workload: reachableWorkload, unit: 'ms', better: 'lower',
      berth: reachable.firstContainersMs ?? NaN, alternative: null, note: 'the first list call and the tree\'s first getChildren; also written to the Berth log',
    },
    ...unreachable(missing, 'engine unreachable: berth.host = a unix socket that does not exist'),
    ...unreachable(silentTcp, 'engine unreachable: berth.host = a TCP port that accepts and never answers'),
  ];
}

export function bundleRows(plain: BundleSizes, minified: BundleSizes): HostBenchRow[] {
  const row = (file: string, workload: string, kb: number, note: string): HostBenchRow => ({ area: 'Bundle', measure: `${file} size`, workload, unit: 'KB', better: 'lower', berth: kb, alternative: null, note });
  return [
    row('dist/extension.js', 'node scripts/build.mjs (not minified)', plain.extensionKB, noAlternative),
    row('dist/extension.js', 'node scripts/build.mjs --production (minified, as the .vsix ships)', minified.extensionKB, 'the activation figures above ran this bundle'),
    row('dist/server.js', 'node scripts/build.mjs (not minified)', plain.serverKB, 'the Dockerfile language server, a process of its own'),
    row('dist/server.js', 'node scripts/build.mjs --production (minified, as the .vsix ships)', minified.serverKB, 'the Dockerfile language server, a process of its own'),
  ];
}

export function steadyRows(steady: SteadyResult, polling: PollerResult): HostBenchRow[] {
  const window = `${Math.round(steady.windowS)} s`;
  const workload = `${steady.containers} containers, 4 views open, nothing happening for ${window}`;
  const poller = `docker ps -a --format json every 2 s (${polling.polls} runs)`;
  const server = steady.languageServerCpuS === null ? 'language server not found' : `language server ${steady.languageServerCpuS} CPU s`;
  return [
    {
      area: 'Steady state', measure: `CPU over ${window} idle`, workload, unit: 'CPU s', better: 'lower',
      berth: steady.extensionHost.cpuS, alternative: { name: poller, value: polling.childrenCpuS },
      note: `Berth: the whole extension host (VS Code's built-in extensions too); ${steady.listCallsDuringWindow} list calls and ${steady.eventsDuringWindow} engine events in the window; ${server}. Poller: the CLI processes' own CPU`,
    },
    {
      area: 'Steady state', measure: `dockerd CPU over ${window}`, workload: `${workload}; the same dedicated dockerd`, unit: 'CPU s', better: 'lower',
      berth: steady.dockerdCpuS, alternative: { name: poller, value: polling.dockerdCpuS },
      note: 'Berth holds one /events stream open and lists nothing while idle',
    },
    {
      area: 'Steady state', measure: `extension host RSS (max over ${window})`, workload, unit: 'MB', better: 'lower',
      berth: steady.extensionHost.rssMaxMB, alternative: null,
      note: `start ${steady.extensionHost.rssStartMB} MB, end ${steady.extensionHost.rssEndMB} MB; the whole extension host; no alternative extension can be installed here`,
    },
  ];
}
