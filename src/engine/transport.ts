/**
 * Turns an Endpoint into a docker-modem (the HTTP layer under dockerode, without dockerode's
 * gRPC and protobuf): unix and npipe sockets, tcp with or without TLS (files read here), and
 * ssh through `docker system dial-stdio`.
 */
import * as l10n from '@vscode/l10n';
import Modem from 'docker-modem';
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import { Endpoint, parseEndpointUrl, TlsFiles } from './endpoint';
import { EngineError } from './errors';
import { SshDialAgent } from './ssh';

export interface TransportOptions {
  /** Extra ssh arguments (identity file, config file, known_hosts) for ssh:// endpoints. */
  sshArgs?: string[];
  sshCommand?: string;
}

export interface Transport {
  modem: Modem;
  dispose(): void;
}

/**
 * docker-modem fills every option left out from DOCKER_HOST and DOCKER_CLIENT_TIMEOUT. Berth
 * resolved the endpoint itself (endpoint.ts) and keeps its own time limits (api.ts), so the
 * environment must not override either: a unix socket chosen in berth.host stays a unix
 * socket when DOCKER_HOST names a tcp one.
 */
export function createModem(options: Modem.ConstructorOptions): Modem {
  return new Modem({ host: undefined, port: undefined, protocol: undefined, timeout: undefined, ...options });
}

function read(file: string | undefined, what: 'ca' | 'cert' | 'key', endpoint: Endpoint): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (error) {
    const args = [file, endpoint.url, endpoint.why] as const;
    const message = what === 'ca' ? l10n.t('Cannot read the TLS CA certificate {0} for {1} ({2}).', ...args)
      : what === 'cert' ? l10n.t('Cannot read the TLS client certificate {0} for {1} ({2}).', ...args)
        : l10n.t('Cannot read the TLS client key {0} for {1} ({2}).', ...args);
    throw new EngineError('tls', message, l10n.t('Check DOCKER_CERT_PATH or the context\'s TLS files.'), undefined, { cause: error });
  }
}

function tlsAgent(tls: TlsFiles, endpoint: Endpoint): https.Agent {
  return new https.Agent({
    keepAlive: true,
    ca: read(tls.ca, 'ca', endpoint),
    cert: read(tls.cert, 'cert', endpoint),
    key: read(tls.key, 'key', endpoint),
    rejectUnauthorized: tls.verify,
  });
}

/** Throws an EngineError (badRequest / unreachable) when the endpoint cannot be used at all. */
export function createTransport(endpoint: Endpoint, options: TransportOptions = {}): Transport {
  if (endpoint.problem) throw new EngineError('unreachable', endpoint.problem);
  let connection;
  try {
    connection = parseEndpointUrl(endpoint.url, endpoint.tls);
  } catch (error) {
    throw new EngineError('badRequest', `${(error as Error).message} (${endpoint.why})`, l10n.t('Fix the berth.host setting, DOCKER_HOST or the Docker context.'));
  }
  switch (connection.kind) {
    case 'unix':
    case 'npipe':
      return { modem: createModem({ socketPath: connection.socketPath }), dispose: () => undefined };
    case 'tcp': {
      if (!connection.tls) return { modem: createModem({ host: connection.host, port: connection.port, protocol: 'http' }), dispose: () => undefined };
      const agent = tlsAgent(connection.tls, endpoint);
      return { modem: createModem({ host: connection.host, port: connection.port, protocol: 'https', agent }), dispose: () => agent.destroy() };
    }
    case 'ssh': {
      const agent = new SshDialAgent({ host: connection.host, user: connection.user, port: connection.port, extraArgs: options.sshArgs, command: options.sshCommand });
      return { modem: createModem({ host: connection.host, port: 80, protocol: 'http', agent }), dispose: () => agent.destroy() };
    }
  }
}
