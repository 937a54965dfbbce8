/**
 * Engine tier: TLS verification is on unless the user's context says otherwise. A
 * dedicated dockerd listens on tcp://127.0.0.1:<port> with --tlsverify (certificates
 * made by openssl: a CA, a server certificate for IP 127.0.0.1 only, a client
 * certificate; and a second CA that vouches for nothing here). Berth connects through
 * its own endpoint resolution (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_TLS,
 * DOCKER_CERT_PATH, Docker contexts with SkipTLSVerify), with HOME and DOCKER_CONFIG in
 * temporary folders so the user's files are never read or written. For what the
 * variables mean, the docker CLI on this machine is the oracle: every case runs through
 * both, and they must agree.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { systemEndpointInputs } from '../../src/engine/contexts';
import { contextDirName, resolveEndpoint } from '../../src/engine/endpoint';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { describeError } from '../../src/errorText';
import { PrivateDockerd } from '../support/dockerd';
import { Certs, freePort, makeCerts } from '../support/fixtures';
import { tempDir } from '../support/temp';

const home = tempDir('tls-home-');
const dockerConfig = path.join(home, 'docker-config');
let certs: Certs;
let stranger: Certs;
let dockerd: PrivateDockerd;
let port: number;
const engines: Engine[] = [];
/** Everything Berth would show or log about these endpoints: checked for the client key at the end. */
const shown: string[] = [];

interface Files { ca?: string; cert?: string; key?: string }

/** A DOCKER_CERT_PATH-style folder with the given files as ca.pem, cert.pem, key.pem. */
function certDir(files: Files): string {
  const dir = tempDir('certs-');
  for (const [name, file] of Object.entries(files)) if (file) copyFileSync(file, path.join(dir, `${name}.pem`));
  return dir;
}

function writeContext(name: string, host: string, files: Files, skipTlsVerify = false): void {
  const meta = path.join(dockerConfig, 'contexts', 'meta', contextDirName(name));
  mkdirSync(meta, { recursive: true });
  writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: skipTlsVerify } } }));
  const tls = path.join(dockerConfig, 'contexts', 'tls', contextDirName(name), 'docker');
  mkdirSync(tls, { recursive: true });
  for (const [kind, file] of Object.entries(files)) if (file) copyFileSync(file, path.join(tls, `${kind}.pem`));
}

function engineFor(env: Record<string, string>): Engine {
  const engine = new Engine(resolveEndpoint(systemEndpointInputs(undefined, { HOME: home, DOCKER_CONFIG: dockerConfig, ...env })));
  engines.push(engine);
  shown.push(engine.label, JSON.stringify(engine.endpoint));
  return engine;
}

/** Connects (a version call); on failure the EngineError, whose words are kept for the key check. */
async function attempt(engine: Engine): Promise<EngineError | undefined> {
  try {
    await engine.system.version();
    return undefined;
  } catch (error) {
    assert.ok(error instanceof EngineError, String(error));
    shown.push(error.message, error.fix ?? '', error.detail, describeError(error));
    return error;
  }
}

/** The docker CLI with only these variables (and a PATH): whether it reached the engine. */
function cliConnects(env: Record<string, string>): boolean {
  const result = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DOCKER_CONFIG: dockerConfig, ...env }, encoding: 'utf8', timeout: 60_000,
  });
  if (result.error) throw new Error(`the docker CLI is the oracle for DOCKER_TLS_VERIFY and could not run (${result.error.message}): apt-get install -y docker.io`);
  return result.status === 0;
}

before(async () => {
  certs = makeCerts();
  stranger = makeCerts();
  port = await freePort();
  dockerd = new PrivateDockerd('berth-tls-', { tcp: { port, ca: certs.ca, cert: certs.serverCert, key: certs.serverKey } });
  await dockerd.start();
});

after(async () => {
  for (const engine of engines) await engine.dispose();
  await dockerd?.dispose();
});

