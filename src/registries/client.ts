/**
 * A small Docker Registry HTTP API V2 client: ping, catalog, tags, manifests and
 * deleting a tag. It answers the registry's 401 challenge itself (Basic, or a Bearer
 * token from the realm the challenge names) with the credential it is given, and
 * keeps that credential out of every error it throws. A registry is not trusted to
 * steer the credential elsewhere: `Link` pages must stay on the registry's origin, a
 * token realm gets the credential only over https (or on loopback), and pages are
 * capped. Redirects are fetch's, which drops Authorization on another origin.
 * No vscode import.
 */
import * as l10n from '@vscode/l10n';
import type { Credential } from './dockerConfig';
import { isDockerHub, normalizeRegistry } from './dockerConfig';

export type RegistryErrorKind = 'unreachable' | 'unauthorized' | 'notFound' | 'unsupported' | 'server' | 'cancelled';

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(readonly kind: RegistryErrorKind, message: string, readonly status?: number) {
    super(message);
  }
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `WWW-Authenticate: Bearer realm="…",service="…",scope="a,b"` (quoted commas kept). */
export function parseWwwAuthenticate(header: string | null | undefined): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let m = pattern.exec(match[2]); m; m = pattern.exec(match[2])) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return { scheme: match[1].toLowerCase(), params };
}

/** The next page from an RFC 5988 `Link: </v2/_catalog?last=x&n=100>; rel="next"` header. */
export function nextLink(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/** Plain HTTP for loopback registries (the engine treats 127.0.0.0/8 as insecure too); HTTPS elsewhere. */
export function registryBaseUrl(registry: string): string {
  const trimmed = registry.trim();
  // user:password@ in a typed URL would end up in every error that names the registry: it is dropped.
  const explicit = /^(https?):\/\/(?:[^/@]*@)?([^/]+)/i.exec(trimmed);
  if (explicit) return `${explicit[1].toLowerCase()}://${explicit[2]}`;
  const name = normalizeRegistry(trimmed);
  if (name === 'docker.io') return 'https://registry-1.docker.io';
  const host = name.replace(/:\d+$/, '');
  return `${isLoopbackHost(host) ? 'http' : 'https'}://${name}`;
}

/** localhost, 127.0.0.0/8 or ::1, with or without IPv6 brackets. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  return bare === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(bare) || bare === '::1';
}

/** Where a registry may send a credential for a token: https anywhere, plain http only on this machine. */
export function realmMayReceiveCredential(realm: URL): boolean {
  return realm.protocol === 'https:' || (realm.protocol === 'http:' && isLoopbackHost(realm.hostname));
}

/** Pages Berth follows in one listing; a registry that sends more is misbehaving (or hostile). */
export const maxPages = 100;

export const manifestMediaTypes = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

export interface Manifest {
  digest?: string;
  mediaType: string;
  /** The parsed JSON body. */
  body: unknown;
  /** Total of the config and layer sizes, where the manifest lists them. */
  size?: number;
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal; redirect?: 'follow' }) => Promise<Response>;

