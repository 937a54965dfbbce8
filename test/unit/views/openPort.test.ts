/** Open in Browser: the address is the engine's host for tcp:// and ssh:// engines, and an unreachable port is said so. */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { describe, it } from 'node:test';
import { probePort } from '../../../src/commands/portProbe';
import { remoteEngineHost } from '../../../src/engine/endpoint';
import type { PortMapping } from '../../../src/engine/types';
import { portReachability, portUrl } from '../../../src/views/containerItems';

const published = (ip: string | undefined, publicPort = 8080): PortMapping => ({ ip, privatePort: 80, publicPort, type: 'tcp' });

describe('Open in Browser', () => {
  it('finds the engine\'s host for tcp:// and ssh:// endpoints, none for local ones', () => {
    assert.equal(remoteEngineHost('tcp://build.lan:2376'), 'build.lan');
    assert.equal(remoteEngineHost('ssh://me@10.1.2.3'), '10.1.2.3');
    assert.equal(remoteEngineHost('ssh://me@[2001:db8::5]:2222'), '2001:db8::5');
    for (const local of ['unix:///var/run/docker.sock', 'tcp://127.0.0.1:2375', 'tcp://localhost:2375', 'npipe:////./pipe/docker_engine', 'not a url']) assert.equal(remoteEngineHost(local), undefined, local);
  });

  it('opens a port published on every address at the engine\'s host', () => {
    assert.equal(portUrl(published('0.0.0.0')), 'http://localhost:8080');
    assert.equal(portUrl(published('0.0.0.0'), 'build.lan'), 'http://build.lan:8080');
    assert.equal(portUrl(published('::'), '2001:db8::5'), 'http://[2001:db8::5]:8080');
    assert.equal(portUrl(published('10.0.0.7'), 'build.lan'), 'http://10.0.0.7:8080');
  });

  it('says a loopback binding on a remote engine cannot be reached from here', () => {
    assert.match(portReachability(published('127.0.0.1'), 'build.lan') ?? '', /published on 127\.0\.0\.1 of the engine's host build\.lan, which this machine cannot reach/);
    assert.equal(portReachability(published('127.0.0.1')), undefined, 'a local engine\'s loopback port is reachable');
    assert.equal(portReachability(published('0.0.0.0'), 'build.lan'), undefined);
  });

  it('probes the port: a listening one passes, a closed one is said not reachable', async () => {
    const server = net.createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      assert.equal(await probePort(`http://127.0.0.1:${port}`), undefined);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    assert.match(await probePort(`http://127.0.0.1:${port}`) ?? '', /127\.0\.0\.1:\d+ is not reachable from this machine \(ECONNREFUSED\)/);
  });
});
