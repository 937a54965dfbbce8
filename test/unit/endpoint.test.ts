import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveEndpoint } from '../../src/engine/endpoint';

describe('resolveEndpoint', () => {
  const none = () => false;
  const cases: { name: string; host?: string; env: Record<string, string>; exists?: (p: string) => boolean; url: string; source: string }[] = [
    { name: 'the setting wins over DOCKER_HOST', host: 'tcp://a:2375', env: { DOCKER_HOST: 'unix:///b.sock' }, url: 'tcp://a:2375', source: 'setting' },
    { name: 'DOCKER_HOST when no setting', host: '  ', env: { DOCKER_HOST: 'unix:///b.sock' }, url: 'unix:///b.sock', source: 'DOCKER_HOST' },
    { name: 'the rootful socket by default', env: {}, exists: none, url: 'unix:///var/run/docker.sock', source: 'default' },
    { name: 'the rootless socket when only it exists', env: { XDG_RUNTIME_DIR: '/run/user/1000' }, exists: (p) => p === '/run/user/1000/docker.sock', url: 'unix:///run/user/1000/docker.sock', source: 'default' },
    { name: 'Podman when only it exists', env: { XDG_RUNTIME_DIR: '/run/user/1000' }, exists: (p) => p === '/run/user/1000/podman/podman.sock', url: 'unix:///run/user/1000/podman/podman.sock', source: 'default' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const endpoint = resolveEndpoint({ hostSetting: c.host, env: c.env, exists: c.exists ?? none });
      assert.equal(endpoint.url, c.url);
      assert.equal(endpoint.source, c.source);
    });
  }
});