export interface RegistryClientOptions {
  credential?: () => Promise<Credential | undefined>;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export class RegistryClient {
  readonly base: string;
  readonly name: string;
  /** Authorization header values by scope; "*" holds a Basic one, good for every scope. */
  private readonly authorizations = new Map<string, string>();
  private readonly fetchImpl: FetchLike;

  constructor(registry: string, private readonly options: RegistryClientOptions = {}) {
    this.base = registryBaseUrl(registry);
    this.name = normalizeRegistry(registry);
    this.fetchImpl = options.fetch ?? ((url, init) => fetch(url, init));
  }

  /** Succeeds when the registry answers /v2/ (with whatever credential it needs). */
  async ping(signal?: AbortSignal): Promise<void> {
    await this.request('GET', '/v2/', '', signal);
  }

  /** Every repository in `/v2/_catalog`, following `Link` pages. Docker Hub has no catalog. */
  async catalog(signal?: AbortSignal, limit = 10_000): Promise<string[]> {
    if (isDockerHub(this.name)) throw new RegistryError('unsupported', l10n.t('Docker Hub does not list its repositories; use Search Docker Hub… instead.'));
    return this.pages('/v2/_catalog?n=1000', 'registry:catalog:*', 'repositories', limit, signal);
  }

  async tags(repository: string, signal?: AbortSignal): Promise<string[]> {
    return this.pages(`/v2/${repoPath(repository)}/tags/list?n=1000`, `repository:${repository}:pull`, 'tags', Infinity, signal);
  }

  /** One listing across its `Link` pages: each page on the registry's own origin, at most maxPages of them. */
  private async pages(first: string, scope: string, field: 'repositories' | 'tags', limit: number, signal?: AbortSignal): Promise<string[]> {
    const out: string[] = [];
    let next: string | undefined = first;
    for (let page = 0; next && out.length < limit; page++) {
      if (page === maxPages) throw new RegistryError('server', l10n.t('{0} kept sending further pages (more than {1}); Berth stopped following them.', this.name, maxPages));
      const response = await this.request('GET', this.sameOrigin(next), scope, signal);
      const body = (await response.json()) as Record<string, unknown>;
      const values = body[field];
      out.push(...(Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : []));
      next = nextLink(response.headers.get('link'));
    }
    return out;
  }

  /** A path, or a link the registry sent resolved against its own origin; another origin is refused before anything is sent. */
  private sameOrigin(link: string): string {
    const base = new URL(this.base);
    let url: URL;
    try {
      url = new URL(link, base);
    } catch {
      throw new RegistryError('server', l10n.t('{0} sent a next page that is not a URL.', this.name));
    }
    if (url.origin !== base.origin) throw new RegistryError('server', l10n.t('{0} sent a next page on another host ({1}); Berth does not follow it, so your login stays with {0}.', this.name, url.origin));
    return `${url.pathname}${url.search}`;
  }

  async manifest(repository: string, reference: string, signal?: AbortSignal): Promise<Manifest> {
    const response = await this.request('GET', `/v2/${repoPath(repository)}/manifests/${encodeURIComponent(reference)}`, `repository:${repository}:pull`, signal, { Accept: manifestMediaTypes.join(', ') });
    const body = (await response.json()) as Record<string, unknown>;
    const mediaType = response.headers.get('content-type')?.split(';')[0] ?? String(body.mediaType ?? '');
    return { digest: response.headers.get('docker-content-digest') ?? undefined, mediaType, body, size: manifestSize(body) };
  }

  /**
   * Deletes a tag the way the V2 API allows: resolve it to its digest, then DELETE the
   * manifest by digest. Registries with deletion disabled answer 405: that becomes a
   * sentence saying so.
   */
  async deleteTag(repository: string, tag: string, signal?: AbortSignal): Promise<string> {
    const scope = `repository:${repository}:pull,push,delete`;
    const head = await this.request('HEAD', `/v2/${repoPath(repository)}/manifests/${encodeURIComponent(tag)}`, scope, signal, { Accept: manifestMediaTypes.join(', ') });
    const digest = head.headers.get('docker-content-digest');
    if (!digest) throw new RegistryError('unsupported', l10n.t('{0} did not say which digest {1} has, so the tag cannot be deleted.', this.name, `${repository}:${tag}`));
    await this.request('DELETE', `/v2/${repoPath(repository)}/manifests/${digest}`, scope, signal);
    return digest;
  }

  /** One request, answering a 401 challenge once. */
  private async request(method: string, pathAndQuery: string, scope: string, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<Response> {
    const url = `${this.base}${pathAndQuery}`;
    const withAuth = { ...headers };
    const known = this.authorizations.get('*') ?? this.authorizations.get(scope);
    if (known) withAuth.Authorization = known;
    let response = await this.send(method, url, withAuth, signal);
    if (response.status === 401) {
      const authorization = await this.answerChallenge(parseWwwAuthenticate(response.headers.get('www-authenticate')), scope, signal);
      if (authorization) {
        await response.body?.cancel().catch(() => undefined);
        response = await this.send(method, url, { ...headers, Authorization: authorization }, signal);
      }
    }
    if (response.ok) return response;
    await response.body?.cancel().catch(() => undefined);
    throw this.statusError(response.status, method, pathAndQuery);
  }

  private async send(method: string, url: string, headers: Record<string, string>, signal?: AbortSignal, body?: string): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      return await this.fetchImpl(url, { method, headers, body, signal: combined, redirect: 'follow' });
    } catch (error) {
      if (signal?.aborted) throw new RegistryError('cancelled', l10n.t('The registry request was cancelled.'));
      const code = (error as { cause?: { code?: string } }).cause?.code;
      const why = timeout.aborted ? l10n.t('it did not answer in time') : code ?? l10n.t('the connection failed');
      throw new RegistryError('unreachable', l10n.t('Cannot reach the registry {0} at {1} ({2}).', this.name, String(this.base), why));
    }
  }

