/**
 * Every failure that leaves the engine layer is an EngineError: a kind decided from
 * the status code or the system error code (never from message text), a sentence a
 * person understands, and the fix where there is one.
 */
export type EngineErrorKind =
  | 'unreachable'
  /** The TLS handshake failed: an untrusted or mismatched certificate, or a client certificate the engine refused. */
  | 'tls'
  | 'permission'
  | 'notFound'
  | 'conflict'
  | 'badRequest'
  | 'server'
  | 'timeout'
  | 'cancelled'
  | 'unauthorized';

export class EngineError extends Error {
  override readonly name = 'EngineError';

  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly fix?: string,
    readonly statusCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The message and the fix as one line for notifications. */
  get detail(): string {
    return this.fix ? `${this.message} ${this.fix}` : this.message;
  }
}

import * as l10n from '@vscode/l10n';
import { isManifestUnknown, podmanCauseKind } from './podman';

interface ErrorLike {
  statusCode?: number;
  code?: string;
  json?: { message?: string; cause?: string } | null;
  reason?: string;
  message?: string;
  name?: string;
  cause?: unknown;
}

/** Fixes by error kind for one request, replacing the kind's general fix. */
export type ErrorFixes = Partial<Record<EngineErrorKind, string>>;

export interface ErrorContext {
  fixes?: ErrorFixes;
  /** Strings (passwords, tokens) that must never appear in the message. */
  secrets?: string[];
  /** The caller's signal was aborted: whatever the socket said, this was a cancel. */
  aborted?: boolean;
}

/** What the engine said, without docker-modem's "(HTTP code 404) no such container - " prefix. */
function engineMessage(error: ErrorLike): string {
  const json = error.json;
  const fromJson = json && typeof json === 'object' && !Buffer.isBuffer(json) ? json.message : undefined;
  if (fromJson) return fromJson.trim();
  // Streamed requests carry the engine's words only in the modem's message: drop its "(HTTP code 500) server error - " prefix.
  if (error.message && error.statusCode !== undefined) return error.message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
  return (error.reason ?? error.message ?? String(error)).trim();
}

/** Node's codes for a server certificate the client does not trust. */
const untrustedCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED',
]);
/** Alerts the engine sends when it refuses the client's certificate (or gets none). */
const clientCertRefusedCodes = new Set([
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN', 'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
]);
/** Where the TLS files are looked for, as the fixes name them (a function: the language is set at activation). */
const tlsFiles = (): string => l10n.t('the TLS files (ca.pem, cert.pem, key.pem in DOCKER_CERT_PATH, or the Docker context\'s TLS folder)');

/** A TLS failure as one sentence naming the engine and what went wrong, with the fix; undefined when `code` is not one. */
function tlsError(code: string, endpoint: string, error: unknown): EngineError | undefined {
  const make = (message: string, fix: string): EngineError => new EngineError('tls', message, fix, undefined, { cause: error });
  if (untrustedCodes.has(code)) {
    return make(l10n.t('The container engine at {0} presented a certificate that is not trusted ({1}).', endpoint, code),
      l10n.t('Put the CA that signed the engine\'s certificate in ca.pem among {0}; only if you trust this engine, set SkipTLSVerify in its Docker context instead.', tlsFiles()));
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return make(l10n.t('The certificate of the container engine at {0} is not valid for the host name it was reached by ({1}).', endpoint, code),
      l10n.t('Connect by a name or address the certificate lists, or give the engine a certificate for this name.'));
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return make(code === 'CERT_HAS_EXPIRED'
      ? l10n.t('The certificate of the container engine at {0} has expired ({1}).', endpoint, code)
      : l10n.t('The certificate of the container engine at {0} is not valid yet ({1}).', endpoint, code),
    l10n.t('Renew the engine\'s certificate, or check this machine\'s clock.'));
  }
  if (clientCertRefusedCodes.has(code)) {
    return make(l10n.t('The container engine at {0} refused Berth\'s client certificate ({1}).', endpoint, code),
      l10n.t('Give Berth a cert.pem and key.pem signed by a CA the engine trusts, among {0}.', tlsFiles()));
  }
  if (code.startsWith('ERR_OSSL_')) {
    return make(l10n.t('The TLS client certificate or key for the container engine at {0} cannot be used ({1}).', endpoint, code),
      l10n.t('Check that cert.pem and key.pem among {0} are PEM files that belong together.', tlsFiles()));
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return make(l10n.t('The TLS handshake with the container engine at {0} failed ({1}).', endpoint, code),
      l10n.t('If the engine speaks plain HTTP, use tcp:// without DOCKER_TLS_VERIFY or DOCKER_TLS; otherwise check the port and {0}.', tlsFiles()));
  }
  return undefined;
}

const unreachableCodes = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'ENOTSOCK', 'ENOTDIR']);

/**
 * Maps a docker-modem / socket failure to an EngineError. `endpoint` names the engine
 * (and where that choice came from) so unreachable errors say which one failed.
 */
export function toEngineError(error: unknown, endpoint: string, context: ErrorContext = {}): EngineError {
  if (error instanceof EngineError) return scrub(error, context.secrets);
  return scrub(classify(error, endpoint, context), context.secrets);
}

function classify(error: unknown, endpoint: string, context: ErrorContext): EngineError {
  const general = classifyGeneral(error, endpoint, context);
  const fix = context.fixes?.[general.kind];
  return fix === undefined ? general : new EngineError(general.kind, general.message, fix, general.statusCode, { cause: general.cause });
}

