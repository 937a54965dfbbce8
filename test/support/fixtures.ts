/**
 * Real fixtures for the endpoint tests: certificates made by openssl, a TLS listener
 * that forwards to the private engine's socket, and an sshd on 127.0.0.1 whose
 * sessions reach the private engine. Each fails with a clear message when its tool is missing.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer as createNetServer, Socket } from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { tempDir } from './temp';
import { waitFor } from './wait';

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${what}: cannot run ${command} (${result.error.message}); install it (apt-get install -y ${command === 'openssl' ? 'openssl' : 'openssh-server openssh-client'}).`);
  if (result.status !== 0) throw new Error(`${what}: ${command} ${args.join(' ')} failed: ${result.stderr}`);
}

export interface Certs {
  dir: string;
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all made by openssl. */
export function makeCerts(): Certs {
  const dir = tempDir('tls-');
  const p = (name: string): string => path.join(dir, name);
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=berth-test-ca', '-keyout', p('ca-key.pem'), '-out', p('ca.pem')], 'the test CA');
  writeFileSync(p('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  writeFileSync(p('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, subject] of [['server', '/CN=127.0.0.1'], ['client', '/CN=berth-client']]) {
    run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', p(`${name}-key.pem`), '-out', p(`${name}.csr`)], `the ${name} key`);
    run('openssl', ['x509', '-req', '-in', p(`${name}.csr`), '-CA', p('ca.pem'), '-CAkey', p('ca-key.pem'), '-CAcreateserial', '-days', '2', '-extfile', p(`${name}.ext`), '-out', p(`${name}.pem`)], `the ${name} certificate`);
  }
  return { dir, ca: p('ca.pem'), serverCert: p('server.pem'), serverKey: p('server-key.pem'), clientCert: p('client.pem'), clientKey: p('client-key.pem') };
}

/** A TLS listener on 127.0.0.1 that demands a client certificate and pipes each connection to a unix socket. */
export async function tlsForwarder(certs: Certs, socketPath: string): Promise<{ port: number; close(): Promise<void> }> {
  const open = new Set<Socket>();
  const server = tls.createServer({
    key: readFileSync(certs.serverKey), cert: readFileSync(certs.serverCert), ca: readFileSync(certs.ca), requestCert: true, rejectUnauthorized: true,
  }, (client) => {
    const engine = connect(socketPath);
    open.add(client).add(engine);
    client.pipe(engine).pipe(client);
    const end = (): void => {
      client.destroy();
      engine.destroy();
    };
    client.on('error', end).on('close', end);
    engine.on('error', end).on('close', end);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the TLS forwarder has no port');
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A port nothing listens on right now (127.0.0.1). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export interface Sshd {
  port: number;
  user: string;
  /** ssh arguments that make the client independent of ~/.ssh: key, known_hosts, no config file. */
  clientArgs: string[];
  /** The same, with a key the server does not accept. */
  wrongKeyArgs: string[];
  stop(): Promise<void>;
}

/** Debian's sshd on 127.0.0.1 with keys made for the test; sessions get DOCKER_HOST pointing at `dockerHost`. */
export async function startSshd(dockerHost: string): Promise<Sshd> {
  if (!existsSync('/usr/sbin/sshd')) throw new Error('sshd is missing: apt-get install -y openssh-server.');
  const dir = tempDir('sshd-');
  const p = (name: string): string => path.join(dir, name);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', p('host_key')], 'the sshd host key');
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', p('client_key')], 'the ssh client key');
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', p('wrong_key')], 'a second client key');
  writeFileSync(p('authorized_keys'), readFileSync(p('client_key.pub')));
  chmodSync(p('authorized_keys'), 0o600);
  // sshd refuses to start without its privilege separation folder (normally made by the service unit).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = await freePort();
  const user = process.env.USER && process.env.USER !== '' ? process.env.USER : 'root';
  writeFileSync(p('sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${p('host_key')}`, `AuthorizedKeysFile ${p('authorized_keys')}`, `PidFile ${p('sshd.pid')}`,
    'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication yes', 'PermitRootLogin prohibit-password', 'UsePAM no', 'StrictModes no',
    `SetEnv DOCKER_HOST=${dockerHost}`, 'PrintMotd no', 'LogLevel ERROR',
  ].join('\n') + '\n');
  writeFileSync(p('known_hosts'), `[127.0.0.1]:${port} ${readFileSync(p('host_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ')}\n`);
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', p('sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const common = ['-F', '/dev/null', '-o', `UserKnownHostsFile=${p('known_hosts')}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none'];
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${stderr}`);
    return new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
  }, `sshd on 127.0.0.1:${port}`, 15_000);
  return {
    port, user,
    clientArgs: [...common, '-i', p('client_key')],
    wrongKeyArgs: [...common, '-i', p('wrong_key')],
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