  private async answerChallenge(challenge: Challenge | undefined, scope: string, signal?: AbortSignal): Promise<string | undefined> {
    const credential = await this.options.credential?.();
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') {
      if (!credential) throw new RegistryError('unauthorized', l10n.t('{0} needs a login. Log in to the registry and try again.', this.name), 401);
      const basic = `Basic ${Buffer.from(`${credential.username}:${credential.secret}`).toString('base64')}`;
      this.authorizations.set('*', basic);
      return basic;
    }
    if (challenge.scheme !== 'bearer' || !challenge.params.realm) return undefined;
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(challenge.params.realm);
    } catch {
      throw new RegistryError('server', l10n.t('{0} named a token service that is not a URL.', this.name));
    }
    // A plain-http realm elsewhere would carry the password in the clear, to a host the registry chose.
    if (credential && !realmMayReceiveCredential(tokenUrl)) {
      throw new RegistryError('unauthorized', l10n.t('{0} asks for your login at {1}, which is not https; Berth sends a login only over https (or to this machine).', this.name, tokenUrl.origin));
    }
    if (challenge.params.service) tokenUrl.searchParams.set('service', challenge.params.service);
    const wanted = scope || challenge.params.scope;
    if (wanted) tokenUrl.searchParams.set('scope', wanted);
    let response: Response;
    if (credential?.identityToken) {
      // An identity token is an OAuth2 refresh token: it goes in a form POST, never in the URL.
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.secret, client_id: 'berth' });
      if (challenge.params.service) form.set('service', challenge.params.service);
      if (wanted) form.set('scope', wanted);
      response = await this.send('POST', challenge.params.realm, { 'Content-Type': 'application/x-www-form-urlencoded' }, signal, form.toString());
    } else {
      const headers: Record<string, string> = {};
      if (credential) headers.Authorization = `Basic ${Buffer.from(`${credential.username}:${credential.secret}`).toString('base64')}`;
      response = await this.send('GET', tokenUrl.toString(), headers, signal);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new RegistryError('unauthorized', credential
        ? l10n.t('{0} refused to issue a token (HTTP {1}). Check the login for this registry.', this.name, response.status)
        : l10n.t('{0} refused to issue a token (HTTP {1}). Log in to the registry and try again.', this.name, response.status), response.status);
    }
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError('server', l10n.t("{0}'s token service answered without a token.", this.name));
    this.authorizations.set(scope, `Bearer ${token}`);
    return `Bearer ${token}`;
  }

  private statusError(status: number, method: string, what: string): RegistryError {
    const target = what.replace(/\?.*$/, '');
    if (status === 401) return new RegistryError('unauthorized', l10n.t('{0} refused {1} {2} (HTTP 401). Log in to the registry and try again.', this.name, method, target), status);
    if (status === 403) return new RegistryError('unauthorized', l10n.t('{0} does not allow {1} {2} with this login (HTTP 403).', this.name, method, target), status);
    if (status === 404) return new RegistryError('notFound', l10n.t('{0} has no {1} (HTTP 404).', this.name, target), status);
    if (status === 405) {
      return new RegistryError('unsupported', method === 'DELETE'
        ? l10n.t('{0} does not allow deleting images (HTTP 405). Deletion must be enabled in the registry\'s configuration (storage.delete.enabled).', this.name)
        : l10n.t('{0} does not support {1} {2} (HTTP 405).', this.name, method, target), status);
    }
    return new RegistryError('server', l10n.t('{0} failed on {1} {2} (HTTP {3}).', this.name, method, target, status), status);
  }
}

/** Repository names keep their slashes; each component is escaped. */
function repoPath(repository: string): string {
  return repository.split('/').map(encodeURIComponent).join('/');
}

function manifestSize(body: Record<string, unknown>): number | undefined {
  const config = body.config as { size?: unknown } | undefined;
  const layers = body.layers as { size?: unknown }[] | undefined;
  if (!Array.isArray(layers)) return undefined;
  let total = typeof config?.size === 'number' ? config.size : 0;
  for (const layer of layers) total += typeof layer.size === 'number' ? layer.size : 0;
  return total;
}
