/**
 * What `docker login` stored: `~/.docker/config.json` (or `$DOCKER_CONFIG/config.json`)
 * with its `auths`, `credsStore` and `credHelpers`. Parsing and the choice of source
 * are pure; reading the file and calling a `docker-credential-*` helper are injected
 * so unit tests pin every case without touching the user's files.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export interface DockerAuthEntry {
  /** base64("user:password"). */
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

export interface DockerConfig {
  auths: Record<string, DockerAuthEntry>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

/** A credential for one registry. `secret` is a password or an identity token; never log it. */
export interface Credential {
  username: string;
  secret: string;
  /** An identity (refresh) token rather than a password: the engine wants it as `identitytoken`. */
  identityToken: boolean;
  /** Where it came from, safe to show: "Berth", "docker config", "docker-credential-pass". */
  source: string;
}

/** The Docker Hub spellings docker itself accepts, all meaning one registry. */
const hubNames = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/** The key docker uses for Docker Hub in config.json and with credential helpers. */
export const hubServerUrl = 'https://index.docker.io/v1/';

/**
 * One name per registry: "docker.io" for Docker Hub in any spelling, otherwise the
 * host[:port] without scheme or path ("https://ghcr.io/v2/" → "ghcr.io").
 */
export function normalizeRegistry(input: string): string {
  let text = input.trim();
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  // user:password@ never becomes part of a name that is shown, stored or logged.
  text = text.split('/')[0].replace(/^[^@]*@/, '');
  const lower = text.toLowerCase();
  return hubNames.has(lower) ? 'docker.io' : lower;
}

/** The server address docker uses when talking to helpers and writing config.json. */
export function serverUrlFor(registry: string): string {
  const name = normalizeRegistry(registry);
  return name === 'docker.io' ? hubServerUrl : name;
}

export function isDockerHub(registry: string): boolean {
  return normalizeRegistry(registry) === 'docker.io';
}

/** Parses config.json text; anything malformed yields an empty config, never an exception. */
export function parseDockerConfig(text: string | undefined): DockerConfig {
  const empty: DockerConfig = { auths: {}, credHelpers: {} };
  if (!text) return empty;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return empty;
  }
  if (!raw || typeof raw !== 'object') return empty;
  const record = raw as Record<string, unknown>;
  const auths: Record<string, DockerAuthEntry> = {};
  if (record.auths && typeof record.auths === 'object') {
    for (const [key, value] of Object.entries(record.auths as Record<string, unknown>)) {
      if (value && typeof value === 'object') auths[key] = pickStrings(value as Record<string, unknown>, ['auth', 'username', 'password', 'identitytoken']);
    }
  }
  const credHelpers: Record<string, string> = {};
  if (record.credHelpers && typeof record.credHelpers === 'object') {
    for (const [key, value] of Object.entries(record.credHelpers as Record<string, unknown>)) {
      if (typeof value === 'string' && isHelperName(value)) credHelpers[key] = value;
    }
  }
  const credsStore = typeof record.credsStore === 'string' && isHelperName(record.credsStore) ? record.credsStore : undefined;
  return { auths, credsStore, credHelpers };
}

function pickStrings(source: Record<string, unknown>, keys: (keyof DockerAuthEntry)[]): DockerAuthEntry {
  const out: DockerAuthEntry = {};
  for (const key of keys) if (typeof source[key] === 'string' && source[key]) out[key] = source[key] as string;
  return out;
}

/** A helper name becomes part of an executable's name: letters, digits, - _ . only. */
function isHelperName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name);
}

/** Finds the config key for a registry, whatever spelling docker wrote it in. */
function findKey<T>(map: Record<string, T>, registry: string): string | undefined {
  const name = normalizeRegistry(registry);
  return Object.keys(map).find((key) => normalizeRegistry(key) === name);
}

/** Which helper (if any) docker would ask for this registry: credHelpers first, then credsStore. */
export function helperFor(config: DockerConfig, registry: string): string | undefined {
  const key = findKey(config.credHelpers, registry);
  return key !== undefined ? config.credHelpers[key] : config.credsStore;
}

/** The credential stored inline in `auths`, decoded. */
export function inlineCredential(config: DockerConfig, registry: string): Credential | undefined {
  const key = findKey(config.auths, registry);
  if (key === undefined) return undefined;
  const entry = config.auths[key];
  if (entry.identitytoken) {
    return { username: entry.username ?? decodeAuth(entry.auth)?.username ?? '', secret: entry.identitytoken, identityToken: true, source: 'docker config' };
  }
  if (entry.username && entry.password) return { username: entry.username, secret: entry.password, identityToken: false, source: 'docker config' };
  const decoded = decodeAuth(entry.auth);
  return decoded ? { username: decoded.username, secret: decoded.password, identityToken: false, source: 'docker config' } : undefined;
}

export function decodeAuth(auth: string | undefined): { username: string; password: string } | undefined {
  if (!auth) return undefined;
  const text = Buffer.from(auth, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Registries the docker config knows of (auths and credHelpers keys), normalized, in order. */
export function configuredRegistries(config: DockerConfig): string[] {
  const names = [...Object.keys(config.auths), ...Object.keys(config.credHelpers)].map(normalizeRegistry);
  return [...new Set(names)];
}

/** Parses a helper's `get` answer: {"ServerURL", "Username", "Secret"}; "<token>" means an identity token. */
export function parseHelperAnswer(text: string, helper: string): Credential | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = raw as { Username?: unknown; Secret?: unknown };
  if (typeof r.Secret !== 'string' || !r.Secret) return undefined;
  const username = typeof r.Username === 'string' ? r.Username : '';
  return { username: username === '<token>' ? '' : username, secret: r.Secret, identityToken: username === '<token>', source: `docker-credential-${helper}` };
}

/** Runs `docker-credential-<helper> get` with the server URL on stdin; resolves to its stdout. */
export type HelperRunner = (helper: string, serverUrl: string) => Promise<{ ok: boolean; stdout: string }>;

/**
 * The real runner: argv only, no shell, the server URL on stdin. A helper that says
 * "credentials not found" exits non-zero; its output is never repeated anywhere.
 */
export const runHelper: HelperRunner = (helper, serverUrl) =>
  new Promise((resolve) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { timeout: 15_000, maxBuffer: 1 << 20, windowsHide: true }, (error, stdout) => {
      resolve({ ok: !error, stdout: String(stdout) });
    });
    child.stdin?.end(serverUrl);
  });

export function dockerConfigPath(env: Record<string, string | undefined> = process.env): string {
  const dir = env.DOCKER_CONFIG?.trim() || path.join(env.HOME?.trim() || os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

export async function readDockerConfig(file: string = dockerConfigPath()): Promise<DockerConfig> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  return parseDockerConfig(text);
}

/**
 * What docker itself would use for this registry: a helper (credHelpers, then
 * credsStore), else the inline `auths` entry. Helper failures mean "no credential".
 */
export async function dockerCredential(config: DockerConfig, registry: string, run: HelperRunner = runHelper): Promise<Credential | undefined> {
  const helper = helperFor(config, registry);
  if (helper) {
    const answer = await run(helper, serverUrlFor(registry)).catch(() => ({ ok: false, stdout: '' }));
    const credential = answer.ok ? parseHelperAnswer(answer.stdout, helper) : undefined;
    if (credential) return credential;
    // docker also falls back to the file when a credsStore has nothing for this host.
  }
  return inlineCredential(config, registry);
}