describe('TLS verification', () => {
  it('connects with the CA and verification on (DOCKER_TLS_VERIFY, and a context)', async () => {
    const good = certDir({ ca: certs.ca, cert: certs.clientCert, key: certs.clientKey });
    const env = { DOCKER_HOST: dockerd.tcpUrl!, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: good };
    const engine = engineFor(env);
    assert.equal(engine.endpoint.tls?.verify, true);
    assert.equal(await attempt(engine), undefined);
    assert.deepEqual(await engine.containers.list(), [], 'the dedicated engine answers over TLS');
    assert.equal(cliConnects(env), true, 'the docker CLI connects too');
    writeContext('verified', dockerd.tcpUrl!, { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey });
    const viaContext = engineFor({ DOCKER_CONTEXT: 'verified' });
    assert.equal(viaContext.endpoint.tls?.verify, true);
    assert.equal(await attempt(viaContext), undefined);
  });

  it('refuses an engine whose certificate its CA does not vouch for, naming the endpoint and the fix', async () => {
    const env = { DOCKER_HOST: dockerd.tcpUrl!, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir({ ca: stranger.ca, cert: certs.clientCert, key: certs.clientKey }) };
    const error = await attempt(engineFor(env));
    assert.equal(error?.kind, 'tls', error?.message);
    assert.match(error.message, new RegExp(`at ${dockerd.tcpUrl} \\(from the DOCKER_HOST environment variable with DOCKER_TLS_VERIFY\\) presented a certificate that is not trusted`));
    assert.match(error.fix ?? '', /ca\.pem/, 'says which file to fix');
    assert.match(error.fix ?? '', /SkipTLSVerify/, 'and the deliberate way out');
    assert.equal(cliConnects(env), false, 'the docker CLI refuses it too');
    // No ca.pem where DOCKER_CERT_PATH points: refused before connecting, naming the file.
    const noCa = { ...env, DOCKER_CERT_PATH: certDir({ cert: certs.clientCert, key: certs.clientKey }) };
    const missing = await attempt(engineFor(noCa));
    assert.equal(missing?.kind, 'tls', missing?.message);
    assert.match(missing.message, /Cannot read the TLS CA certificate .*ca\.pem for tcp:\/\/127\.0\.0\.1:\d+/);
    assert.equal(cliConnects(noCa), false, 'the docker CLI refuses it too');
    // A context with no CA at all: the system's CAs do not know the engine's either.
    writeContext('untrusted', dockerd.tcpUrl!, { cert: certs.clientCert, key: certs.clientKey });
    const viaContext = await attempt(engineFor({ DOCKER_CONTEXT: 'untrusted' }));
    assert.equal(viaContext?.kind, 'tls', viaContext?.message);
    assert.match(viaContext.message, /the Docker context "untrusted" .* not trusted/);
  });

  it('refuses a host name the certificate does not list', async () => {
    const env = { DOCKER_HOST: `tcp://localhost:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir({ ca: certs.ca, cert: certs.clientCert, key: certs.clientKey }) };
    const error = await attempt(engineFor(env));
    assert.equal(error?.kind, 'tls', error?.message);
    assert.match(error.message, new RegExp(`tcp://localhost:${port} .* is not valid for the host name it was reached by`));
    assert.match(error.fix ?? '', /name or address the certificate lists/);
    assert.equal(cliConnects(env), false, 'the docker CLI refuses it too');
  });

  it('connects without verification when the context says SkipTLSVerify', async () => {
    // Both faults at once: a CA that does not vouch for the engine, and a name its certificate does not list.
    writeContext('skip', `tcp://localhost:${port}`, { ca: stranger.ca, cert: certs.clientCert, key: certs.clientKey }, true);
    const engine = engineFor({ DOCKER_CONTEXT: 'skip' });
    assert.equal(engine.endpoint.tls?.verify, false);
    assert.equal(await attempt(engine), undefined);
    assert.equal(cliConnects({ DOCKER_CONTEXT: 'skip' }), true, 'the docker CLI connects too');
  });

  it('reads DOCKER_TLS_VERIFY and DOCKER_TLS the way the docker CLI does', async () => {
    const untrusted = certDir({ ca: stranger.ca, cert: certs.clientCert, key: certs.clientKey });
    const trusted = certDir({ ca: certs.ca, cert: certs.clientCert, key: certs.clientKey });
    mkdirSync(dockerConfig, { recursive: true });
    for (const file of ['ca', 'cert', 'key'] as const) copyFileSync({ ca: certs.ca, cert: certs.clientCert, key: certs.clientKey }[file], path.join(dockerConfig, `${file}.pem`));
    const host = dockerd.tcpUrl!;
    const cases: [string, Record<string, string>, boolean][] = [
      ['DOCKER_TLS_VERIFY=1 verifies', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: untrusted }, false],
      ['DOCKER_TLS_VERIFY=0 verifies too (any value does)', { DOCKER_TLS_VERIFY: '0', DOCKER_CERT_PATH: untrusted }, false],
      ['DOCKER_TLS_VERIFY=false verifies too', { DOCKER_TLS_VERIFY: 'false', DOCKER_CERT_PATH: untrusted }, false],
      ['DOCKER_TLS_VERIFY=0 is TLS, not plain HTTP', { DOCKER_TLS_VERIFY: '0', DOCKER_CERT_PATH: trusted }, true],
      ['DOCKER_TLS=1 is TLS without verification', { DOCKER_TLS: '1', DOCKER_CERT_PATH: untrusted }, true],
      ['an empty DOCKER_TLS_VERIFY does not verify', { DOCKER_TLS_VERIFY: '', DOCKER_TLS: '1', DOCKER_CERT_PATH: untrusted }, true],
      ['no variable is plain HTTP, which a TLS engine refuses', { DOCKER_CERT_PATH: trusted }, false],
      ['without DOCKER_CERT_PATH the files come from $DOCKER_CONFIG', { DOCKER_TLS_VERIFY: '1' }, true],
    ];
    const disagreements: string[] = [];
    for (const [what, vars, connects] of cases) {
      const env = { DOCKER_HOST: host, ...vars };
      const error = await attempt(engineFor(env));
      const cli = cliConnects(env);
      if ((error === undefined) !== connects || cli !== connects) {
        disagreements.push(`${what}: expected ${connects ? 'to connect' : 'a refusal'}; Berth ${error ? `refused (${error.kind}: ${error.message})` : 'connected'}, the docker CLI ${cli ? 'connected' : 'refused'}`);
      }
      if (error && vars.DOCKER_TLS_VERIFY && vars.DOCKER_CERT_PATH === untrusted && error.kind !== 'tls') {
        disagreements.push(`${what}: refused, but as ${error.kind} rather than a TLS error (${error.message})`);
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('says when the client certificate and key do not belong together, and never shows the key', async () => {
    const mismatched = certDir({ ca: certs.ca, cert: certs.clientCert, key: stranger.clientKey });
    const error = await attempt(engineFor({ DOCKER_HOST: dockerd.tcpUrl!, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: mismatched }));
    assert.equal(error?.kind, 'tls', error?.message);
    assert.match(error.message, /client certificate or key .* cannot be used/);
    assert.match(error.fix ?? '', /belong together/);
    // Nothing Berth showed or logged in any case above holds a private key, whole or in part.
    const keys = [certs.clientKey, stranger.clientKey].map((file) => readFileSync(file, 'utf8'));
    const keyLines = keys.flatMap((pem) => pem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----')));
    assert.ok(shown.length > 20, `the check read what Berth said (${shown.length} texts)`);
    for (const text of shown) {
      assert.doesNotMatch(text, /PRIVATE KEY/);
      for (const line of keyLines) assert.ok(!text.includes(line), `a line of a private key appears in: ${text.slice(0, 200)}`);
    }
  });
});
