/** Input validation: each check returns one sentence that says what is wrong. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIpam } from '../../../src/engine/networks';
import {
  parseEnvFile, parseImageReference, parseMemory, parsePortSpec, splitRepoTag, validateBind, validateEnvLine, validateExtraHost,
  validateImageReference, validateName, validateSubnet, validateTag,
} from '../../../src/engine/validate';

describe('image references', () => {
  const good: [string, object][] = [
    ['nginx', { path: 'nginx' }],
    ['nginx:1.25', { path: 'nginx', tag: '1.25' }],
    ['library/nginx:latest', { path: 'library/nginx', tag: 'latest' }],
    ['127.0.0.1:5000/team/app:dev', { domain: '127.0.0.1:5000', path: 'team/app', tag: 'dev' }],
    ['localhost/app', { domain: 'localhost', path: 'app' }],
    ['ghcr.io/o/r@sha256:' + 'a'.repeat(64), { domain: 'ghcr.io', path: 'o/r', digest: 'sha256:' + 'a'.repeat(64) }],
    ['my-app__x.y', { path: 'my-app__x.y' }],
  ];
  for (const [ref, expected] of good) {
    it(`accepts ${ref}`, () => {
      const parsed = parseImageReference(ref);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      for (const [k, v] of Object.entries(expected)) assert.equal((parsed.value as unknown as Record<string, unknown>)[k], v);
    });
  }
  const bad: [string, RegExp][] = [
    ['', /empty/],
    ['My/App', /lowercase/],
    ['app:tag with space', /whitespace/],
    ['app:-bad', /not a valid tag/],
    ['app@sha256:xyz', /not a digest/],
    ['a//b', /empty path component/],
    ['-app', /not a valid repository name component/],
  ];
  for (const [ref, message] of bad) {
    it(`refuses ${JSON.stringify(ref)} in one sentence`, () => {
      const error = validateImageReference(ref);
      assert.match(error ?? '', message);
      assert.match(error ?? '', /\.$/);
    });
  }
  it('validates tags and splits repo:tag', () => {
    assert.equal(validateTag('v1.2_3-rc'), undefined);
    assert.match(validateTag('a'.repeat(129)) ?? '', /up to 128/);
    assert.deepEqual(splitRepoTag('127.0.0.1:5000/app'), { repo: '127.0.0.1:5000/app', tag: 'latest' });
    assert.deepEqual(splitRepoTag('127.0.0.1:5000/app:dev'), { repo: '127.0.0.1:5000/app', tag: 'dev' });
  });
});

describe('port specs', () => {
  const cases: [string, object[]][] = [
    ['80', [{ containerPort: 80, protocol: 'tcp', hostPort: undefined, hostIp: undefined }]],
    ['8080:80', [{ containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: undefined }]],
    ['127.0.0.1:8080:80/udp', [{ containerPort: 80, protocol: 'udp', hostPort: 8080, hostIp: '127.0.0.1' }]],
    ['127.0.0.1::80', [{ containerPort: 80, protocol: 'tcp', hostPort: undefined, hostIp: '127.0.0.1' }]],
    ['[::1]:8080:80', [{ containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: '::1' }]],
    ['8000-8001:9000-9001/sctp', [{ containerPort: 9000, protocol: 'sctp', hostPort: 8000, hostIp: undefined }, { containerPort: 9001, protocol: 'sctp', hostPort: 8001, hostIp: undefined }]],
  ];
  for (const [spec, expected] of cases) {
    it(spec, () => assert.deepEqual(parsePortSpec(spec), { ok: true, value: expected }));
  }
  const bad: [string, RegExp][] = [['', /empty/], ['80/icmp', /not a protocol/], ['70000', /outside 1-65535/], ['abc', /not a number/], ['1:2:3:4', /not a port spec/], ['999.1.1.1:80:80', /not an IP address/], ['8000-8002:9000-9001', /differ in length/], ['9-1', /runs backwards/]];
  for (const [spec, message] of bad) it(`refuses ${JSON.stringify(spec)}`, () => {
    const parsed = parsePortSpec(spec);
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.error, message);
  });
});

describe('env lines and env files', () => {
  it('checks lines', () => {
    assert.equal(validateEnvLine('A=b=c'), undefined);
    assert.equal(validateEnvLine('PASSTHROUGH'), undefined);
    assert.match(validateEnvLine('=x') ?? '', /no variable name/);
    assert.match(validateEnvLine('MY VAR=x') ?? '', /whitespace/);
  });
  it('parses files like --env-file', () => {
    assert.deepEqual(parseEnvFile('# c\nA=1\n\n  B=two words\nFROM_ENV\nMISSING\r\n', { FROM_ENV: 'x' }), { ok: true, value: ['A=1', 'B=two words', 'FROM_ENV=x'] });
    assert.deepEqual(parseEnvFile('A=1\nBAD KEY=2'), { ok: false, error: 'Line 2: The variable name "BAD KEY" contains whitespace.' });
  });
});

describe('networks, binds, hosts, sizes, names', () => {
  it('checks subnets and IPAM combinations', () => {
    assert.equal(validateSubnet('10.1.0.0/16'), undefined);
    assert.equal(validateSubnet('fd00::/64'), undefined);
    assert.match(validateSubnet('10.1.0.0') ?? '', /not a subnet/);
    assert.match(validateSubnet('10.1.0.300/16') ?? '', /above 255/);
    assert.match(validateSubnet('10.1.0.0/33') ?? '', /from 0 to 32/);
    assert.equal(checkIpam({ subnet: '10.1.0.0/16', ipRange: '10.1.2.0/24', gateway: '10.1.0.1' }), undefined);
    assert.equal(checkIpam({ subnet: '10.1.0.0/16', gateway: '10.2.0.1' }), 'The gateway 10.2.0.1 is not inside the subnet 10.1.0.0/16.');
    assert.equal(checkIpam({ ipRange: '10.1.2.0/24' }), 'An IP range needs a subnet.');
    assert.equal(checkIpam({ subnet: '10.1.0.0/16', ipRange: '10.9.2.0/24' }), 'The IP range 10.9.2.0/24 is not inside the subnet 10.1.0.0/16.');
  });
  it('checks binds and extra hosts', () => {
    assert.equal(validateBind('/src:/dst:ro'), undefined);
    assert.equal(validateBind('vol:/data'), undefined);
    assert.match(validateBind('/src:relative') ?? '', /must be absolute/);
    assert.match(validateBind('/src:/dst:bogus') ?? '', /not a mount option/);
    assert.equal(validateExtraHost('db:10.0.0.1'), undefined);
    assert.equal(validateExtraHost('gw:host-gateway'), undefined);
    assert.match(validateExtraHost('db') ?? '', /not host:ip/);
  });
  it('parses memory sizes and checks names', () => {
    assert.deepEqual(parseMemory('512m'), { ok: true, value: 512 * 1024 * 1024 });
    assert.deepEqual(parseMemory('1g'), { ok: true, value: 1024 ** 3 });
    assert.deepEqual(parseMemory('100'), { ok: true, value: 100 });
    assert.equal(parseMemory('lots').ok, false);
    assert.equal(validateName('web-1.x_y'), undefined);
    assert.match(validateName('-web') ?? '', /not a valid name/);
  });
});
