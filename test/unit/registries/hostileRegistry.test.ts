/**
 * The registry client against real HTTP servers that try to get the user's login out
 * of it: a next page on another origin, a token realm over plain http on a host that is
 * not this machine, pages without end, and a token service that echoes what it got.
 * Each "thief" server records every request, so a credential that left shows up there.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { after, describe, it } from 'node:test';
import { maxPages, RegistryClient, RegistryError } from '../../../src/registries/client';
import type { Credential } from '../../../src/registries/dockerConfig';

interface Seen { method: string; url: string; authorization?: string; body: string }

interface TestServer {
  origin: string;
  seen: Seen[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];
after(async () => Promise.all(servers.map((s) => s.close())));

/** A real HTTP server on `host` whose answers come from `answer`; every request is recorded. */
async function serve(answer: (req: Seen, res: http.ServerResponse, origin: string) => void, host = '127.0.0.1'): Promise<TestServer> {
  const seen: Seen[] = [];
  let origin = '';
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization, body };
      seen.push(request);
      answer(request, res, origin);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const handle = {
    origin,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  servers.push(handle);
  return handle;
}

function json(res: http.ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A registry protected by Basic auth: without Authorization it asks for it. */
function basicRegistry(page: (req: Seen, res: http.ServerResponse, origin: string) => void) {
  return (req: Seen, res: http.ServerResponse, origin: string): void => {
    if (!req.authorization) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="hostile"' });
      res.end();
      return;
    }
    page(req, res, origin);
  };
}

/** This machine's first address that is not loopback: a plain-http realm there must get no password. */
function nonLoopbackAddress(): string {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  throw new Error('This test needs a network interface with a non-loopback IPv4 address (none found in os.networkInterfaces()).');
}

const password = 'correct-horse-battery-staple-7';
const login: Credential = { username: 'berth', secret: password, identityToken: false, source: 'Berth' };
const basic = `Basic ${Buffer.from(`berth:${password}`).toString('base64')}`;

/** Whatever an error carries (message, stack, own fields) as one string. */
function everything(error: unknown): string {
  const e = error as Error;
  return [e.message, e.stack, JSON.stringify(e), String(e)].join('\n');
}

describe('registry client against hostile registries', () => {
  it('follows next pages on its own origin, relative or absolute', async () => {
    const registry = await serve(basicRegistry((req, res, origin) => {
      if (req.url.includes('last=b')) return json(res, { tags: ['c'] }, { link: `<${origin}/v2/app/tags/list?last=c&n=1000>; rel="next"` });
      if (req.url.includes('last=c')) return json(res, { tags: ['d'] });
      json(res, { tags: ['a', 'b'] }, { link: '</v2/app/tags/list?last=b&n=1000>; rel="next"' });
    }));
    const client = new RegistryClient(registry.origin.replace('http://', ''), { credential: async () => login });
    assert.deepEqual(await client.tags('app'), ['a', 'b', 'c', 'd']);
  });

  it('refuses a next page on another origin, and the other origin receives nothing', async () => {
    const thief = await serve((_req, res) => json(res, { tags: ['stolen'] }));
    const registry = await serve(basicRegistry((_req, res) => json(res, { tags: ['1'] }, { link: `<${thief.origin}/collect?n=1000>; rel="next"` })));
    const client = new RegistryClient(registry.origin.replace('http://', ''), { credential: async () => login });
    await assert.rejects(client.tags('app'), (error: unknown) => error instanceof RegistryError && /another host/.test(error.message));
    assert.ok(registry.seen.some((r) => r.authorization === basic), 'the registry itself got the login (the test is real)');
    assert.deepEqual(thief.seen, [], 'the other origin received a request');
  });

  it('sends no login to a plain-http token realm that is not on this machine', async () => {
    const thief = await serve((_req, res) => json(res, { token: 'T' }), nonLoopbackAddress());
    const registry = await serve((req, res) => {
      if (req.authorization === 'Bearer T') return json(res, { tags: ['1'] });
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${thief.origin}/token",service="hostile"` });
      res.end();
    });
    const client = new RegistryClient(registry.origin.replace('http://', ''), { credential: async () => login });
    await assert.rejects(client.tags('app'), (error: unknown) => error instanceof RegistryError && error.kind === 'unauthorized' && /not https/.test(error.message));
    assert.deepEqual(thief.seen, [], 'the plain-http realm received a request');
  });

  it('uses a plain-http token realm on loopback (a local registry)', async () => {
    const realm = await serve((req, res) => (req.authorization === basic ? json(res, { token: 'T' }) : (res.writeHead(401), res.end())));
    const registry = await serve((req, res) => {
      if (req.authorization === 'Bearer T') return json(res, { tags: ['1'] });
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm.origin}/token",service="local"` });
      res.end();
    });
    assert.deepEqual(await new RegistryClient(registry.origin.replace('http://', ''), { credential: async () => login }).tags('app'), ['1']);
    assert.equal(realm.seen.length, 1);
  });

  it('stops a listing whose pages never end', { timeout: 20_000 }, async () => {
    let served = 0;
    const registry = await serve((_req, res) => {
      served++;
      json(res, { tags: [`t${served}`] }, { link: `</v2/app/tags/list?last=t${served}&n=1000>; rel="next"` });
    });
    const client = new RegistryClient(registry.origin.replace('http://', ''));
    await assert.rejects(client.tags('app'), (error: unknown) => error instanceof RegistryError && /further pages/.test(error.message));
    assert.equal(served, maxPages);
    await assert.rejects(client.catalog(), /further pages/);
  });

  it('never puts the password in an error, even when the registry echoes it back', async () => {
    // The token service refuses and echoes the decoded login in its body and headers.
    const realm = await serve((req, res) => {
      const echoed = req.authorization ? Buffer.from(req.authorization.replace(/^Basic /, ''), 'base64').toString('utf8') : '';
      res.writeHead(401, { 'content-type': 'text/plain', 'x-echo': echoed });
      res.end(`refused ${echoed} ${req.authorization ?? ''}`);
    });
    const registry = await serve((_req, res) => {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm.origin}/token?echo=1",service="echo"` });
      res.end();
    });
    const failures: unknown[] = [];
    await new RegistryClient(registry.origin.replace('http://', ''), { credential: async () => login }).tags('app').catch((e: unknown) => failures.push(e));
    // A registry typed with user:password@ in its URL, which cannot be reached.
    const closed = await serve((_req, res) => res.end());
    await closed.close();
    await new RegistryClient(`http://berth:${password}@${closed.origin.replace('http://', '')}`, { credential: async () => login }).ping().catch((e: unknown) => failures.push(e));
    assert.equal(realm.seen[0]?.authorization, basic, 'the token service received the login (the test is real)');
    assert.equal(failures.length, 2, 'both calls failed');
    for (const failure of failures) {
      assert.ok(failure instanceof RegistryError, String(failure));
      const text = everything(failure);
      assert.ok(!text.includes(password), `the password is in: ${text}`);
      assert.ok(!text.includes(basic.slice(6)), `the encoded login is in: ${text}`);
    }
  });
});
