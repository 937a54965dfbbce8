/**
 * Which engine to talk to, as one pure function of (settings, environment, files):
 * the berth.host setting, then DOCKER_HOST (+ DOCKER_TLS_VERIFY / DOCKER_CERT_PATH),
 * then the Docker context (DOCKER_CONTEXT, else currentContext in config.json), then
 * the default sockets (rootful, rootless, Docker Desktop's, Podman's). The result says
 * which source won and why, for the status bar and for errors.
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import * as path from 'node:path';

export type EndpointSource = 'setting' | 'DOCKER_HOST' | 'context' | 'default';

export interface TlsFiles {
  /** Verify the server against `ca` (DOCKER_TLS_VERIFY, or a context without SkipTLSVerify). */
  verify: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

export interface Endpoint {
  /** The URL as the user would write it: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host. */
  url: string;
  source: EndpointSource;
  /** Human-readable reason, e.g. "from the berth.host setting". */
  why: string;
  /** TLS material (file paths) for tcp endpoints. */
  tls?: TlsFiles;
  /** The Docker context that supplied this endpoint. */
  context?: string;
  /** Set when the chosen source is broken (e.g. a context that does not exist): every call fails with it. */
  problem?: string;
}

export interface EndpointInputs {
  hostSetting?: string;
  /** TLS files for a berth.host URL that was added in Berth with them (the setting holds only the URL). */
  hostTls?: (url: string) => TlsFiles | undefined;
  /** The context Berth itself chose (berth.context): it wins over DOCKER_HOST and the CLI's current context. */
  contextSetting?: string;
  env: Record<string, string | undefined>;
  /** Whether a path exists; injected so resolution stays pure and testable. */
  exists: (path: string) => boolean;
  /** A file's text, or undefined when it cannot be read. Without it, contexts are not consulted. */
  readFile?: (path: string) => string | undefined;
  /** The user's home folder (for ~/.docker). */
  home?: string;
  platform?: NodeJS.Platform;
}

/** Where the docker CLI keeps config.json and contexts: $DOCKER_CONFIG or ~/.docker. */
export function dockerConfigDir(env: Record<string, string | undefined>, home: string | undefined): string {
  return env.DOCKER_CONFIG || path.join(home ?? env.HOME ?? env.USERPROFILE ?? '', '.docker');
}

/** Contexts are stored under the sha256 of their name. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

export function defaultSocketCandidates(env: Record<string, string | undefined>, home?: string, platform: NodeJS.Platform = 'linux'): string[] {
  if (platform === 'win32') return ['npipe:////./pipe/docker_engine', 'npipe:////./pipe/podman-machine-default'];
  const candidates = ['/var/run/docker.sock'];
  const runtimeDir = env.XDG_RUNTIME_DIR;
  const userHome = home ?? env.HOME;
  if (runtimeDir) candidates.push(`${runtimeDir}/docker.sock`);
  if (userHome) candidates.push(`${userHome}/.docker/run/docker.sock`);
  if (runtimeDir) candidates.push(`${runtimeDir}/podman/podman.sock`);
  candidates.push('/run/podman/podman.sock');
  return candidates;
}

/**
 * TLS from the environment, as the docker CLI reads it: DOCKER_TLS_VERIFY set to any
 * non-empty value ("0" and "false" included) means TLS with verification; else
 * DOCKER_TLS set means TLS without it. The files are ca.pem, cert.pem and key.pem in
 * DOCKER_CERT_PATH, else in the docker config folder ($DOCKER_CONFIG or ~/.docker);
 * a client certificate or key that is not there is left out, as the CLI does.
 */
function tlsFromEnv(env: Record<string, string | undefined>, home: string | undefined, exists: (p: string) => boolean): TlsFiles | undefined {
  const verify = !!env.DOCKER_TLS_VERIFY;
  if (!verify && !env.DOCKER_TLS) return undefined;
  const dir = env.DOCKER_CERT_PATH || dockerConfigDir(env, home ?? env.HOME);
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  return { verify, ca: path.join(dir, 'ca.pem'), cert: exists(cert) ? cert : undefined, key: exists(key) ? key : undefined };
}

