/** The pure parts of several engines: refs, the context store's format, the Engines view's rows, engine groups. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextMetaJson, contextPaths, validateContextName, validateNewContext } from '../../../src/engine/contextStore';
import { resolveEndpoint } from '../../../src/engine/endpoint';
import { endpointOfRef, engineRefKey, parseEngineRefs, validateAddedEndpoint } from '../../../src/engine/engineRefs';
import { EngineError } from '../../../src/engine/errors';
import { describeStatus, engineKindOf, EngineStatus } from '../../../src/engine/probe';
import { engineRowContext, engineRowItem, engineRows, RowInputs } from '../../../src/engines/rows';
import { endpointLabel, type EngineSession } from '../../../src/state/sessions';
import { countOf, engineGroupItem, engineProblemRows } from '../../../src/views/engineGroup';

const up: EngineStatus = { reachable: true, kind: 'Docker', version: '20.10.24', apiVersion: '1.41', containers: 3, running: 1, images: 1 };
const down: EngineStatus = { reachable: false, error: new EngineError('unreachable', 'Cannot connect to unix:///x.sock: nothing listens there.', 'Start the engine.') };

describe('engine refs', () => {
  it('are keyed by context name or endpoint URL', () => {
    assert.equal(engineRefKey({ kind: 'context', name: 'remote' }), 'context:remote');
    assert.equal(engineRefKey({ kind: 'endpoint', name: 'lab', url: 'tcp://lab:2376' }), 'endpoint:tcp://lab:2376');
  });

  it('keep only well-formed refs read back from state', () => {
    const refs = parseEngineRefs([{ kind: 'context', name: 'a' }, { kind: 'context', name: '' }, { kind: 'endpoint', name: 'b', url: 'ftp://x' }, { kind: 'endpoint', name: 'c', url: 'ssh://me@c' }, 'junk', null]);
    assert.deepEqual(refs, [{ kind: 'context', name: 'a' }, { kind: 'endpoint', name: 'c', url: 'ssh://me@c' }]);
    assert.deepEqual(parseEngineRefs(undefined), []);
  });

  it('turn into endpoints: an added one as added (with TLS), a context through the context store, "default" by DOCKER_HOST', () => {
    const tls = { verify: true, ca: '/certs/ca.pem' };
    assert.deepEqual(endpointOfRef({ kind: 'endpoint', name: 'lab', url: 'tcp://lab:2376', tls }, { env: {}, exists: () => false }), { url: 'tcp://lab:2376', source: 'setting', why: 'the endpoint "lab" added in Berth', tls });
    const viaDefault = endpointOfRef({ kind: 'context', name: 'default' }, { env: { DOCKER_HOST: 'unix:///run/other.sock' }, hostSetting: 'tcp://ignored:1', exists: () => false, readFile: () => undefined, home: '/home/u' });
    assert.equal(viaDefault.url, 'unix:///run/other.sock', 'Berth\'s own berth.host plays no part in a ref');
    const missing = endpointOfRef({ kind: 'context', name: 'gone' }, { env: {}, exists: () => false, readFile: () => undefined, home: '/home/u' });
    assert.match(missing.problem ?? '', /"gone" .* does not exist/);
  });

  it('validate an added endpoint in one sentence', () => {
    const taken = [{ kind: 'endpoint' as const, name: 'lab', url: 'tcp://lab:2376' }];
    assert.equal(validateAddedEndpoint('other', 'ssh://me@box', taken), undefined);
    assert.equal(validateAddedEndpoint('', 'ssh://me@box', taken), 'An endpoint needs a name.');
    assert.match(validateAddedEndpoint('x', 'lab:2376', taken) ?? '', /is not an engine endpoint/);
    assert.equal(validateAddedEndpoint('x', 'tcp://lab:2376', taken), 'The endpoint tcp://lab:2376 is already added.');
    assert.equal(validateAddedEndpoint('lab', 'tcp://lab2:2376', taken), 'An endpoint named "lab" is already added.');
  });

  it('give berth.host the TLS files of an endpoint added with them', () => {
    const tls = { verify: true, ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' };
    const endpoint = resolveEndpoint({ hostSetting: 'tcp://lab:2376', hostTls: (url) => (url === 'tcp://lab:2376' ? tls : undefined), env: {}, exists: () => false });
    assert.deepEqual(endpoint.tls, tls);
    const plain = resolveEndpoint({ hostSetting: 'tcp://other:2375', hostTls: () => undefined, env: {}, exists: () => false });
    assert.equal('tls' in plain, false);
  });
});

describe('the context store format', () => {
  it('writes meta.json exactly as `docker context create` does', () => {
    // What docker CLI 28 wrote for `docker context create t1 --description d1 --docker host=tcp://1.2.3.4:2376,ca=…`.
    assert.equal(contextMetaJson({ name: 't1', description: 'd1', host: 'tcp://1.2.3.4:2376' }), '{"Name":"t1","Metadata":{"Description":"d1"},"Endpoints":{"docker":{"Host":"tcp://1.2.3.4:2376","SkipTLSVerify":false}}}');
    assert.equal(contextMetaJson({ name: 't3', host: 'tcp://h:2376', skipTlsVerify: true }), '{"Name":"t3","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://h:2376","SkipTLSVerify":true}}}');
  });

  it('stores a context under the sha256 of its name', () => {
    assert.deepEqual(contextPaths('/c', 't1'), {
      meta: '/c/contexts/meta/628b49d96dcde97a430dd4f597705899e09a968f793491e4b704cae33a40dc02',
      tls: '/c/contexts/tls/628b49d96dcde97a430dd4f597705899e09a968f793491e4b704cae33a40dc02',
    });
  });

  it('takes names the docker CLI takes, and says why not otherwise', () => {
    for (const ok of ['remote', 'my-ctx_2', 'a.b+c', 'x1']) assert.equal(validateContextName(ok), undefined, ok);
    assert.equal(validateContextName(' '), 'A context needs a name.');
    assert.match(validateContextName('default') ?? '', /docker CLI's own/);
    for (const bad of ['a', '-lead', 'has space', 'sl/ash']) assert.match(validateContextName(bad) ?? '', /is not a context name/, bad);
  });

  it('refuses TLS on anything but tcp, and a certificate without its key', () => {
    assert.match(validateNewContext({ name: 'x1', host: 'unix:///s.sock', tls: { ca: '/ca.pem' } }) ?? '', /tcp:\/\/ endpoints only/);
    assert.match(validateNewContext({ name: 'x1', host: 'tcp://h:2376', tls: { cert: '/c.pem' } }) ?? '', /needs its key/);
    assert.equal(validateNewContext({ name: 'x1', host: 'tcp://h:2376', tls: { ca: '/ca.pem', cert: '/c.pem', key: '/k.pem' } }), undefined);
  });
});

describe('engine status', () => {
  it('tells Podman from Docker by /version\'s components', () => {
    assert.equal(engineKindOf({ components: ['Podman Engine', 'Conmon'] }), 'Podman');
    assert.equal(engineKindOf({ components: ['Engine', 'containerd', 'runc'] }), 'Docker');
    assert.equal(engineKindOf({ components: [] }), 'Docker');
  });

  it('says what an engine is and holds, or that it does not answer', () => {
    assert.equal(describeStatus(up), 'Docker 20.10.24 · 3 containers (1 running) · 1 image');
    assert.equal(describeStatus({ ...up, containers: 1, running: 0, images: 0 }), 'Docker 20.10.24 · 1 container · 0 images');
    assert.equal(describeStatus(down), 'not answering');
  });
});

describe('Engines view rows', () => {
  const inputs: RowInputs = {
    contexts: [
      { name: 'default', description: 'Current DOCKER_HOST based configuration', url: 'unix:///var/run/docker.sock', tls: false, current: true },
      { name: 'remote', description: 'lab box', url: 'tcp://lab:2376', tls: true, current: false },
    ],
    added: [{ kind: 'endpoint', name: 'podman', url: 'unix:///run/podman/podman.sock' }],
    current: { url: 'unix:///var/run/docker.sock' },
    pinned: [{ kind: 'endpoint', name: 'podman', url: 'unix:///run/podman/podman.sock' }],
    statuses: new Map<string, EngineStatus>([['context:default', up], ['context:remote', down]]),
  };

  it('lists contexts then added endpoints, marking the current, pinned and CLI ones', () => {
    const rows = engineRows(inputs);
    assert.deepEqual(rows.map((r) => [r.ref.name, r.current, r.pinned, r.cli]), [['default', true, false, true], ['remote', false, false, false], ['podman', false, true, false]]);
    assert.deepEqual(rows.map(engineRowContext), ['engine.context.default.current.cli', 'engine.context.unreachable', 'engine.endpoint.pinned']);
  });

  it('takes a context Berth chose as current even when another row has the same URL', () => {
    const rows = engineRows({ ...inputs, current: { url: 'tcp://lab:2376', context: 'remote' }, contexts: [...inputs.contexts, { name: 'lab-too', description: '', url: 'tcp://lab:2376', tls: true, current: false }] });
    assert.deepEqual(rows.filter((r) => r.current).map((r) => r.ref.name), ['remote']);
  });

  it('shows status, a click that switches (none on the current row), and the failure in the tooltip', () => {
    const [current, remote, podman] = engineRows(inputs).map(engineRowItem);
    assert.equal(current.description, 'current · Docker 20.10.24 · 3 containers (1 running) · 1 image');
    assert.equal(current.command, undefined);
    assert.equal(remote.description, 'not answering');
    assert.deepEqual(remote.icon, { id: 'debug-disconnect', color: 'errorForeground' });
    assert.match(remote.tooltip ?? '', /Not answering: Cannot connect/);
    assert.equal(remote.command?.command, 'berth.engines.use');
    assert.equal(podman.description, 'pinned · checking…');
    assert.equal(podman.icon.id, 'loading~spin');
    assert.notEqual(current.id, remote.id);
  });
});

describe('engine groups in the explorer', () => {
  const session = (primary: boolean): EngineSession => ({
    key: primary ? 'primary' : 'endpoint:unix:///two.sock', label: primary ? 'default' : 'two', primary,
    engine: { endpoint: { url: primary ? 'unix:///one.sock' : 'unix:///two.sock' } } as EngineSession['engine'],
    stores: undefined as unknown as EngineSession['stores'],
  });

  it('counts what the engine holds, and says so when it does not answer', () => {
    const ready = engineGroupItem({ kind: 'engine', view: 'berth.containers', session: session(true) }, { kind: 'ready', items: [1, 2] }, countOf('container'));
    assert.equal(ready.description, 'current engine · 2 containers');
    assert.equal(ready.contextValue, 'engineGroup.primary');
    const failed = engineGroupItem({ kind: 'engine', view: 'berth.containers', session: session(false) }, { kind: 'error', error: down.reachable ? undefined : down.error }, countOf('container'));
    assert.equal(failed.description, 'pinned · not answering');
    assert.equal(failed.contextValue, 'engineGroup.pinned.unreachable');
    assert.notEqual(ready.id, failed.id);
  });

  it('holds the failure\'s sentence, Retry and Show Log when its engine does not answer', () => {
    const rows = engineProblemRows('berth.images/endpoint:unix:///two.sock', down.reachable ? undefined : down.error);
    assert.deepEqual(rows.map((r) => r.label), ['Cannot connect to unix:///x.sock: nothing listens there. Start the engine.', 'Retry', 'Show Log']);
    assert.deepEqual(rows.map((r) => r.command), [undefined, 'berth.explorer.refresh', 'berth.log.show']);
  });
});

describe('engine group names', () => {
  it('name a context by its name, DOCKER_HOST and the default socket "default", anything else by its URL', () => {
    assert.equal(endpointLabel({ url: 'tcp://lab:2376', context: 'lab', source: 'context' }), 'lab');
    assert.equal(endpointLabel({ url: 'unix:///run/x.sock', source: 'DOCKER_HOST' }), 'default');
    assert.equal(endpointLabel({ url: 'unix:///var/run/docker.sock', source: 'default' }), 'default');
    assert.equal(endpointLabel({ url: 'unix:///run/podman.sock', source: 'setting' }), '/run/podman.sock');
    assert.equal(endpointLabel({ url: 'ssh://me@box', source: 'setting' }), 'ssh://me@box');
  });
});