function classifyGeneral(error: unknown, endpoint: string, context: ErrorContext): EngineError {
  const e = (error ?? {}) as ErrorLike;
  const cause = (e.cause ?? {}) as ErrorLike;
  if (e.name === 'TimeoutError' || cause.name === 'TimeoutError') {
    return new EngineError('timeout', l10n.t('The container engine at {0} did not answer in time.', endpoint), timeoutFix(), undefined, { cause: error });
  }
  if (e.name === 'AbortError' || context.aborted) return new EngineError('cancelled', l10n.t('The operation was cancelled.'), undefined, undefined, { cause: error });
  const code = e.code ?? '';
  if (unreachableCodes.has(code)) {
    return new EngineError('unreachable', l10n.t('Cannot reach the container engine at {0} ({1}).', endpoint, code),
      l10n.t('Start the engine, or point the berth.host setting, DOCKER_HOST or the Docker context at a running one.'), undefined, { cause: error });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new EngineError('permission', l10n.t('Permission denied opening the engine socket at {0}: your user may not use it ({1}).', endpoint, code), permissionFix(), undefined, { cause: error });
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return new EngineError('timeout', l10n.t('The container engine at {0} did not answer in time.', endpoint), timeoutFix(), undefined, { cause: error });
  }
  const tls = tlsError(code, endpoint, error);
  if (tls) return tls;
  if (code === 'ESSH') {
    return new EngineError('unreachable', l10n.t('Cannot reach the container engine at {0} over ssh: {1}', endpoint, e.message ?? l10n.t('ssh failed')),
      l10n.t('Check that `ssh HOST docker system dial-stdio` works in a terminal (keys, agent, ~/.ssh/config, docker installed on the remote side).'), undefined, { cause: error });
  }
  const said = capitalize(engineMessage(e));
  // The kind from the status dockerd would have sent; the error keeps the status that came.
  const status = e.statusCode;
  const like = podmanStatus(e, said);
  if (like === 404) return new EngineError('notFound', said, undefined, status, { cause: error });
  if (like === 409) return new EngineError('conflict', said, l10n.t('Stop or remove what still uses it (or use force), then try again.'), status, { cause: error });
  if (like === 400 || like === 406) return new EngineError('badRequest', said, undefined, status, { cause: error });
  if (like === 401) return new EngineError('unauthorized', said, l10n.t('Log in to the registry and try again.'), status, { cause: error });
  // The engine's 403 (errdefs.Forbidden) means the object's state forbids it, e.g. a network with endpoints.
  if (like === 403) return new EngineError('conflict', said, l10n.t('Disconnect or remove what still uses it, then try again.'), status, { cause: error });
  if (status !== undefined && status >= 500) return new EngineError('server', l10n.t('The engine failed: {0}', said), undefined, status, { cause: error });
  return new EngineError('server', said || l10n.t('The engine request failed.'), undefined, status, { cause: error });
}

/**
 * Podman answers 500 where dockerd answers 409, 400 or 404, naming the failure in `cause`
 * (see podman.ts); a missing manifest arrives as a 500 or a stream error with the registry's
 * error code. Both are read as the status dockerd would have sent.
 */
function podmanStatus(e: ErrorLike, said: string): number | undefined {
  if (e.statusCode !== 500) return e.statusCode;
  const json = e.json && typeof e.json === 'object' && !Buffer.isBuffer(e.json) ? e.json : undefined;
  const kind = podmanCauseKind(json?.cause);
  if (kind === 'conflict') return 409;
  if (kind === 'badRequest') return 400;
  if (kind === 'notFound' || isManifestUnknown(said)) return 404;
  return e.statusCode;
}

/** A socket the user may not open: the usual ways out, for rootful and rootless setups. */
const permissionFix = (): string => l10n.t('Add your user to the docker group (sudo usermod -aG docker $USER), then log out and in again; or use a rootless engine (unix://$XDG_RUNTIME_DIR/docker.sock) by pointing the berth.host setting, DOCKER_HOST or the Docker context at it.');

/** An endpoint that accepts and never answers is usually not a Docker API, or an engine that is stuck. */
const timeoutFix = (): string => l10n.t('Check that the endpoint (the berth.host setting, DOCKER_HOST or the Docker context) is a Docker engine\'s API, that the engine is not stuck or overloaded and that the network path to it works; berth.requestTimeout sets how long Berth waits.');

/**
 * Fixes for the requests whose conflicts mean one thing, shared by the engine modules (409
 * in general means "the object's state forbids this": classifyGeneral's fix). Getters: the
 * sentences are read in the editor's language, which is set after this module loads.
 */
export const conflictFixes = {
  get name(): ErrorFixes {
    return { conflict: l10n.t('Pick a name that is not taken, or remove the container that has it.') };
  },
  get imageInUse(): ErrorFixes {
    return { conflict: l10n.t('Remove the containers that use the image first, or remove it with force (the image then only loses its name while they use it).') };
  },
  get volumeInUse(): ErrorFixes {
    return { conflict: l10n.t('Remove the containers that use the volume first (stopping them is not enough).') };
  },
} satisfies Record<string, ErrorFixes>;

function scrub(error: EngineError, secrets: string[] | undefined): EngineError {
  const live = (secrets ?? []).filter((s) => s.length >= 3);
  if (live.length === 0) return error;
  const clean = (text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    let out = text;
    for (const secret of live) out = out.split(secret).join('***');
    return out;
  };
  const message = clean(error.message) ?? '';
  const fix = clean(error.fix);
  if (message === error.message && fix === error.fix) return error;
  // The cause is dropped: it may carry the secret in its own text.
  return new EngineError(error.kind, message, fix, error.statusCode);
}

function capitalize(text: string): string {
  return text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;
}