interface ContextMeta {
  Name?: string;
  Metadata?: { Description?: string };
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

export interface ContextEndpoint {
  name: string;
  description: string;
  url: string;
  tls?: TlsFiles;
}

/** Reads one context from disk (through the injected reader); undefined when it does not exist. */
export function readContext(name: string, configDir: string, readFile: (p: string) => string | undefined, exists: (p: string) => boolean): ContextEndpoint | undefined {
  const dir = contextDirName(name);
  const text = readFile(path.join(configDir, 'contexts', 'meta', dir, 'meta.json'));
  if (text === undefined) return undefined;
  let meta: ContextMeta;
  try {
    meta = JSON.parse(text) as ContextMeta;
  } catch {
    return undefined;
  }
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) return undefined;
  const tlsDir = path.join(configDir, 'contexts', 'tls', dir, 'docker');
  const files = { ca: path.join(tlsDir, 'ca.pem'), cert: path.join(tlsDir, 'cert.pem'), key: path.join(tlsDir, 'key.pem') };
  // SkipTLSVerify with no files still means TLS (without verification), as in the docker CLI.
  const hasTls = exists(files.ca) || exists(files.cert) || !!docker.SkipTLSVerify;
  const tls: TlsFiles | undefined = hasTls
    ? { verify: !docker.SkipTLSVerify, ca: exists(files.ca) ? files.ca : undefined, cert: exists(files.cert) ? files.cert : undefined, key: exists(files.key) ? files.key : undefined }
    : undefined;
  return { name: meta.Name ?? name, description: meta.Metadata?.Description ?? '', url: docker.Host, tls };
}

/** The context name in effect and where it came from; undefined means "default". */
export function currentContextName(env: Record<string, string | undefined>, configDir: string, readFile: (p: string) => string | undefined): { name: string; from: string } | undefined {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT === 'default' ? undefined : { name: env.DOCKER_CONTEXT, from: l10n.t('the DOCKER_CONTEXT environment variable') };
  const text = readFile(path.join(configDir, 'config.json'));
  if (!text) return undefined;
  try {
    const name = (JSON.parse(text) as { currentContext?: string }).currentContext;
    return name && name !== 'default' ? { name, from: l10n.t('currentContext in {0}', path.join(configDir, 'config.json')) } : undefined;
  } catch {
    return undefined;
  }
}

