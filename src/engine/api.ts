/**
 * The one door to the engine: every request goes through docker-modem's dial with the
 * same status-code table, the same abort handling and the same error mapping. The
 * per-resource modules build paths and plain data on top of it.
 *
 * dial() reads the query from `options._query` and a POST body from `options._body`, the
 * form dockerode hands it; test/unit/engine/modemContract.test.ts pins that against a
 * real HTTP server, so a docker-modem release that changes it fails there first.
 */
import * as l10n from '@vscode/l10n';
import type Modem from 'docker-modem';
import type { Duplex, Readable } from 'node:stream';
import { reportRequest } from './actionFeed';
import type { CliHint } from './dockerCommand';
import { ErrorFixes, toEngineError } from './errors';
import { EngineIdentity, engineIdentityOf } from './podman';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

/** Registry credentials: handed to the engine as an object (X-Registry-Auth), never logged. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  serveraddress?: string;
  identitytoken?: string;
  email?: string;
}

export interface Request {
  method: Method;
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  /** A tar (or other) payload streamed as the request body. */
  file?: Readable | Buffer;
  contentType?: string;
  auth?: RegistryAuth;
  /** X-Registry-Config for builds: registry host -> credentials. */
  registryConfig?: Record<string, RegistryAuth>;
  signal?: AbortSignal;
  /** Extra headers (e.g. Upgrade for hijacked connections). */
  headers?: Record<string, string>;
  /**
   * json(): overrides the Api's timeout for this request; 0 means none (e.g. waiting for a container).
   * stream(): when set, the limit for the answer to *begin* (the body then has none); unset, none.
   */
  timeoutMs?: number;
  /** Send `body` even when it is `{}` (the modem drops an empty object; Podman's commit then fails with EOF). */
  sendEmptyBody?: boolean;
  /** What the `docker` command line of this request needs beyond it (actionFeed.ts). */
  cli?: CliHint;
  /** What fixes a failure of this request, by error kind, where the kind's usual fix does not fit (a 409 from a create means a taken name, from an image removal a container using it). */
  fixes?: ErrorFixes;
}

// Which status codes mean success; the rest become errors carrying their code.
const statusCodes: Record<number, boolean | string> = {
  200: true, 201: true, 204: true, 304: true,
  400: 'bad parameter', 401: 'unauthorized', 403: 'forbidden', 404: 'not found',
  406: 'not acceptable', 409: 'conflict', 500: 'server error', 501: 'not implemented', 503: 'unavailable',
};

export class Api {
  private identityAnswer: Promise<EngineIdentity> | undefined;

  constructor(
    /** Undefined when the endpoint cannot be used at all; then `broken` says why. */
    readonly modem: Modem | undefined,
    /** "unix:///var/run/docker.sock (from DOCKER_HOST)": named in unreachable errors. */
    readonly label: string,
    /** Scrubbed from every error message: passwords and tokens handed to this Api. */
    private readonly secrets: Set<string> = new Set(),
    private readonly broken?: Error,
    /** Answers to non-streaming requests must arrive within this time (0: no limit); the berth.requestTimeout setting changes it. */
    public timeoutMs = 0,
  ) {}

  private dial<T>(request: Request, extra: Record<string, unknown>): Promise<T> {
    if (request.auth) this.remember(request.auth);
    for (const auth of Object.values(request.registryConfig ?? {})) this.remember(auth);
    return new Promise<T>((resolve, reject) => {
      const modem = this.modem;
      if (!modem) {
        reject(this.fail(this.broken ?? new Error(l10n.t('No engine.'))));
        return;
      }
      if (request.signal?.aborted) {
        reject(this.fail(request.signal.reason ?? abortError()));
        return;
      }
      // Headers (registry auth) and payloads are left out: the command line never carries them.
      reportRequest({ method: request.method, path: request.path, query: compact(request.query ?? {}), body: request.body, cli: request.cli }, this.label);
      const headers: Record<string, string> = { ...(request.headers ?? {}) };
      if (request.contentType) headers['Content-Type'] = request.contentType;
      modem.dial(
        {
          path: `${request.path}?`,
          method: request.method,
          // The modem takes the query from _query and a POST body from _body.
          options: { _query: compact(request.query ?? {}), _body: request.body ?? {} },
          statusCodes,
          authconfig: request.auth ? { ...request.auth } : undefined,
          registryconfig: request.registryConfig,
          file: request.file,
          abortSignal: request.signal,
          headers: Object.keys(headers).length > 0 ? headers : undefined,
          allowEmpty: request.sendEmptyBody,
          ...extra,
        } satisfies Modem.DialOptions,
        (error, result) => (error ? reject(this.fail(error, request.signal, request.fixes)) : resolve(result as T)),
      );
    });
  }

