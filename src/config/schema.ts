/**
 * Settings as plain data: their types and defaults, with no vscode import so unit
 * tests can hold these defaults equal to package.json's `contributes.configuration`.
 * Keys are the setting names after `berth.`.
 */
export type ContainerField = 'name' | 'image' | 'status' | 'ports' | 'created';
export type ContainerGroupBy = 'none' | 'composeProject' | 'state' | 'image';
export type ContainerSortBy = 'created' | 'name';
export type ComposeToolChoice = 'auto' | 'docker compose' | 'docker-compose' | 'podman-compose';
export type LintSeverity = 'error' | 'warning' | 'info' | 'hint' | 'off';

export interface BerthConfig {
  /** Engine endpoint; empty means DOCKER_HOST, then the Docker context, then default sockets. */
  host: string;
  /** The Docker context Berth uses (chosen in Switch Engine); empty follows DOCKER_CONTEXT and the docker CLI's current context. */
  context: string;
  /** Seconds Berth waits for the engine to answer a request (not a stream's whole body); 0 waits forever. */
  requestTimeout: number;
  /** What a container item's label shows. */
  'containers.label': ContainerField;
  /** What a container item's description shows, in order. */
  'containers.description': ContainerField[];
  'containers.groupBy': ContainerGroupBy;
  'containers.sortBy': ContainerSortBy;
  'containers.showStopped': boolean;
  /** Show images that have no tag (dangling or digest-only). */
  'images.showUntagged': boolean;
  /** Show the engine's own networks (bridge, host, none). */
  'networks.showBuiltIn': boolean;
  /** Open Shell's command line; empty means bash when the container has it, else sh. */
  shell: string;
  /** Lines of history a logs terminal shows before following. */
  'logs.tail': number;
  /** Whether logs terminals show each line's timestamp. */
  'logs.timestamps': boolean;
  /** Show only logs newer than this: a duration (10m, 1h30m), Unix seconds or a date; empty for all. */
  'logs.since': string;
  /** Minutes of history a stats panel's graphs show (samples are kept in memory for that long). */
  'stats.historyMinutes': number;
  /** How many lines a log view keeps; older ones are dropped (with a note) so memory stays flat. */
  'logs.maxLines': number;
  /** Whether Run Interactive offers to remove the container when the session ends (--rm) as its first choice. */
  'run.autoRemove': boolean;
  /** Whether the Dockerfile rules run (syntax errors are reported either way). */
  'lint.enabled': boolean;
  /** Rule code (DL3008, StageNameCasing, ...) to the severity it reports with, or off. */
  'lint.severity': Record<string, LintSeverity>;
  /** The ShellCheck binary for RUN bodies; empty means `shellcheck` on PATH. */
  'shellcheck.path': string;
  /**
   * Start the Dockerfile language server as soon as the workspace has a Dockerfile, so
   * the first one opened finds it running and warmed up; false starts it with that file.
   */
  'languageServer.startWithWorkspace': boolean;
  /** The compose tool Berth runs: auto finds `docker compose`, else `docker-compose`, else `podman-compose`. */
  'compose.tool': ComposeToolChoice;
}

export const configSection = 'berth';

export const configDefaults: BerthConfig = {
  host: '',
  context: '',
  requestTimeout: 30,
  'containers.label': 'name',
  'containers.description': ['image', 'status', 'ports'],
  'containers.groupBy': 'none',
  'containers.sortBy': 'created',
  'containers.showStopped': true,
  'images.showUntagged': false,
  'networks.showBuiltIn': false,
  shell: '',
  'logs.tail': 1000,
  'logs.timestamps': false,
  'logs.since': '',
  'stats.historyMinutes': 5,
  'logs.maxLines': 100000,
  'run.autoRemove': true,
  'lint.enabled': true,
  'lint.severity': {},
  'shellcheck.path': '',
  'languageServer.startWithWorkspace': true,
  'compose.tool': 'auto',
};

/** berth.requestTimeout in milliseconds for the engine layer: 0 waits forever, anything unusable falls back to the default. */
export function requestTimeoutMs(config: Pick<BerthConfig, 'requestTimeout'>): number {
  const seconds = Number(config.requestTimeout);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : configDefaults.requestTimeout) * 1000;
}

/** berth.stats.historyMinutes in milliseconds, held to 1–60 minutes; anything unusable falls back to the default. */
export function statsHistoryMs(config: Pick<BerthConfig, 'stats.historyMinutes'>): number {
  const minutes = Number(config['stats.historyMinutes']);
  return (Number.isFinite(minutes) && minutes > 0 ? Math.min(60, Math.max(1, minutes)) : configDefaults['stats.historyMinutes']) * 60_000;
}

export const containerFields: readonly ContainerField[] = ['name', 'image', 'status', 'ports', 'created'];
export const containerGroupings: readonly ContainerGroupBy[] = ['none', 'composeProject', 'state', 'image'];
export const containerSortings: readonly ContainerSortBy[] = ['created', 'name'];
