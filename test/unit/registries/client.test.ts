import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FetchLike, nextLink, parseWwwAuthenticate, RegistryClient, RegistryError, registryBaseUrl } from '../../../src/registries/client';

interface Call { method: string; url: string; headers: Record<string, string>; body?: string }

/** A scripted registry: each handler answers one request and records it. */
function scripted(handler: (call: Call) => Response): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      const call = { method: init.method, url, headers: init.headers, body: init.body };
      calls.push(call);
      return handler(call);
    },
  };
}

const json = (body: unknown, headers: Record<string, string> = {}): Response => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } });

describe('registry client', () => {
  it('parses WWW-Authenticate challenges', () => {
    assert.deepEqual(parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull,push"'), {
      scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull,push' },
    });
    assert.deepEqual(parseWwwAuthenticate('Basic realm="berth-test"'), { scheme: 'basic', params: { realm: 'berth-test' } });
    assert.equal(parseWwwAuthenticate(undefined), undefined);
  });

  it('follows Link pagination', () => {
    assert.equal(nextLink('</v2/_catalog?last=b&n=2>; rel="next"'), '/v2/_catalog?last=b&n=2');
    assert.equal(nextLink(null), undefined);
  });

  it('uses plain HTTP only for loopback registries', () => {
    assert.equal(registryBaseUrl('127.0.0.1:5000'), 'http://127.0.0.1:5000');
    assert.equal(registryBaseUrl('localhost:5000'), 'http://localhost:5000');
    assert.equal(registryBaseUrl('ghcr.io'), 'https://ghcr.io');
    assert.equal(registryBaseUrl('docker.io'), 'https://registry-1.docker.io');
    assert.equal(registryBaseUrl('http://reg.lan:5000'), 'http://reg.lan:5000');
  });

  it('lists the catalog across pages', async () => {
    const { fetch, calls } = scripted((call) => call.url.includes('last=b')
      ? json({ repositories: ['c'] })
      : json({ repositories: ['a', 'b'] }, { link: '</v2/_catalog?last=b&n=2>; rel="next"' }));
    const client = new RegistryClient('127.0.0.1:5000', { fetch });
    assert.deepEqual(await client.catalog(), ['a', 'b', 'c']);
    assert.equal(calls[1].url, 'http://127.0.0.1:5000/v2/_catalog?last=b&n=2');
  });

  it('answers a Basic challenge with the credential, and says "log in" without one', async () => {
    const { fetch, calls } = scripted((call) => call.headers.Authorization
      ? json({ name: 'app', tags: ['dev', 'latest'] })
      : new Response('', { status: 401, headers: { 'www-authenticate': 'Basic realm="x"' } }));
    const client = new RegistryClient('127.0.0.1:5001', { fetch, credential: async () => ({ username: 'u', secret: 'pw', identityToken: false, source: 'Berth' }) });
    assert.deepEqual(await client.tags('team/app'), ['dev', 'latest']);
    assert.equal(calls[0].url, 'http://127.0.0.1:5001/v2/team/app/tags/list?n=1000');
    assert.equal(calls[1].headers.Authorization, `Basic ${Buffer.from('u:pw').toString('base64')}`);
    const anonymous = new RegistryClient('127.0.0.1:5001', { fetch });
    await assert.rejects(anonymous.tags('app'), (error: unknown) => error instanceof RegistryError && error.kind === 'unauthorized' && /Log in/.test(error.message));
  });

  it('fetches a Bearer token from the realm and reuses it for the same scope', async () => {
    const { fetch, calls } = scripted((call) => {
      if (call.url.startsWith('https://auth.example/token')) return call.headers.Authorization ? json({ token: 'T' }) : new Response('', { status: 401 });
      if (call.headers.Authorization === 'Bearer T') return json({ tags: ['1'] });
      return new Response('', { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"' } });
    });
    const client = new RegistryClient('reg.example', { fetch, credential: async () => ({ username: 'u', secret: 'hunter2', identityToken: false, source: 'Berth' }) });
    assert.deepEqual(await client.tags('app'), ['1']);
    assert.equal(calls[1].url, 'https://auth.example/token?service=reg&scope=repository%3Aapp%3Apull');
    await client.tags('app');
    assert.equal(calls.length, 4, 'the token is reused for the same scope');
  });

  it('deletes a tag by its digest and explains a registry that forbids deletion', async () => {
    const { fetch, calls } = scripted((call) => call.method === 'HEAD'
      ? new Response(null, { status: 200, headers: { 'docker-content-digest': 'sha256:abc' } })
      : new Response(null, { status: 202 }));
    assert.equal(await new RegistryClient('127.0.0.1:5000', { fetch }).deleteTag('app', 'dev'), 'sha256:abc');
    assert.equal(calls[1].method, 'DELETE');
    assert.equal(calls[1].url, 'http://127.0.0.1:5000/v2/app/manifests/sha256:abc');
    const refusing = scripted((call) => call.method === 'HEAD'
      ? new Response(null, { status: 200, headers: { 'docker-content-digest': 'sha256:abc' } })
      : new Response(null, { status: 405 }));
    await assert.rejects(new RegistryClient('127.0.0.1:5000', { fetch: refusing.fetch }).deleteTag('app', 'dev'), /does not allow deleting/);
  });

  it('reads a manifest with its digest, media type and size', async () => {
    const { fetch, calls } = scripted(() => json({ schemaVersion: 2, config: { size: 10 }, layers: [{ size: 100 }, { size: 5 }] }, {
      'content-type': 'application/vnd.docker.distribution.manifest.v2+json', 'docker-content-digest': 'sha256:d',
    }));
    const manifest = await new RegistryClient('127.0.0.1:5000', { fetch }).manifest('app', 'dev');
    assert.equal(manifest.digest, 'sha256:d');
    assert.equal(manifest.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    assert.equal(manifest.size, 115);
    assert.match(calls[0].headers.Accept, /manifest\.v2\+json/);
  });

  it('says Docker Hub has no catalog, and names an unreachable registry', async () => {
    await assert.rejects(new RegistryClient('docker.io').catalog(), /Search Docker Hub/);
    const down: FetchLike = async () => { throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }); };
    await assert.rejects(new RegistryClient('127.0.0.1:9', { fetch: down }).ping(), /Cannot reach the registry 127\.0\.0\.1:9 .*ECONNREFUSED/);
  });
});
