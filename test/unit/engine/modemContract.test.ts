/**
 * Pins what src/engine/api.ts relies on in docker-modem beyond its typed surface: the
 * query read from `options._query` (objects as JSON, arrays as repeated keys, the `?`
 * suffix), the POST body from `options._body` (none when empty), X-Registry-Auth and
 * X-Registry-Config, tar uploads, errors carrying the status code, hijacked sockets, and
 * DOCKER_HOST never overriding the endpoint Berth chose. A real HTTP server on a unix
 * socket records what arrives; the engine tier covers the same paths against dockerd.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Api, readAll } from '../../../src/engine/api';
import { EngineError } from '../../../src/engine/errors';
import { createModem } from '../../../src/engine/transport';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('docker-modem as src/engine/api.ts uses it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-modem-'));
  const socketPath = path.join(dir, 'engine.sock');
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url?.startsWith('/missing')) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'No such container: nope' }));
      } else if (req.url?.startsWith('/stream')) {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end('line 1\nline 2\n');
      } else if (req.url?.startsWith('/empty')) {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true }));
      }
    });
  });
  // Hijack: answer 101 and echo whatever comes over the upgraded socket, upper-cased.
  server.on('upgrade', (req: http.IncomingMessage, socket: Socket) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '' });
    socket.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
    socket.on('data', (chunk: Buffer) => socket.write(chunk.toString().toUpperCase()));
  });
  const api = new Api(createModem({ socketPath }), `unix://${socketPath}`);
  const last = (): Received => received[received.length - 1]!;

  before(() => new Promise<void>((resolve) => server.listen(socketPath, resolve)));
  after(() => {
    server.closeAllConnections();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends the query from _query: undefined dropped, objects as JSON, arrays as repeated keys', async () => {
    const answer = await api.json({ method: 'GET', path: '/containers/json', query: { all: true, size: undefined, filters: '{"label":["a"]}', t: ['app:1', 'app:2'], labels: { k: 'v' } } });
    assert.deepEqual(answer, { ok: true });
    const url = new URL(last().url, 'http://engine');
    assert.equal(url.pathname, '/containers/json');
    assert.equal(url.searchParams.get('all'), 'true');
    assert.equal(url.searchParams.has('size'), false);
    assert.equal(url.searchParams.get('filters'), '{"label":["a"]}');
    assert.deepEqual(url.searchParams.getAll('t'), ['app:1', 'app:2']);
    assert.equal(url.searchParams.get('labels'), '{"k":"v"}');
  });

  it('sends an empty query and no body when there is none', async () => {
    await api.json({ method: 'POST', path: '/containers/abc/start' });
    // The `?` dial() needs to read _query at all stays, with nothing after it.
    assert.equal(last().url, '/containers/abc/start?');
    assert.equal(last().body, '');
    assert.equal(last().headers['content-type'], undefined);
  });

  it('sends a POST body from _body as JSON', async () => {
    await api.json({ method: 'POST', path: '/containers/create', query: { name: 'web' }, body: { Image: 'busybox:local', Cmd: ['sleep', '1'] } });
    assert.equal(last().url, '/containers/create?name=web');
    assert.equal(last().headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(last().body), { Image: 'busybox:local', Cmd: ['sleep', '1'] });
  });

  it('sends credentials as X-Registry-Auth and X-Registry-Config, base64 JSON', async () => {
    await api.json({ method: 'POST', path: '/images/create', query: { fromImage: 'x' }, auth: { username: 'u', password: 'p', serveraddress: 'r' } });
    const auth = Buffer.from(String(last().headers['x-registry-auth']).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString();
    assert.deepEqual(JSON.parse(auth), { username: 'u', password: 'p', serveraddress: 'r' });
    await api.json({ method: 'POST', path: '/build', registryConfig: { r: { username: 'u', password: 'p' } }, file: Buffer.from('tar') });
    assert.deepEqual(JSON.parse(Buffer.from(String(last().headers['x-registry-config']), 'base64').toString()), { r: { username: 'u', password: 'p' } });
  });

  it('uploads a file payload with its content type (tar by default)', async () => {
    await api.json({ method: 'PUT', path: '/containers/abc/archive', query: { path: '/tmp' }, file: Buffer.from('tar bytes') });
    assert.equal(last().headers['content-type'], 'application/tar');
    assert.equal(last().body, 'tar bytes');
    await api.json({ method: 'POST', path: '/images/load', file: Buffer.from('x'), contentType: 'application/x-tar' });
    assert.equal(last().headers['content-type'], 'application/x-tar');
  });

  it('answers an empty 204 without failing, and a stream as a readable body', async () => {
    await api.json({ method: 'POST', path: '/empty' });
    const stream = await api.stream({ method: 'GET', path: '/stream' });
    assert.equal((await readAll(stream)).toString(), 'line 1\nline 2\n');
  });

  it('fails with the status code and the engine\'s own words', async () => {
    await assert.rejects(api.json({ method: 'GET', path: '/missing' }), (error: unknown) => {
      assert.ok(error instanceof EngineError);
      assert.equal(error.kind, 'notFound');
      assert.match(error.message, /No such container: nope/);
      return true;
    });
  });

  it('hands over the upgraded socket of a hijacked request', async () => {
    const socket = await api.hijack({ method: 'POST', path: '/exec/abc/start', body: { Detach: false, Tty: true }, headers: { Upgrade: 'tcp' } });
    assert.equal(last().headers.upgrade, 'tcp');
    assert.equal(last().headers.connection, 'Upgrade');
    const echoed = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    socket.write('hello');
    assert.equal(await echoed, 'HELLO');
    socket.destroy();
  });

  it('keeps the endpoint Berth chose when DOCKER_HOST and DOCKER_CLIENT_TIMEOUT say otherwise', async () => {
    const saved = { host: process.env.DOCKER_HOST, timeout: process.env.DOCKER_CLIENT_TIMEOUT };
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:9';
    process.env.DOCKER_CLIENT_TIMEOUT = '1';
    try {
      const fromEnv = new Api(createModem({ socketPath }), `unix://${socketPath}`);
      assert.deepEqual(await fromEnv.json({ method: 'GET', path: '/version' }), { ok: true });
    } finally {
      for (const [key, value] of [['DOCKER_HOST', saved.host], ['DOCKER_CLIENT_TIMEOUT', saved.timeout]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
