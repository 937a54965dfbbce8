/**
 * The engines a person can choose among: the docker CLI's contexts (by name) and the
 * endpoints added in Berth (a name, a URL and, for tcp with TLS, the files). A ref is
 * plain data, kept in Berth's own state for the added and pinned engines; turning it
 * into an Endpoint is a pure function of it and the files, like resolveEndpoint.
 */
import * as l10n from '@vscode/l10n';
import { EndpointInputs, Endpoint, resolveEndpoint, TlsFiles, validateEndpointUrl } from './endpoint';

export type EngineRef =
  | { kind: 'context'; name: string }
  | { kind: 'endpoint'; name: string; url: string; tls?: TlsFiles };

/** Stable identity of a ref: "context:NAME" or "endpoint:URL". */
export function engineRefKey(ref: EngineRef): string {
  return ref.kind === 'context' ? `context:${ref.name}` : `endpoint:${ref.url}`;
}

/** The endpoint a ref stands for. A context that does not exist gives an endpoint whose `problem` says so. */
export function endpointOfRef(ref: EngineRef, inputs: EndpointInputs): Endpoint {
  if (ref.kind === 'endpoint') return { url: ref.url, source: 'setting', why: l10n.t('the endpoint "{0}" added in Berth', ref.name), tls: ref.tls };
  // "default" means what the CLI's default context means: DOCKER_HOST, else the default sockets. Berth's settings play no part.
  return resolveEndpoint({ ...inputs, hostSetting: undefined, contextSetting: ref.name });
}

/** An endpoint a person adds: a name and a URL Berth can connect to; one sentence when not. */
export function validateAddedEndpoint(name: string, url: string, taken: readonly EngineRef[]): string | undefined {
  if (!name.trim()) return l10n.t('An endpoint needs a name.');
  const urlProblem = validateEndpointUrl(url);
  if (urlProblem) return urlProblem;
  if (taken.some((r) => r.kind === 'endpoint' && r.url === url.trim())) return l10n.t('The endpoint {0} is already added.', url.trim());
  if (taken.some((r) => r.kind === 'endpoint' && r.name === name.trim())) return l10n.t('An endpoint named "{0}" is already added.', name.trim());
  return undefined;
}

/** Reads the refs kept in Berth's state, dropping anything that is not one (the state is data from disk). */
export function parseEngineRefs(value: unknown): EngineRef[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r): r is EngineRef => {
    if (typeof r !== 'object' || r === null) return false;
    const ref = r as Record<string, unknown>;
    if (ref.kind === 'context') return typeof ref.name === 'string' && ref.name !== '';
    return ref.kind === 'endpoint' && typeof ref.name === 'string' && typeof ref.url === 'string' && !validateEndpointUrl(ref.url);
  });
}

/** Where Berth keeps the endpoints a person added and the pinned engines (its global state). */
export const addedEnginesKey = 'berth.engines.added';
export const pinnedEnginesKey = 'berth.engines.pinned';
