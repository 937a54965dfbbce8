/**
 * Engine tier: several engines at once, against the two private dockerds of
 * scripts/test-env.sh (BERTH_TEST_DOCKER_HOST and BERTH_TEST_DOCKER_HOST_2), and the
 * docker CLI's context store as the docker CLI itself reads and writes it.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { createContext, inspectContext, removeContext } from '../../src/engine/contextStore';
import { listContexts, systemFiles, useContext } from '../../src/engine/contexts';
import { contextDirName, Endpoint, resolveEndpoint } from '../../src/engine/endpoint';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { EngineRef, endpointOfRef } from '../../src/engine/engineRefs';
import { probeEndpoint } from '../../src/engine/probe';
import { engineAdapter } from '../../src/state/engineSource';
import { ResourceStores } from '../../src/state/resources';
import { EngineSessions, PinStore } from '../../src/state/sessions';
import { itemsOf } from '../../src/state/store';
import { testDockerHost, testEngineKind, testImage, uniqueName } from '../support/engine';
import { Certs, makeCerts, startSshd, tlsForwarder } from '../support/fixtures';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';

function secondHost(): string {
  const host = process.env.BERTH_TEST_DOCKER_HOST_2;
  if (!host) throw new Error('No second test engine: BERTH_TEST_DOCKER_HOST_2 is not set. Run `npm run env:up` (it starts two private dockerds) and source .vscode-test/env/env.sh.');
  return host;
}

const rawClient = (url: string) => new Docker({ socketPath: url.replace(/^unix:\/\//, '') });
const endpoint = (url: string, why: string): Endpoint => ({ url, source: 'setting', why });

/** The docker CLI with a config folder of the test's own, so the user's contexts are never read or touched. */
function dockerCli(configDir: string, ...args: string[]): string {
  return execFileSync('docker', args, { env: { ...process.env, DOCKER_CONFIG: configDir, DOCKER_CONTEXT: '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('two engines at once', () => {
  const first = testDockerHost();
  const second = secondHost();
  const made: { url: string; id: string }[] = [];

  after(async () => {
    for (const { url, id } of made) await rawClient(url).getContainer(id).remove({ force: true }).catch(() => undefined);
  });

  it('probes each: it answers, is Docker, and counts what that engine has', async () => {
    for (const url of [first, second]) {
      const status = await probeEndpoint(endpoint(url, 'a test engine'));
      assert.equal(status.reachable, true, url);
      if (!status.reachable) return;
      const info = await rawClient(url).info() as { Containers: number; Images: number; ServerVersion: string };
      // The engine tier also runs with Podman as the first engine (engine-podman); the second is always a dockerd.
      assert.equal(status.kind, url === first && testEngineKind() === 'podman' ? 'Podman' : 'Docker');
      assert.equal(status.version, info.ServerVersion);
      assert.equal(status.containers, info.Containers);
      assert.equal(status.images, info.Images);
    }
  });

  it('says an endpoint with nothing behind it does not answer, with the reason', async () => {
    const status = await probeEndpoint(endpoint(`unix://${path.join(tempDir('gone-'), 'docker.sock')}`, 'a socket nobody serves'), 2000);
    assert.equal(status.reachable, false);
    if (!status.reachable) assert.equal((status.error as EngineError).kind, 'unreachable');
  });

  it('checks an ssh endpoint through ssh (docker system dial-stdio), and says why a refused key fails', async () => {
    const sshd = await startSshd(second);
    try {
      const url = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
      const status = await probeEndpoint(endpoint(url, 'an ssh endpoint being added'), 15_000, { sshArgs: sshd.clientArgs });
      assert.equal(status.reachable, true, status.reachable ? '' : String(status.error));
      if (status.reachable) assert.equal(status.images, ((await rawClient(second).info()) as { Images: number }).Images, 'the second engine answered');
      const refused = await probeEndpoint(endpoint(url, 'an ssh endpoint being added'), 15_000, { sshArgs: sshd.wrongKeyArgs });
      assert.equal(refused.reachable, false);
      if (!refused.reachable) assert.match((refused.error as Error).message, new RegExp(`127\\.0\\.0\\.1`), 'names the host');
    } finally {
      await sshd.stop();
    }
  });

  it('keeps a pinned engine in a session of its own: its own stores, its own events, its own records', async () => {
    const primaryEngine = new Engine(endpoint(first, 'the first test engine'));
    const primaryStores = new ResourceStores(primaryEngine, engineAdapter);
    let pins: EngineRef[] = [];
    const pinStore: PinStore = { get: () => pins, set: async (refs) => void (pins = refs) };
    const sessions = new EngineSessions({
      engine: primaryEngine,
      onDidChangeEngine: () => ({ dispose: () => undefined }),
      endpointOf: (ref) => endpointOfRef(ref, { env: {}, exists: () => false }),
      requestTimeoutMs: () => 30_000,
      enabled: () => true,
    }, primaryStores, pinStore);
    try {
      assert.equal(sessions.several, false);
      await sessions.pin({ kind: 'endpoint', name: 'second', url: second });
      // Pinning the primary engine's own endpoint shows it once.
      await sessions.pin({ kind: 'endpoint', name: 'first again', url: first });
      assert.equal(sessions.list().length, 2);
      const pinned = sessions.list()[1];
      assert.equal(pinned.label, 'second');
      await Promise.all([primaryStores.refresh(), pinned.stores.refresh()]);

      // Made behind Berth's back on the second engine: only the pinned session's store shows it, from its own event stream.
      const name = uniqueName('pinned');
      const created = await rawClient(second).createContainer({ Image: testImage, name, Cmd: ['sleep', '30'] });
      made.push({ url: second, id: created.id });
      const record = await waitFor(() => itemsOf(pinned.stores.containers).find((c) => c.name === name), `${name} in the pinned engine's store`, 20_000);
      assert.equal(itemsOf(primaryStores.containers).some((c) => c.name === name), false, 'the first engine\'s store does not list it');
      assert.equal(sessions.sessionOf(record), pinned, 'the record is the pinned engine\'s');
      assert.equal(sessions.sessionOf({ kind: 'container', container: record }), pinned, 'so is a tree node carrying it');

      // An action through the session reaches the second engine.
      await sessions.sessionOf(record).engine.containers.start(record.id);
      assert.equal((await rawClient(second).getContainer(created.id).inspect()).State.Running, true);
      await assert.rejects(rawClient(first).getContainer(created.id).inspect(), 'the first engine has no such container');

      const primaryRecord = itemsOf(primaryStores.containers)[0] ?? itemsOf(primaryStores.images)[0];
      assert.ok(primaryRecord, 'the first engine lists something');
      assert.equal(sessions.sessionOf(primaryRecord), sessions.primary);

      await sessions.unpin({ kind: 'endpoint', name: 'second', url: second });
      assert.equal(sessions.several, false);
    } finally {
      sessions.dispose();
      primaryStores.dispose();
      await primaryEngine.dispose();
    }
  });
});

describe('the docker CLI\'s context store', () => {
  const configDir = path.join(tempDir('docker-config-'), '.docker');
  const env = { DOCKER_CONFIG: configDir, HOME: path.dirname(configDir) };
  let certs: Certs;

  before(async () => {
    certs = makeCerts();
  });

  it('creates a context the docker CLI lists and inspects as its own', async () => {
    await createContext({ name: 'berth-second', description: 'the second test engine', host: secondHost() }, env);
    await createContext({ name: 'berth-tls', host: 'tcp://127.0.0.1:2376', tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey } }, env);
    const listed = dockerCli(configDir, 'context', 'ls', '--format', '{{json .}}').trim().split('\n').map((line) => JSON.parse(line) as { Name: string; DockerEndpoint: string; Description: string; Error?: string });
    const second = listed.find((c) => c.Name === 'berth-second');
    assert.deepEqual({ endpoint: second?.DockerEndpoint, description: second?.Description, error: second?.Error ?? '' }, { endpoint: secondHost(), description: 'the second test engine', error: '' });
    assert.equal(listed.find((c) => c.Name === 'berth-tls')?.DockerEndpoint, 'tcp://127.0.0.1:2376');

    const cli = JSON.parse(dockerCli(configDir, 'context', 'inspect', 'berth-tls')) as Record<string, unknown>[];
    assert.deepEqual(await inspectContext('berth-tls', env), cli[0], 'Berth\'s inspect is what the CLI prints');
    assert.deepEqual((cli[0].TLSMaterial as { docker: string[] }).docker, ['ca.pem', 'cert.pem', 'key.pem']);
    const key = path.join(configDir, 'contexts', 'tls', contextDirName('berth-tls'), 'docker', 'key.pem');
    assert.equal(statSync(key).mode & 0o777, 0o600, 'the copied key is private to its owner');

    // And the CLI talks to the engine through it.
    assert.equal(dockerCli(configDir, '--context', 'berth-second', 'version', '--format', '{{.Server.Version}}').trim(), (await rawClient(secondHost()).version()).Version);
  });

  it('reads contexts the docker CLI created, TLS files included, and connects through them', async () => {
    dockerCli(configDir, 'context', 'create', 'cli-made', '--docker', `host=${secondHost()}`);
    dockerCli(configDir, 'context', 'create', 'cli-tls', '--docker', `host=tcp://127.0.0.1:2376,ca=${certs.ca},cert=${certs.clientCert},key=${certs.clientKey}`);
    const contexts = listContexts(env, env.HOME, systemFiles());
    assert.deepEqual(contexts.map((c) => c.name), ['default', 'berth-second', 'berth-tls', 'cli-made', 'cli-tls']);
    assert.equal(contexts.find((c) => c.name === 'cli-tls')?.tls, true);
    const viaContext = endpointOfRef({ kind: 'context', name: 'cli-made' }, { env, exists: existsSync, readFile: systemFiles().readFile, home: env.HOME });
    assert.equal(viaContext.url, secondHost());
    const status = await probeEndpoint(viaContext);
    assert.equal(status.reachable, true);
    const tlsEndpoint = resolveEndpoint({ env, contextSetting: 'cli-tls', exists: existsSync, readFile: systemFiles().readFile, home: env.HOME });
    assert.equal(tlsEndpoint.tls?.verify, true);
    assert.ok(tlsEndpoint.tls?.key?.endsWith(path.join(contextDirName('cli-tls'), 'docker', 'key.pem')));
  });

  it('copies a context\'s TLS files so they work: a mutual-TLS engine answers through it, and a wrong CA is a TLS error', async () => {
    const forwarder = await tlsForwarder(certs, secondHost().slice('unix://'.length));
    try {
      const url = `tcp://127.0.0.1:${forwarder.port}`;
      await createContext({ name: 'berth-mtls', host: url, tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey } }, env);
      const viaContext = endpointOfRef({ kind: 'context', name: 'berth-mtls' }, { env, exists: existsSync, readFile: systemFiles().readFile, home: env.HOME });
      assert.ok(viaContext.tls?.ca?.startsWith(configDir), 'the copies in the context store are used, not the originals');
      const status = await probeEndpoint(viaContext);
      assert.equal(status.reachable, true, status.reachable ? '' : String(status.error));
      // The client certificate given as the CA: the engine's certificate is not trusted.
      const wrong = await probeEndpoint({ url, source: 'setting', why: 'a wrong CA', tls: { verify: true, ca: certs.clientCert, cert: certs.clientCert, key: certs.clientKey } });
      assert.equal(wrong.reachable, false);
      if (!wrong.reachable) assert.equal((wrong.error as EngineError).kind, 'tls');
      await removeContext('berth-mtls', env);
    } finally {
      await forwarder.close();
    }
  });

  it('refuses what the CLI refuses, in one sentence, before writing anything', async () => {
    await assert.rejects(createContext({ name: 'berth-second', host: secondHost() }, env), /already exists/);
    await assert.rejects(createContext({ name: 'default', host: secondHost() }, env), /"default" is the docker CLI's own context/);
    await assert.rejects(createContext({ name: 'bad name', host: secondHost() }, env), /is not a context name/);
    await assert.rejects(createContext({ name: 'bad-url', host: 'http//x' }, env), /not an engine endpoint/);
    await assert.rejects(createContext({ name: 'tls-on-unix', host: secondHost(), tls: { ca: certs.ca } }, env), /tcp:\/\/ endpoints only/);
    assert.equal(dockerCli(configDir, 'context', 'ls', '-q').trim().split('\n').length, 5, 'nothing was written');
    await useContext('cli-made', env, env.HOME);
    await assert.rejects(removeContext('cli-made', env), /the docker CLI's current context/);
    await useContext('default', env, env.HOME);
  });

  it('removes a context with its TLS files, and the docker CLI no longer sees it', async () => {
    await removeContext('berth-tls', env);
    await removeContext('cli-made', env);
    assert.equal(existsSync(path.join(configDir, 'contexts', 'tls', contextDirName('berth-tls'))), false);
    assert.deepEqual(dockerCli(configDir, 'context', 'ls', '-q').trim().split('\n').sort(), ['berth-second', 'cli-tls', 'default']);
    await assert.rejects(removeContext('berth-tls', env), /no Docker context named "berth-tls"/);
    await assert.rejects(removeContext('default', env), /cannot be removed/);
  });
});
