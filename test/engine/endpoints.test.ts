/**
 * Engine tier: actually connecting the ways users do — a Docker context (on disk in a
 * temp HOME) to the private engine's unix socket, a context to tcp+TLS with certificates
 * made by openssl, DOCKER_HOST with DOCKER_TLS_VERIFY, and ssh through an sshd on 127.0.0.1.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listContexts, systemEndpointInputs, systemFiles, useContext } from '../../src/engine/contexts';
import { contextDirName, resolveEndpoint } from '../../src/engine/endpoint';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { testDockerHost, testImage, uniqueName, sameImage } from '../support/engine';
import { Certs, makeCerts, Sshd, startSshd, tlsForwarder } from '../support/fixtures';
import { tempDir } from '../support/temp';

const home = tempDir('home-');
const dockerDir = path.join(home, '.docker');
let certs: Certs;
let forwarder: { port: number; close(): Promise<void> };
const engines: Engine[] = [];

function writeContext(name: string, host: string, tls?: { ca: string; cert?: string; key?: string }): void {
  const metaDir = path.join(dockerDir, 'contexts', 'meta', contextDirName(name));
  mkdirSync(metaDir, { recursive: true });
  writeFileSync(path.join(metaDir, 'meta.json'), JSON.stringify({ Name: name, Metadata: { Description: `berth test ${name}` }, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  if (tls) {
    const tlsDir = path.join(dockerDir, 'contexts', 'tls', contextDirName(name), 'docker');
    mkdirSync(tlsDir, { recursive: true });
    copyFileSync(tls.ca, path.join(tlsDir, 'ca.pem'));
    if (tls.cert) copyFileSync(tls.cert, path.join(tlsDir, 'cert.pem'));
    if (tls.key) copyFileSync(tls.key, path.join(tlsDir, 'key.pem'));
  }
}

function engineFor(env: Record<string, string>): Engine {
  const engine = new Engine(resolveEndpoint(systemEndpointInputs(undefined, { HOME: home, ...env })));
  engines.push(engine);
  return engine;
}

before(async () => {
  certs = makeCerts();
  forwarder = await tlsForwarder(certs, testDockerHost().slice('unix://'.length));
  writeContext('private', testDockerHost());
  writeContext('secure', `tcp://127.0.0.1:${forwarder.port}`, { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey });
  writeContext('nocert', `tcp://127.0.0.1:${forwarder.port}`, { ca: certs.ca });
});

after(async () => {
  for (const engine of engines) await engine.dispose();
  await forwarder?.close();
});

describe('Docker contexts', () => {
  it('lists contexts and switches the current one in config.json', async () => {
    writeFileSync(path.join(dockerDir, 'config.json'), JSON.stringify({ auths: { 'example.com': {} } }));
    const env = { HOME: home };
    assert.deepEqual(listContexts(env, home, systemFiles()).map((c) => [c.name, c.current]), [['default', true], ['nocert', false], ['private', false], ['secure', false]]);
    await useContext('private', env, home);
    const config = JSON.parse(readFileSync(path.join(dockerDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(config.currentContext, 'private');
    assert.deepEqual(config.auths, { 'example.com': {} }, 'other keys are kept');
    assert.equal(listContexts(env, home, systemFiles()).find((c) => c.current)?.name, 'private');
    await assert.rejects(useContext('nope', env, home), (e: EngineError) => e.kind === 'notFound' && /no Docker context named "nope"/.test(e.message));
  });

  it('connects over unix through the current context', async () => {
    await useContext('private', { HOME: home }, home);
    const engine = engineFor({});
    assert.equal(engine.endpoint.source, 'context');
    assert.equal(engine.endpoint.url, testDockerHost());
    assert.match(engine.endpoint.why, /currentContext in .*config\.json/);
    assert.ok((await engine.images.list()).some((i) => i.repoTags.some((t) => sameImage(t, testImage))));
    await useContext('default', { HOME: home }, home);
    assert.equal(JSON.parse(readFileSync(path.join(dockerDir, 'config.json'), 'utf8')).currentContext, undefined);
  });

  it('connects over tcp with TLS through DOCKER_CONTEXT, exec included', async () => {
    const engine = engineFor({ DOCKER_CONTEXT: 'secure' });
    assert.equal(engine.endpoint.tls?.verify, true);
    assert.match((await engine.system.version()).apiVersion, /^1\./);
    const id = await engine.containers.run({ image: testImage, name: uniqueName('tls'), cmd: ['sleep', '60'] });
    try {
      assert.equal((await engine.containers.execRun(id, ['echo', 'over tls'])).stdout, 'over tls\n');
    } finally {
      await engine.containers.remove(id, { force: true });
    }
  });

  it('connects with DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const certPath = tempDir('certpath-');
    copyFileSync(certs.ca, path.join(certPath, 'ca.pem'));
    copyFileSync(certs.clientCert, path.join(certPath, 'cert.pem'));
    copyFileSync(certs.clientKey, path.join(certPath, 'key.pem'));
    const engine = engineFor({ DOCKER_HOST: `tcp://127.0.0.1:${forwarder.port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certPath });
    assert.equal(engine.endpoint.source, 'DOCKER_HOST');
    await engine.system.ping();
  });

  it('a TLS endpoint without a client certificate fails as a TLS error, naming the context', async () => {
    const engine = engineFor({ DOCKER_CONTEXT: 'nocert' });
    await assert.rejects(engine.system.ping(), (e: EngineError) => {
      assert.equal(e.kind, 'tls', e.message);
      assert.match(e.message, /the Docker context "nocert"/);
      return true;
    });
  });

  it('a context that does not exist fails every call with a clear sentence', async () => {
    const engine = engineFor({ DOCKER_CONTEXT: 'missing' });
    await assert.rejects(engine.containers.list(), (e: EngineError) => e.kind === 'unreachable' && /context "missing" named by the DOCKER_CONTEXT environment variable does not exist/.test(e.message));
  });
});

describe('ssh', () => {
  let sshd: Sshd;
  before(async () => {
    sshd = await startSshd(testDockerHost());
  });
  after(async () => {
    await sshd?.stop();
  });

  it('reaches the engine through `ssh … docker system dial-stdio`, with exec and logs', async () => {
    const engine = new Engine({ url: `ssh://${sshd.user}@127.0.0.1:${sshd.port}`, source: 'setting', why: 'from the berth.host setting' }, { sshArgs: sshd.clientArgs });
    engines.push(engine);
    assert.match((await engine.system.version()).apiVersion, /^1\./);
    const id = await engine.containers.run({ image: testImage, name: uniqueName('ssh'), cmd: ['sh', '-c', 'echo via-ssh; sleep 60'] });
    try {
      assert.equal((await engine.containers.execRun(id, ['echo', 'exec over ssh'])).stdout, 'exec over ssh\n');
      assert.ok((await engine.containers.list()).some((c) => c.id === id));
      assert.ok((await engine.images.list()).some((i) => i.repoTags.some((t) => sameImage(t, testImage))));
    } finally {
      await engine.containers.remove(id, { force: true });
    }
  });

  it('an ssh refusal is unreachable with ssh\'s own words', async () => {
    const engine = new Engine({ url: `ssh://${sshd.user}@127.0.0.1:${sshd.port}`, source: 'setting', why: 'from the berth.host setting' }, { sshArgs: sshd.wrongKeyArgs });
    engines.push(engine);
    await assert.rejects(engine.system.ping(), (e: EngineError) => {
      assert.equal(e.kind, 'unreachable', e.message);
      assert.match(e.message, /over ssh: .*Permission denied/);
      assert.match(e.fix ?? '', /docker system dial-stdio/);
      return true;
    });
  });
});
