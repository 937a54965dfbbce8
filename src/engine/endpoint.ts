/**
 * Which engine to talk to, as one pure function of (settings, environment, files).
 * This is the first cut: the setting, DOCKER_HOST, then the default sockets.
 * Docker contexts, TLS and ssh are added by the engine-layer work.
 */
export type EndpointSource = 'setting' | 'DOCKER_HOST' | 'context' | 'default';

export interface Endpoint {
  /** The URL as the user would write it: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host. */
  url: string;
  source: EndpointSource;
  /** Human-readable reason, e.g. "from the berth.host setting". */
  why: string;
}

export interface EndpointInputs {
  hostSetting?: string;
  env: Record<string, string | undefined>;
  /** Whether a path exists; injected so resolution stays pure and testable. */
  exists: (path: string) => boolean;
}

export function defaultSocketCandidates(env: Record<string, string | undefined>): string[] {
  const candidates = ['/var/run/docker.sock'];
  const runtimeDir = env.XDG_RUNTIME_DIR;
  if (runtimeDir) candidates.push(`${runtimeDir}/docker.sock`, `${runtimeDir}/podman/podman.sock`);
  candidates.push('/run/podman/podman.sock');
  return candidates;
}

export function resolveEndpoint(inputs: EndpointInputs): Endpoint {
  const setting = inputs.hostSetting?.trim();
  if (setting) return { url: setting, source: 'setting', why: 'from the berth.host setting' };
  const dockerHost = inputs.env.DOCKER_HOST?.trim();
  if (dockerHost) return { url: dockerHost, source: 'DOCKER_HOST', why: 'from the DOCKER_HOST environment variable' };
  const candidates = defaultSocketCandidates(inputs.env);
  const found = candidates.find((path) => inputs.exists(path)) ?? candidates[0];
  return { url: `unix://${found}`, source: 'default', why: 'the default socket' };
}

/** Options for dockerode's constructor. */
export function toDockerodeOptions(endpoint: Endpoint): { socketPath: string } | { host: string; port: number; protocol: 'http' | 'https' } {
  const url = endpoint.url;
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length) };
  if (url.startsWith('/')) return { socketPath: url };
  const parsed = new URL(url.replace(/^tcp:/, 'http:'));
  return { host: parsed.hostname, port: Number(parsed.port || 2375), protocol: 'http' };
}
