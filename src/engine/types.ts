/** Plain data the engine layer returns: no dockerode types leak past src/engine. */

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
