/** Endpoint resolution: every source and every scheme, as tables over in-memory files. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { listContexts } from '../../../src/engine/contexts';
import { contextDirName, Endpoint, parseEndpointUrl, resolveEndpoint } from '../../../src/engine/endpoint';

const home = '/home/u';
const meta = (name: string, host: string, skip = false): [string, string] => [
  path.join(home, '.docker', 'contexts', 'meta', contextDirName(name), 'meta.json'),
  JSON.stringify({ Name: name, Metadata: { Description: `${name} ctx` }, Endpoints: { docker: { Host: host, SkipTLSVerify: skip } } }),
];
const tlsFile = (name: string, file: string): string => path.join(home, '.docker', 'contexts', 'tls', contextDirName(name), 'docker', file);

function disk(files: Record<string, string>, extra: string[] = []): { readFile: (p: string) => string | undefined; exists: (p: string) => boolean; listDir: (p: string) => string[] } {
  return {
    readFile: (p) => files[p],
    exists: (p) => p in files || extra.includes(p),
    listDir: (p) => [...new Set(Object.keys(files).filter((f) => f.startsWith(`${p}/`)).map((f) => f.slice(p.length + 1).split('/')[0]))],
  };
}

const remoteFiles = Object.fromEntries([
  meta('remote', 'tcp://10.0.0.5:2376'),
  [tlsFile('remote', 'ca.pem'), 'CA'], [tlsFile('remote', 'cert.pem'), 'CERT'], [tlsFile('remote', 'key.pem'), 'KEY'],
  meta('insecure', 'tcp://10.0.0.6:2376', true), [tlsFile('insecure', 'ca.pem'), 'CA'],
  meta('skiponly', 'tcp://10.0.0.7:2376', true),
  meta('box', 'ssh://me@box.example:2222'),
  meta('local', 'unix:///run/other.sock'),
  [path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: {}, currentContext: 'box' })],
]);

describe('resolveEndpoint: sources in order', () => {
  const cases: { name: string; host?: string; env: Record<string, string>; files?: Record<string, string>; sockets?: string[]; expect: Partial<Endpoint> & { why?: string } }[] = [
    { name: 'the setting wins over everything', host: 'ssh://a', env: { DOCKER_HOST: 'unix:///b.sock', DOCKER_CONTEXT: 'remote' }, files: remoteFiles, expect: { url: 'ssh://a', source: 'setting', why: 'from the berth.host setting' } },
    { name: 'DOCKER_HOST over the context', env: { DOCKER_HOST: 'tcp://h:2375' }, files: remoteFiles, expect: { url: 'tcp://h:2375', source: 'DOCKER_HOST', tls: undefined } },
    { name: 'DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, sockets: ['/certs/ca.pem', '/certs/cert.pem', '/certs/key.pem'], expect: { source: 'DOCKER_HOST', tls: { verify: true, ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' } } },
    { name: 'DOCKER_TLS_VERIFY without a cert path uses ~/.docker; a missing client certificate is left out', env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' }, expect: { tls: { verify: true, ca: `${home}/.docker/ca.pem`, cert: undefined, key: undefined } } },
    { name: 'DOCKER_TLS_VERIFY without a cert path uses $DOCKER_CONFIG', env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: '/cfg' }, sockets: ['/cfg/cert.pem', '/cfg/key.pem'], expect: { tls: { verify: true, ca: '/cfg/ca.pem', cert: '/cfg/cert.pem', key: '/cfg/key.pem' } } },
    // As the docker CLI: any non-empty DOCKER_TLS_VERIFY verifies, "0" and "false" included.
    { name: 'DOCKER_TLS_VERIFY=0 still verifies', env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '0', DOCKER_CERT_PATH: '/certs' }, expect: { tls: { verify: true, ca: '/certs/ca.pem', cert: undefined, key: undefined } } },
    { name: 'DOCKER_TLS_VERIFY=false still verifies', env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: 'false', DOCKER_CERT_PATH: '/certs' }, expect: { tls: { verify: true, ca: '/certs/ca.pem', cert: undefined, key: undefined } } },
    { name: 'an empty DOCKER_TLS_VERIFY with DOCKER_TLS is TLS without verification', env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '', DOCKER_TLS: '1', DOCKER_CERT_PATH: '/certs' }, expect: { tls: { verify: false, ca: '/certs/ca.pem', cert: undefined, key: undefined } } },
    { name: 'neither variable: no TLS', env: { DOCKER_HOST: 'tcp://h:2375', DOCKER_TLS_VERIFY: '', DOCKER_CERT_PATH: '/certs' }, expect: { tls: undefined } },
    { name: 'DOCKER_CONTEXT picks a context with TLS files', env: { DOCKER_CONTEXT: 'remote' }, files: remoteFiles, expect: { url: 'tcp://10.0.0.5:2376', source: 'context', context: 'remote', tls: { verify: true, ca: tlsFile('remote', 'ca.pem'), cert: tlsFile('remote', 'cert.pem'), key: tlsFile('remote', 'key.pem') } } },
    { name: 'SkipTLSVerify turns verification off', env: { DOCKER_CONTEXT: 'insecure' }, files: remoteFiles, expect: { url: 'tcp://10.0.0.6:2376', tls: { verify: false, ca: tlsFile('insecure', 'ca.pem'), cert: undefined, key: undefined } } },
    { name: 'SkipTLSVerify with no TLS files is still TLS, unverified', env: { DOCKER_CONTEXT: 'skiponly' }, files: remoteFiles, expect: { url: 'tcp://10.0.0.7:2376', tls: { verify: false, ca: undefined, cert: undefined, key: undefined } } },
    { name: 'currentContext in config.json when DOCKER_CONTEXT is unset', env: {}, files: remoteFiles, expect: { url: 'ssh://me@box.example:2222', source: 'context', context: 'box' } },
    { name: 'DOCKER_CONTEXT=default skips config.json', env: { DOCKER_CONTEXT: 'default' }, files: remoteFiles, expect: { url: 'unix:///var/run/docker.sock', source: 'default' } },
    { name: 'DOCKER_CONFIG moves the config folder', env: { DOCKER_CONFIG: `${home}/.docker`, DOCKER_CONTEXT: 'local' }, files: remoteFiles, expect: { url: 'unix:///run/other.sock', source: 'context' } },
    { name: 'a missing context is a problem, not a silent fallback', env: { DOCKER_CONTEXT: 'gone' }, files: remoteFiles, expect: { url: '', source: 'context', context: 'gone' } },
    { name: 'the rootful socket by default', env: {}, expect: { url: 'unix:///var/run/docker.sock', source: 'default' } },
    { name: 'the rootless socket when only it exists', env: { XDG_RUNTIME_DIR: '/run/user/1000' }, sockets: ['/run/user/1000/docker.sock'], expect: { url: 'unix:///run/user/1000/docker.sock', source: 'default' } },
    { name: "Docker Desktop's user socket", env: {}, sockets: [`${home}/.docker/run/docker.sock`], expect: { url: `unix://${home}/.docker/run/docker.sock` } },
    { name: 'rootless Podman when only it exists', env: { XDG_RUNTIME_DIR: '/run/user/1000' }, sockets: ['/run/user/1000/podman/podman.sock'], expect: { url: 'unix:///run/user/1000/podman/podman.sock', source: 'default' } },
    { name: 'rootful Podman', env: {}, sockets: ['/run/podman/podman.sock'], expect: { url: 'unix:///run/podman/podman.sock' } },
    { name: 'rootful Docker before Podman when both exist', env: {}, sockets: ['/var/run/docker.sock', '/run/podman/podman.sock'], expect: { url: 'unix:///var/run/docker.sock', why: 'the default socket' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const files = disk(c.files ?? {}, c.sockets ?? []);
      const endpoint = resolveEndpoint({ hostSetting: c.host, env: c.env, home, exists: files.exists, readFile: files.readFile });
      for (const [key, value] of Object.entries(c.expect)) assert.deepEqual(endpoint[key as keyof Endpoint], value, key);
    });
  }

  it('says where a context came from', () => {
    const files = disk(remoteFiles);
    assert.equal(resolveEndpoint({ env: { DOCKER_CONTEXT: 'remote' }, home, ...files }).why, 'the Docker context "remote" (from the DOCKER_CONTEXT environment variable)');
    assert.equal(resolveEndpoint({ env: {}, home, ...files }).why, `the Docker context "box" (from currentContext in ${home}/.docker/config.json)`);
    assert.match(resolveEndpoint({ env: { DOCKER_CONTEXT: 'gone' }, home, ...files }).problem ?? '', /context "gone" named by the DOCKER_CONTEXT environment variable does not exist/);
  });

  it('uses the named pipe on Windows', () => {
    assert.equal(resolveEndpoint({ env: {}, exists: () => false, platform: 'win32' }).url, 'npipe:////./pipe/docker_engine');
  });
});

describe('parseEndpointUrl: schemes', () => {
  const cases: [string, ReturnType<typeof parseEndpointUrl>, { verify: boolean }?][] = [
    ['unix:///var/run/docker.sock', { kind: 'unix', socketPath: '/var/run/docker.sock' }],
    ['/var/run/docker.sock', { kind: 'unix', socketPath: '/var/run/docker.sock' }],
    ['tcp://10.0.0.1:2375', { kind: 'tcp', host: '10.0.0.1', port: 2375, tls: undefined }],
    ['tcp://10.0.0.1', { kind: 'tcp', host: '10.0.0.1', port: 2375, tls: undefined }],
    ['tcp://10.0.0.1', { kind: 'tcp', host: '10.0.0.1', port: 2376, tls: { verify: true } }, { verify: true }],
    ['10.0.0.1:2375', { kind: 'tcp', host: '10.0.0.1', port: 2375, tls: undefined }],
    ['tcp://[::1]:2375', { kind: 'tcp', host: '::1', port: 2375, tls: undefined }],
    ['https://engine.example', { kind: 'tcp', host: 'engine.example', port: 2376, tls: { verify: true } }],
    ['ssh://me@box.example:2222', { kind: 'ssh', host: 'box.example', user: 'me', port: 2222 }],
    ['ssh://box', { kind: 'ssh', host: 'box', user: undefined, port: undefined }],
    ['npipe:////./pipe/docker_engine', { kind: 'npipe', socketPath: '\\\\.\\pipe\\docker_engine' }],
  ];
  for (const [url, expected, tls] of cases) {
    it(`${url}${tls ? ' with TLS' : ''}`, () => assert.deepEqual(parseEndpointUrl(url, tls), expected));
  }
  it('refuses unknown schemes and empty paths with a sentence', () => {
    assert.throws(() => parseEndpointUrl('ftp://x'), /"ftp:\/\/" is not supported/);
    assert.throws(() => parseEndpointUrl('unix://'), /names no socket path/);
  });
});

describe('listContexts', () => {
  it('lists default and every context, marking the current one', () => {
    const files = disk(remoteFiles);
    const list = listContexts({}, home, files);
    assert.deepEqual(list.map((c) => [c.name, c.current, c.tls]), [['default', false, false], ['box', true, false], ['insecure', false, true], ['local', false, false], ['remote', false, true], ['skiponly', false, true]]);
    assert.equal(list.find((c) => c.name === 'remote')?.description, 'remote ctx');
    assert.equal(listContexts({ DOCKER_CONTEXT: 'default', DOCKER_HOST: 'tcp://x:1' }, home, files)[0].url, 'tcp://x:1');
  });
});
