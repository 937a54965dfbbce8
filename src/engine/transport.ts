/**
 * Turns an Endpoint into a dockerode client: unix and npipe sockets, tcp with or
 * without TLS (files read here), and ssh through `docker system dial-stdio`.
 */
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import Docker from 'dockerode';
import { Endpoint, parseEndpointUrl, TlsFiles } from './endpoint';
import { EngineError } from './errors';
import { SshDialAgent } from './ssh';

export interface TransportOptions {
  /** Extra ssh arguments (identity file, config file, known_hosts) for ssh:// endpoints. */
  sshArgs?: string[];
  sshCommand?: string;
}

export interface Transport {
  docker: Docker;
  dispose(): void;
}

function read(file: string | undefined, what: string, endpoint: Endpoint): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (error) {
    throw new EngineError('tls', `Cannot read the TLS ${what} ${file} for ${endpoint.url} (${endpoint.why}).`,
      'Check DOCKER_CERT_PATH or the context\'s TLS files.', undefined, { cause: error });
  }
}

function tlsAgent(tls: TlsFiles, endpoint: Endpoint): https.Agent {
  return new https.Agent({
    keepAlive: true,
    ca: read(tls.ca, 'CA certificate', endpoint),
    cert: read(tls.cert, 'client certificate', endpoint),
    key: read(tls.key, 'client key', endpoint),
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
    throw new EngineError('badRequest', `${(error as Error).message} (${endpoint.why})`, 'Fix the berth.host setting, DOCKER_HOST or the Docker context.');
  }
  switch (connection.kind) {
    case 'unix':
    case 'npipe':
      return { docker: new Docker({ socketPath: connection.socketPath }), dispose: () => undefined };
    case 'tcp': {
      if (!connection.tls) return { docker: new Docker({ host: connection.host, port: connection.port, protocol: 'http' }), dispose: () => undefined };
      const agent = tlsAgent(connection.tls, endpoint);
      return { docker: new Docker({ host: connection.host, port: connection.port, protocol: 'https', agent } as Docker.DockerOptions), dispose: () => agent.destroy() };
    }
    case 'ssh': {
      const agent = new SshDialAgent({ host: connection.host, user: connection.user, port: connection.port, extraArgs: options.sshArgs, command: options.sshCommand });
      return { docker: new Docker({ host: connection.host, port: 80, protocol: 'http', agent } as Docker.DockerOptions), dispose: () => agent.destroy() };
    }
  }
}
