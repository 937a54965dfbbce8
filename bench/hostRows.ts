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
  /** VS Code's own marks around loading the bundle (require of dist/extension.js). */
  codeLoadingMs: number;
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
  /** dist/languageClient.js, loaded when the first Dockerfile opens; null for a build that has none (before issue 14). */
  languageClientKB: number | null;
  serverKB: number;
}

/** The reference both bundle and load rows compare with: Berth's bundle before issue 14, built and run in the same benchmark. */
export interface PreviousBuild {
  /** Short commit, e.g. 07b0c13. */
  commit: string;
  minified: BundleSizes;
  /** Fresh extension hosts, Berth view opened, engine reachable: one result per round. */
  activations: ActivationResult[];
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
    activate(reachableWorkload, reachable.activateMs, noAlternative),
    {
      area: 'Activation', measure: 'activate() start → Containers view\'s first children', workload: reachableWorkload, unit: 'ms', better: 'lower',
      berth: reachable.firstContainersMs ?? NaN, alternative: null, note: 'the first list call and the tree\'s first getChildren; also written to the Berth log',
    },
    ...unreachable(missing, 'engine unreachable: berth.host = a unix socket that does not exist'),
    ...unreachable(silentTcp, 'engine unreachable: berth.host = a TCP port that accepts and never answers'),
  ];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const previousName = (previous: PreviousBuild): string => `Berth before issue 14 (${previous.commit}), built in this run`;

/**
 * VS Code's time before activate(), Berth now against its bundle before issue 14, each in
 * `rounds` fresh extension hosts taken in turn: the medians, with every round in the note.
 */
export function loadRows(current: ActivationResult[], previous: PreviousBuild): HostBenchRow[] {
  const workload = `engine reachable; Berth view opened in a fresh extension host; median of ${current.length} hosts each, taken in turn`;
  const alternative = (pick: (r: ActivationResult) => number) => ({ name: previousName(previous), value: round1(median(previous.activations.map(pick))) });
  const rounds = (pick: (r: ActivationResult) => number) => `rounds: now ${current.map(pick).join(', ')} ms; before ${previous.activations.map(pick).join(', ')} ms`;
  const open = (r: ActivationResult) => r.openToActivateStartMs;
  const load = (r: ActivationResult) => r.codeLoadingMs;
  return [
    {
      area: 'Activation', measure: 'view opened → activate() called (VS Code\'s work before activate())', workload, unit: 'ms', better: 'lower',
      berth: round1(median(current.map(open))), alternative: alternative(open),
      note: `the workbench asking for the view, the activation event, the extension host loading the bundle; ${rounds(open)}`,
    },
    {
      area: 'Activation', measure: 'VS Code loading dist/extension.js', workload, unit: 'ms', better: 'lower',
      berth: round1(median(current.map(load))), alternative: alternative(load),
      note: `VS Code's own marks around the require (code/extHost/willLoadExtensionCode → didLoadExtensionCode); ${rounds(load)}`,
    },
  ];
}

export function bundleRows(plain: BundleSizes, minified: BundleSizes, previous: PreviousBuild): HostBenchRow[] {
  const production = 'node scripts/build.mjs --production (minified, as the .vsix ships)';
  const before = (value: number) => ({ name: previousName(previous), value });
  const total = (b: BundleSizes) => round1(b.extensionKB + (b.languageClientKB ?? 0) + b.serverKB);
  const row = (measure: string, workload: string, kb: number, alternative: HostBenchRow['alternative'], note: string): HostBenchRow => ({ area: 'Bundle', measure, workload, unit: 'KB', better: 'lower', berth: kb, alternative, note });
  return [
    row('dist/extension.js size (what activation loads)', production, minified.extensionKB, before(previous.minified.extensionKB),
      `the activation figures above ran this bundle; before: dockerode (with gRPC and protobuf) and vscode-languageclient in it; not minified now ${plain.extensionKB} KB`),
    row('dist/languageClient.js size', production, minified.languageClientKB ?? NaN, null, 'vscode-languageclient, loaded when the first Dockerfile opens; before issue 14 it was inside dist/extension.js'),
    row('dist/server.js + serverWorker.js size', production, minified.serverKB, before(previous.minified.serverKB), 'the Dockerfile language server, a process of its own (its analysis worker a bundle of its own since 2026-12-07)'),
    row('all of dist/*.js', production, total(minified), before(total(previous.minified)), 'extension, language client and language server together: what the .vsix ships'),
  ];
}

export function steadyRows(steady: SteadyResult, polling: PollerResult): HostBenchRow[] {
  const window = `${Math.round(steady.windowS)} s`;
  const workload = `${steady.containers} containers, 4 views open, nothing happening for ${window}`;
  const poller = `docker ps -a --format json every 2 s (${polling.polls} runs)`;
  const server = steady.languageServerCpuS === null ? 'no language server process (it starts with the first Dockerfile; none was open)' : `language server ${steady.languageServerCpuS} CPU s`;
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
