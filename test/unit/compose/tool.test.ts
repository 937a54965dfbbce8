/** Finding the compose tool and pointing it at Berth's engine. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectTool, noToolMessage, parseVersion, Probe, toolEnvironment } from '../../../src/compose/tool';

/** A machine with these programs answering `version` with this text. */
function machine(answers: Record<string, string>): { probe: Probe; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    probe: async (argv) => {
      const key = argv.slice(0, -1).join(' ');
      asked.push(key);
      return key in answers ? { code: 0, stdout: answers[key] } : { code: -1, stdout: '' };
    },
  };
}

describe('compose tool', () => {
  it('reads the versions each tool prints', () => {
    assert.equal(parseVersion('Docker Compose version v2.24.5'), '2.24.5');
    assert.equal(parseVersion('docker-compose version 1.29.2, build unknown\ndocker-py version: 5.0.3'), '1.29.2');
    assert.equal(parseVersion('podman-compose version: 1.0.3\n'), undefined, 'a colon is not a version line');
    assert.equal(parseVersion('podman-compose version 1.0.6'), '1.0.6');
  });

  it('prefers the v2 plugin, then docker-compose, then podman-compose', async () => {
    const all = machine({ 'docker compose': 'Docker Compose version v2.24.5', 'docker-compose': 'docker-compose version 1.29.2, build unknown', 'podman-compose': 'podman-compose version 1.0.6' });
    assert.deepEqual(await detectTool('auto', all.probe), { kind: 'docker compose', command: ['docker', 'compose'], version: '2.24.5', generation: 2 });
    const v1 = machine({ 'docker-compose': 'docker-compose version 1.29.2, build unknown', 'podman-compose': 'podman-compose version 1.0.6' });
    assert.deepEqual(await detectTool('auto', v1.probe), { kind: 'docker-compose', command: ['docker-compose'], version: '1.29.2', generation: 1 });
    assert.deepEqual(v1.asked, ['docker compose', 'docker-compose']);
    const podman = machine({ 'podman-compose': 'podman-compose version 1.0.6' });
    assert.equal((await detectTool('auto', podman.probe))?.kind, 'podman-compose');
    assert.equal((await detectTool('auto', podman.probe))?.generation, 1);
    const v2standalone = machine({ 'docker-compose': 'Docker Compose version v2.20.0' });
    assert.equal((await detectTool('auto', v2standalone.probe))?.generation, 2);
  });

  it('uses only the tool the setting names', async () => {
    const m = machine({ 'docker compose': 'Docker Compose version v2.24.5', 'podman-compose': 'podman-compose version 1.0.6' });
    assert.equal((await detectTool('podman-compose', m.probe))?.kind, 'podman-compose');
    assert.deepEqual(m.asked, ['podman-compose']);
    assert.equal(await detectTool('docker-compose', m.probe), undefined);
  });

  it('says in one sentence that none was found and how to install one on this platform', () => {
    for (const [platform, hint] of [['linux', /apt-get install docker-compose/], ['darwin', /brew install docker-compose/], ['win32', /Docker Desktop/]] as const) {
      const message = noToolMessage('auto', platform);
      assert.match(message, /^No compose tool was found/);
      assert.match(message, hint);
      assert.equal(message.split(/\.\s/).length, 1, 'one sentence');
    }
    assert.match(noToolMessage('docker-compose', 'linux'), /berth\.compose\.tool \(docker-compose\)/);
  });

  it('points the tool at Berth\'s engine, replacing what the environment said', () => {
    const inherited = { PATH: '/bin', DOCKER_HOST: 'unix:///other.sock', DOCKER_CONTEXT: 'prod', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/old' };
    assert.deepEqual(toolEnvironment({ url: 'unix:///run/berth.sock', source: 'setting', why: '' }, inherited), { PATH: '/bin', DOCKER_HOST: 'unix:///run/berth.sock' });
    assert.deepEqual(toolEnvironment({ url: 'ssh://me@box', source: 'context', context: 'box', why: '' }, {}), { DOCKER_HOST: 'ssh://me@box' });
    const tls = toolEnvironment({ url: 'tcp://h:2376', source: 'context', why: '', tls: { verify: true, ca: '/c/tls/ca.pem', cert: '/c/tls/cert.pem', key: '/c/tls/key.pem' } }, {});
    assert.deepEqual(tls, { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c/tls' });
    const noVerify = toolEnvironment({ url: 'tcp://h:2376', source: 'DOCKER_HOST', why: '', tls: { verify: false } }, {});
    assert.deepEqual(noVerify, { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1' });
  });

  it('refuses to run without an engine (Restricted Mode, a broken context)', () => {
    assert.throws(() => toolEnvironment({ url: '', source: 'setting', why: 'Restricted Mode', problem: 'Berth uses no engine in Restricted Mode.' }, {}), /Restricted Mode/);
    assert.throws(() => toolEnvironment({ url: '', source: 'default', why: '' }, {}), /no engine/);
  });
});