  /**
   * Which engine answers here (Docker or Podman, and its version), asked once from /version
   * and remembered; asked again after a failure. Only where their APIs differ does it matter.
   */
  identity(signal?: AbortSignal): Promise<EngineIdentity> {
    this.identityAnswer ??= this.json<Parameters<typeof engineIdentityOf>[0]>({ method: 'GET', path: '/version', signal }).then(engineIdentityOf, (error: unknown) => {
      this.identityAnswer = undefined;
      throw error;
    });
    return this.identityAnswer;
  }

  async isPodman(signal?: AbortSignal): Promise<boolean> {
    return (await this.identity(signal)).kind === 'podman';
  }

  /** A JSON (or empty) answer, within the timeout. */
  json<T>(request: Request): Promise<T> {
    const limit = request.timeoutMs ?? this.timeoutMs;
    if (!limit) return this.dial<T>(request, { isStream: false });
    const timeout = AbortSignal.timeout(limit);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    return this.dial<T>({ ...request, signal }, { isStream: false });
  }

  /**
   * The response body as a stream (logs, events, exports, progress). Only a request that
   * sets `timeoutMs` limits how long the answer may take to begin: most streams' answers
   * begin late by nature (a build answers once its whole context is uploaded).
   */
  stream(request: Request): Promise<Readable> {
    const limit = request.timeoutMs;
    if (!limit) return this.dial<Readable>(request, { isStream: true });
    // Our own controller, not AbortSignal.timeout(): once the answer began, the body must not be cut.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException(l10n.t('No answer within {0} ms.', limit), 'TimeoutError')), limit);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    return this.dial<Readable>({ ...request, signal }, { isStream: true }).finally(() => clearTimeout(timer));
  }

  /**
   * A hijacked connection: the raw socket after the engine upgraded it (attach, exec).
   * The HTTP request itself is always ended (so its headers go out even without a
   * body); stdin then travels over the upgraded socket.
   */
  hijack(request: Request): Promise<Duplex> {
    return this.dial<Duplex>(request, { isStream: true, hijack: true, openStdin: false });
  }

  /** Turns anything thrown into an EngineError for this endpoint, secrets removed. */
  fail(error: unknown, signal?: AbortSignal, fixes?: ErrorFixes): Error {
    // A timeout aborts the request too; it must read as a timeout, not as a cancel.
    const timedOut = signal?.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError';
    return toEngineError(timedOut ? signal.reason : error, this.label, { secrets: [...this.secrets], aborted: signal?.aborted && !timedOut, fixes });
  }

  remember(auth: RegistryAuth): void {
    for (const secret of [auth.password, auth.identitytoken]) if (secret) this.secrets.add(secret);
  }
}

function compact(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out[key] = value;
  return out;
}

function abortError(): Error {
  const error = new Error(l10n.t('The operation was aborted.'));
  error.name = 'AbortError';
  return error;
}

/** Engine filters as the API wants them: {key: [values]}; undefined values dropped. */
export function filters(input: Record<string, string | string[] | boolean | undefined>): string | undefined {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    out[key] = Array.isArray(value) ? value : [String(value)];
  }
  return Object.keys(out).length > 0 ? JSON.stringify(out) : undefined;
}

/** Reads a whole stream into one Buffer, honouring the signal. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
