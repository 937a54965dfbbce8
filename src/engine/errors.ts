/**
 * Every failure that leaves the engine layer is an EngineError: a kind decided from
 * the status code or the system error code (never from message text), a sentence a
 * person understands, and the fix where there is one.
 */
export type EngineErrorKind =
  | 'unreachable'
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

interface ErrorLike {
  statusCode?: number;
  code?: string;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
  name?: string;
}

/** What the engine said, without dockerode's "(HTTP code 404) no such container - " prefix. */
function engineMessage(error: ErrorLike): string {
  const fromJson = error.json && typeof error.json === 'object' ? error.json.message : undefined;
  return (fromJson ?? error.reason ?? error.message ?? String(error)).trim();
}

/**
 * Maps a dockerode / socket failure to an EngineError. `endpoint` names the engine
 * (and where that choice came from) so unreachable errors say which one failed.
 */
export function toEngineError(error: unknown, endpoint: string): EngineError {
  if (error instanceof EngineError) return error;
  const e = (error ?? {}) as ErrorLike;
  if (e.name === 'AbortError') return new EngineError('cancelled', 'The operation was cancelled.', undefined, undefined, { cause: error });
  switch (e.code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ECONNRESET':
    case 'EPIPE':
      return new EngineError('unreachable', `Cannot reach the container engine at ${endpoint} (${e.code}).`,
        'Start the engine, or point the berth.host setting or DOCKER_HOST at a running one.', undefined, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new EngineError('permission', `Permission denied opening the engine socket at ${endpoint}.`,
        'Add your user to the docker group (sudo usermod -aG docker $USER), then log out and in again; or use a rootless engine.', undefined, { cause: error });
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return new EngineError('timeout', `The container engine at ${endpoint} did not answer in time.`,
        'Check that the endpoint is a Docker API and that the network path to it works.', undefined, { cause: error });
  }
  const status = e.statusCode;
  const said = engineMessage(e);
  if (status === 404) return new EngineError('notFound', capitalize(said), undefined, status, { cause: error });
  if (status === 409) return new EngineError('conflict', capitalize(said), undefined, status, { cause: error });
  if (status === 400) return new EngineError('badRequest', capitalize(said), undefined, status, { cause: error });
  if (status === 401 || status === 403) return new EngineError('unauthorized', capitalize(said), 'Log in to the registry and try again.', status, { cause: error });
  if (status !== undefined && status >= 500) return new EngineError('server', `The engine failed: ${said}`, undefined, status, { cause: error });
  return new EngineError('server', said || 'The engine request failed.', undefined, status, { cause: error });
}

function capitalize(text: string): string {
  return text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;
}