export function resolveEndpoint(inputs: EndpointInputs): Endpoint {
  const { env } = inputs;
  const home = inputs.home ?? env.HOME;
  const setting = inputs.hostSetting?.trim();
  if (setting) {
    const tls = inputs.hostTls?.(setting);
    return { url: setting, source: 'setting', why: tls ? l10n.t('from the berth.host setting (an endpoint added in Berth, with its TLS files)') : l10n.t('from the berth.host setting'), ...(tls ? { tls } : {}) };
  }
  const chosen = inputs.contextSetting?.trim();
  if (chosen && chosen !== 'default' && inputs.readFile) {
    const context = readContext(chosen, dockerConfigDir(env, home), inputs.readFile, inputs.exists);
    const why = l10n.t('the Docker context "{0}" (chosen in Berth, berth.context)', chosen);
    if (!context) return { url: '', source: 'context', context: chosen, why, problem: l10n.t('The Docker context "{0}" chosen in Berth does not exist or has no docker endpoint. Run `docker context ls`, or pick another engine with Switch Engine.', chosen) };
    return { url: context.url, source: 'context', context: chosen, why, tls: context.tls };
  }
  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) {
    const tls = tlsFromEnv(env, home, inputs.exists);
    return { url: dockerHost, source: 'DOCKER_HOST', why: tls?.verify ? l10n.t('from the DOCKER_HOST environment variable with DOCKER_TLS_VERIFY') : l10n.t('from the DOCKER_HOST environment variable'), tls };
  }
  // Berth's own "default" choice skips the CLI's current context, as `docker --context default` does.
  if (inputs.readFile && chosen !== 'default') {
    const configDir = dockerConfigDir(env, home);
    const current = currentContextName(env, configDir, inputs.readFile);
    if (current) {
      const context = readContext(current.name, configDir, inputs.readFile, inputs.exists);
      if (!context) {
        return {
          url: '', source: 'context', context: current.name, why: l10n.t('the Docker context "{0}" (from {1})', current.name, current.from),
          problem: l10n.t('The Docker context "{0}" named by {1} does not exist or has no docker endpoint. Run `docker context ls`, or pick another context.', current.name, current.from),
        };
      }
      return { url: context.url, source: 'context', context: current.name, why: l10n.t('the Docker context "{0}" (from {1})', current.name, current.from), tls: context.tls };
    }
  }
  const candidates = defaultSocketCandidates(env, home, inputs.platform);
  const found = candidates.find((p) => inputs.exists(p.replace(/^npipe:\/\//, ''))) ?? candidates[0];
  const url = found.startsWith('npipe:') ? found : `unix://${found}`;
  return { url, source: 'default', why: found === candidates[0] ? l10n.t('the default socket') : l10n.t('the first default socket that exists ({0})', found) };
}

export type Connection =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'npipe'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls?: TlsFiles }
  | { kind: 'ssh'; host: string; user?: string; port?: number };

/** Pure: how to connect to an endpoint's URL. Throws one sentence when the URL is not one. */
export function parseEndpointUrl(url: string, tls?: TlsFiles): Connection {
  const text = url.trim();
  if (text.startsWith('unix://')) {
    const socketPath = text.slice('unix://'.length);
    if (!socketPath) throw new Error(l10n.t('The endpoint unix:// names no socket path.'));
    return { kind: 'unix', socketPath };
  }
  if (text.startsWith('/')) return { kind: 'unix', socketPath: text };
  if (text.startsWith('npipe://')) return { kind: 'npipe', socketPath: text.slice('npipe://'.length).replace(/\//g, '\\') || '\\\\.\\pipe\\docker_engine' };
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `tcp://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new Error(l10n.t('"{0}" is not an engine endpoint (expected unix://, tcp://, ssh:// or npipe://).', url));
  }
  const scheme = parsed.protocol.slice(0, -1);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error(l10n.t('The endpoint "{0}" names no host.', url));
  if (scheme === 'ssh') return { kind: 'ssh', host, user: parsed.username ? decodeURIComponent(parsed.username) : undefined, port: parsed.port ? Number(parsed.port) : undefined };
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const useTls = tls ?? (scheme === 'https' ? { verify: true } : undefined);
    const port = parsed.port ? Number(parsed.port) : useTls ? 2376 : 2375;
    return { kind: 'tcp', host, port, tls: useTls };
  }
  throw new Error(l10n.t('The endpoint scheme "{0}://" is not supported (expected unix://, tcp://, ssh:// or npipe://).', scheme));
}

/** An endpoint a person typed: one of the schemes Berth speaks, and a URL it can connect to. One sentence when it is not. */
export function validateEndpointUrl(text: string): string | undefined {
  const url = text.trim();
  if (!/^(unix|tcp|ssh|npipe):\/\/\S+$/.test(url)) return l10n.t('"{0}" is not an engine endpoint (expected unix://, tcp://, ssh:// or npipe:// and no spaces).', url);
  try {
    parseEndpointUrl(url);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The engine's machine when it is another one (a tcp:// or ssh:// endpoint not on loopback): where its published ports are. */
export function remoteEngineHost(url: string): string | undefined {
  let connection: Connection;
  try {
    connection = parseEndpointUrl(url);
  } catch {
    return undefined;
  }
  if (connection.kind !== 'tcp' && connection.kind !== 'ssh') return undefined;
  return /^(localhost|127\.\d+\.\d+\.\d+|::1)$/i.test(connection.host) ? undefined : connection.host;
}
