/** Plain data the engine layer returns: no wire shapes (./wire) leak past src/engine. */

import type { EngineKind } from './podman';

export type { EngineIdentity, EngineKind } from './podman';
export type ContainerState = 'running' | 'paused' | 'restarting' | 'exited' | 'created' | 'dead' | 'removing';

export interface PortMapping {
  privatePort: number;
  publicPort?: number;
  ip?: string;
  type: 'tcp' | 'udp' | 'sctp';
}

export interface MountSummary {
  type: string;
  name?: string;
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface ContainerSummary {
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  /** Unix seconds. */
  created: number;
  state: ContainerState;
  /** The engine's status line, e.g. "Up 3 minutes (healthy)". */
  status: string;
  health?: 'healthy' | 'unhealthy' | 'starting';
  ports: PortMapping[];
  labels: Record<string, string>;
  mounts: MountSummary[];
  networks: string[];
}

export interface ImageSummary {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** Unix seconds. */
  created: number;
  size: number;
  labels: Record<string, string>;
  containers: number;
}

// ---- Containers ---------------------------------------------------------------

export interface ContainerSummaryWithSize extends ContainerSummary {
  sizeRw?: number;
  sizeRootFs?: number;
}

export interface PortSpec {
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  hostPort?: number;
  hostIp?: string;
}

export interface MountSpec {
  type: 'bind' | 'volume' | 'tmpfs';
  /** Host path for a bind, volume name for a volume (empty: anonymous). */
  source?: string;
  target: string;
  readOnly?: boolean;
}

export interface RestartPolicy {
  name: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  maximumRetryCount?: number;
}

/** What `docker create` / `docker run` take, as data. */
export interface CreateContainerOptions {
  image: string;
  name?: string;
  cmd?: string[];
  entrypoint?: string[];
  /** "KEY=value" lines. */
  env?: string[];
  /** Paths of env files ("KEY=value" per line, # comments); read when the container is created. */
  envFiles?: string[];
  ports?: PortSpec[];
  /** Ports exposed without publishing. */
  expose?: { containerPort: number; protocol: 'tcp' | 'udp' | 'sctp' }[];
  /** "host-path-or-volume:container-path[:ro]" like -v. */
  binds?: string[];
  mounts?: MountSpec[];
  /** Anonymous volumes: container paths. */
  volumes?: string[];
  workdir?: string;
  user?: string;
  restart?: RestartPolicy;
  network?: string;
  networkAliases?: string[];
  /** Bytes. */
  memory?: number;
  /** CPUs, e.g. 0.5. */
  cpus?: number;
  cpuShares?: number;
  readOnly?: boolean;
  hostname?: string;
  dns?: string[];
  /** "host:ip" like --add-host. */
  extraHosts?: string[];
  labels?: Record<string, string>;
  autoRemove?: boolean;
  tty?: boolean;
  openStdin?: boolean;
  stopSignal?: string;
  stopTimeout?: number;
  privileged?: boolean;
}

export interface ContainerDetails {
  id: string;
  name: string;
  image: string;
  imageId: string;
  created: string;
  state: {
    status: ContainerState;
    running: boolean;
    paused: boolean;
    restarting: boolean;
    exitCode: number;
    pid: number;
    startedAt: string;
    finishedAt: string;
    error: string;
    health?: string;
  };
  config: {
    cmd: string[];
    entrypoint: string[];
    env: string[];
    workdir: string;
    user: string;
    hostname: string;
    labels: Record<string, string>;
    tty: boolean;
    openStdin: boolean;
    exposedPorts: string[];
  };
  hostConfig: {
    autoRemove: boolean;
    readOnly: boolean;
    restart: RestartPolicy;
    memory: number;
    nanoCpus: number;
    /** --cpu-shares (0 when unset: the engine's 1024). */
    cpuShares: number;
    binds: string[];
    dns: string[];
    extraHosts: string[];
    networkMode: string;
  };
  mounts: MountSummary[];
  ports: PortMapping[];
  networks: Record<string, { ipAddress: string; aliases: string[]; networkId: string; gateway: string }>;
  restartCount: number;
  sizeRw?: number;
  sizeRootFs?: number;
  /** The engine's full answer, for panels that show everything. */
  raw: Record<string, unknown>;
}

export interface PruneResult {
  deleted: string[];
  spaceReclaimed: number;
}

export interface FileChange {
  path: string;
  kind: 'changed' | 'added' | 'deleted';
}

export interface TopResult {
  titles: string[];
  processes: string[][];
}

/** The engine's X-Docker-Container-Path-Stat, as plain data. */
export interface PathStat {
  name: string;
  size: number;
  /** Go's os.FileMode bits: permissions in the low bits, type in the high ones. */
  mode: number;
  /** RFC 3339. */
  mtime: string;
  /** For a link: its target, fully resolved inside the container, absolute. */
  linkTarget: string;
  isDirectory: boolean;
}

/** One stats sample, with the numbers `docker stats` shows already computed. */
export interface ContainerStats {
  read: string;
  /** Percent of one CPU times online CPUs, like `docker stats`. */
  cpuPercent: number;
  onlineCpus: number;
  memoryUsage: number;
  memoryLimit: number;
  memoryPercent: number;
  networkRx: number;
  networkTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
  raw: Record<string, unknown>;
}

// ---- Images -------------------------------------------------------------------

export interface ImageDetails {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  parent: string;
  created: string;
  author: string;
  comment: string;
  architecture: string;
  os: string;
  size: number;
  config: { cmd: string[]; entrypoint: string[]; env: string[]; workdir: string; user: string; labels: Record<string, string>; exposedPorts: string[] };
  raw: Record<string, unknown>;
}

export interface ImageHistoryEntry {
  id: string;
  created: number;
  createdBy: string;
  tags: string[];
  size: number;
  comment: string;
}

export interface ImageSearchResult {
  name: string;
  description: string;
  stars: number;
  official: boolean;
  automated: boolean;
}

/** One progress message from pull, push, load or import. */
export interface ProgressEvent {
  id?: string;
  status?: string;
  progress?: string;
  current?: number;
  total?: number;
  /** Build output (`stream` in the engine's messages). */
  stream?: string;
  aux?: Record<string, unknown>;
}

export interface BuildOptions {
  /** Folder sent as the build context (filtered by its .dockerignore). */
  context: string;
  /** Dockerfile path relative to the context. */
  dockerfile?: string;
  tags?: string[];
  buildArgs?: Record<string, string>;
  target?: string;
  labels?: Record<string, string>;
  noCache?: boolean;
  pull?: boolean;
  platform?: string;
  /** Credentials for base images in private registries, by registry host. */
  registryAuth?: Record<string, { username?: string; password?: string; serveraddress?: string }>;
}

export interface BuildResult {
  imageId: string;
  tags: string[];
}

// ---- Networks and volumes -------------------------------------------------------

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  created: string;
  labels: Record<string, string>;
  ipam: { subnet?: string; ipRange?: string; gateway?: string }[];
  /** Container id -> endpoint (present on inspect). */
  containers: Record<string, { name: string; ipv4Address: string; macAddress: string }>;
}

