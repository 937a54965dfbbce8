import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  configuredRegistries, decodeAuth, dockerConfigPath, dockerCredential, helperFor, inlineCredential,
  normalizeRegistry, parseDockerConfig, parseHelperAnswer, serverUrlFor,
} from '../../../src/registries/dockerConfig';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('docker config', () => {
  it('normalizes every Docker Hub spelling to docker.io and strips schemes and paths', () => {
    for (const input of ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io', 'REGISTRY.HUB.DOCKER.COM']) {
      assert.equal(normalizeRegistry(input), 'docker.io', input);
    }
    assert.equal(normalizeRegistry('https://ghcr.io/v2/'), 'ghcr.io');
    assert.equal(normalizeRegistry('127.0.0.1:5000'), '127.0.0.1:5000');
    assert.equal(normalizeRegistry('http://localhost:5000/'), 'localhost:5000');
    assert.equal(serverUrlFor('docker.io'), 'https://index.docker.io/v1/');
    assert.equal(serverUrlFor('ghcr.io'), 'ghcr.io');
  });

  it('parses auths, credsStore and credHelpers, and survives garbage', () => {
    const config = parseDockerConfig(JSON.stringify({
      auths: { 'https://index.docker.io/v1/': { auth: b64('alice:s3cret') }, 'ghcr.io': {} },
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud', 'bad.io': 'x; rm -rf /' },
    }));
    assert.equal(config.credsStore, 'desktop');
    assert.deepEqual(config.credHelpers, { 'gcr.io': 'gcloud' }, 'a helper name that is not a plain word is dropped');
    assert.deepEqual(configuredRegistries(config), ['docker.io', 'ghcr.io', 'gcr.io']);
    assert.deepEqual(parseDockerConfig('{not json'), { auths: {}, credHelpers: {} });
    assert.deepEqual(parseDockerConfig(undefined), { auths: {}, credHelpers: {} });
    assert.deepEqual(parseDockerConfig('null'), { auths: {}, credHelpers: {} });
  });

  it('chooses credHelpers before credsStore, like docker', () => {
    const config = parseDockerConfig(JSON.stringify({ credsStore: 'pass', credHelpers: { 'gcr.io': 'gcloud' } }));
    assert.equal(helperFor(config, 'gcr.io'), 'gcloud');
    assert.equal(helperFor(config, 'https://gcr.io'), 'gcloud');
    assert.equal(helperFor(config, 'ghcr.io'), 'pass');
    assert.equal(helperFor(parseDockerConfig('{}'), 'ghcr.io'), undefined);
  });

  it('decodes inline auths: auth, username/password and identity tokens', () => {
    const config = parseDockerConfig(JSON.stringify({
      auths: {
        'a.io': { auth: b64('alice:pa:ss') },
        'b.io': { username: 'bob', password: 'pw' },
        'c.io': { auth: b64('carol:'), identitytoken: 'tok' },
        'd.io': { auth: b64('nocolon') },
      },
    }));
    assert.deepEqual(inlineCredential(config, 'a.io'), { username: 'alice', secret: 'pa:ss', identityToken: false, source: 'docker config' });
    assert.deepEqual(inlineCredential(config, 'b.io'), { username: 'bob', secret: 'pw', identityToken: false, source: 'docker config' });
    assert.deepEqual(inlineCredential(config, 'c.io'), { username: 'carol', secret: 'tok', identityToken: true, source: 'docker config' });
    assert.equal(inlineCredential(config, 'd.io'), undefined);
    assert.equal(inlineCredential(config, 'e.io'), undefined);
    assert.equal(decodeAuth(undefined), undefined);
  });

  it('parses helper answers, including the <token> username', () => {
    assert.deepEqual(parseHelperAnswer('{"ServerURL":"x","Username":"u","Secret":"s"}', 'pass'), { username: 'u', secret: 's', identityToken: false, source: 'docker-credential-pass' });
    assert.deepEqual(parseHelperAnswer('{"Username":"<token>","Secret":"t"}', 'desktop'), { username: '', secret: 't', identityToken: true, source: 'docker-credential-desktop' });
    assert.equal(parseHelperAnswer('credentials not found in native keychain', 'pass'), undefined);
    assert.equal(parseHelperAnswer('{"Username":"u","Secret":""}', 'pass'), undefined);
  });

  it('asks the helper with the server URL docker uses, and falls back to auths', async () => {
    const asked: [string, string][] = [];
    const config = parseDockerConfig(JSON.stringify({ credsStore: 'pass', auths: { 'ghcr.io': { auth: b64('gh:inline') } } }));
    const hub = await dockerCredential(config, 'docker.io', async (helper, url) => {
      asked.push([helper, url]);
      return { ok: true, stdout: '{"Username":"hubuser","Secret":"hubpw"}' };
    });
    assert.deepEqual(asked, [['pass', 'https://index.docker.io/v1/']]);
    assert.equal(hub?.username, 'hubuser');
    const fallback = await dockerCredential(config, 'ghcr.io', async () => ({ ok: false, stdout: '' }));
    assert.equal(fallback?.secret, 'inline');
    const failing = await dockerCredential(config, 'quay.io', async () => { throw new Error('ENOENT'); });
    assert.equal(failing, undefined);
  });

  it('honours DOCKER_CONFIG', () => {
    assert.equal(dockerConfigPath({ DOCKER_CONFIG: '/x/cfg', HOME: '/home/u' }), '/x/cfg/config.json');
    assert.equal(dockerConfigPath({ HOME: '/home/u' }), '/home/u/.docker/config.json');
  });
});