export interface NetworkCreateOptions {
  name: string;
  driver?: string;
  subnet?: string;
  ipRange?: string;
  gateway?: string;
  internal?: boolean;
  attachable?: boolean;
  /** `--ipv6` with `--subnet` of an IPv6 range: containers get IPv6 addresses from it too. */
  ipv6Subnet?: string;
  labels?: Record<string, string>;
  options?: Record<string, string>;
}

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  scope: string;
  created: string;
  labels: Record<string, string>;
  options: Record<string, string>;
}

// ---- System ---------------------------------------------------------------------

export interface VersionInfo {
  /** Which engine answers: Podman names itself among the version's components. */
  kind: EngineKind;
  version: string;
  apiVersion: string;
  minApiVersion: string;
  os: string;
  arch: string;
  kernelVersion: string;
  gitCommit: string;
  /** The names of the engine's components ("Engine", "Podman Engine", "containerd", ...). */
  components: string[];
}

export interface EngineInfo {
  id: string;
  name: string;
  serverVersion: string;
  containers: number;
  containersRunning: number;
  containersPaused: number;
  containersStopped: number;
  images: number;
  driver: string;
  dockerRootDir: string;
  operatingSystem: string;
  kernelVersion: string;
  cpus: number;
  memTotal: number;
  warnings: string[];
  raw: Record<string, unknown>;
}

export interface DiskUsage {
  layersSize: number;
  images: { id: string; repoTags: string[]; size: number; sharedSize: number; containers: number }[];
  containers: { id: string; name: string; sizeRw: number; sizeRootFs: number; state: string }[];
  volumes: { name: string; size: number; refCount: number }[];
  buildCache: { id: string; size: number; inUse: boolean }[];
}

export interface SystemPruneResult {
  containers: PruneResult;
  images: PruneResult;
  networks: PruneResult;
  volumes?: PruneResult;
}

/** One engine event, as plain data. */
export interface EngineEvent {
  type: 'container' | 'image' | 'network' | 'volume' | 'daemon' | 'plugin' | 'service' | 'node' | 'secret' | 'config' | 'builder';
  action: string;
  id: string;
  attributes: Record<string, string>;
  /** Unix seconds. */
  time: number;
  timeNano: number;
  scope?: string;
}
