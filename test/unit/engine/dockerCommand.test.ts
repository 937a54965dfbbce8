/** The docker command behind each API request, a container's recreation, and quoting for the user's shell. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { onEngineAction, reportRequest } from '../../../src/engine/actionFeed';
import { toCreateBody } from '../../../src/engine/createBody';
import { dockerCommand, RequestRecord } from '../../../src/engine/dockerCommand';
import { networkCommandFromInspect, runCommandFromInspect, volumeCommandFromInspect } from '../../../src/engine/recreate';
import { quoteArg, quoteCommand, shellKindFor, ShellKind } from '../../../src/engine/shellQuote';

const runBody = toCreateBody({
  image: 'busybox:local', cmd: ['httpd', '-f', '-p', '80'], env: ['MODE=dev'], labels: { team: 'web' },
  ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: '127.0.0.1' }, { containerPort: 53, protocol: 'udp' }],
  expose: [{ containerPort: 9000, protocol: 'tcp' }], binds: ['data:/data:ro'], workdir: '/srv', user: '1000:1000',
  restart: { name: 'on-failure', maximumRetryCount: 3 }, network: 'appnet', networkAliases: ['web'], memory: 64 * 1024 * 1024,
  cpus: 0.5, cpuShares: 512, readOnly: true, hostname: 'box', dns: ['10.0.0.2'], extraHosts: ['db.local:10.0.0.5'],
});

const table: { name: string; request: RequestRecord; argv: string[] | undefined }[] = [
  {
    name: 'run: the create of a run, with every option the form offers',
    request: { method: 'POST', path: '/containers/create', query: { name: 'web' }, body: runBody, cli: { as: 'run' } },
    argv: ['docker', 'run', '-d', '--name', 'web', '-e', 'MODE=dev', '-p', '127.0.0.1:8080:80', '-p', '53/udp', '--expose', '9000',
      '-v', 'data:/data:ro', '-w', '/srv', '-u', '1000:1000', '--hostname', 'box', '--label', 'team=web', '--restart', 'on-failure:3',
      '--network', 'appnet', '--network-alias', 'web', '-m', '67108864', '--cpus', '0.5', '--cpu-shares', '512', '--read-only',
      '--dns', '10.0.0.2', '--add-host', 'db.local:10.0.0.5', 'busybox:local', 'httpd', '-f', '-p', '80'],
  },
  { name: "run: the start that follows a run's create", request: { method: 'POST', path: '/containers/abc/start', cli: { as: 'skip' } }, argv: undefined },
  {
    name: 'create with an entrypoint of two words, tty and --rm',
    request: { method: 'POST', path: '/containers/create', query: {}, body: toCreateBody({ image: 'img', entrypoint: ['sh', '-c'], cmd: ['echo hi'], tty: true, openStdin: true, autoRemove: true }) },
    argv: ['docker', 'create', '-i', '-t', '--rm', '--entrypoint', 'sh', 'img', '-c', 'echo hi'],
  },
  { name: 'start', request: { method: 'POST', path: '/containers/web/start' }, argv: ['docker', 'start', 'web'] },
  { name: 'stop with a grace period', request: { method: 'POST', path: '/containers/web/stop', query: { t: 3 } }, argv: ['docker', 'stop', '-t', '3', 'web'] },
  { name: 'restart', request: { method: 'POST', path: '/containers/web/restart' }, argv: ['docker', 'restart', 'web'] },
  { name: 'kill with a signal', request: { method: 'POST', path: '/containers/web/kill', query: { signal: 'SIGHUP' } }, argv: ['docker', 'kill', '-s', 'SIGHUP', 'web'] },
  { name: 'pause', request: { method: 'POST', path: '/containers/web/pause' }, argv: ['docker', 'pause', 'web'] },
  { name: 'rm forced with volumes', request: { method: 'DELETE', path: '/containers/web', query: { force: true, v: true } }, argv: ['docker', 'rm', '-f', '-v', 'web'] },
  { name: 'rm', request: { method: 'DELETE', path: '/containers/web', query: { force: false, v: false } }, argv: ['docker', 'rm', 'web'] },
  { name: 'rename', request: { method: 'POST', path: '/containers/web/rename', query: { name: 'web2' } }, argv: ['docker', 'rename', 'web', 'web2'] },
  { name: 'container prune', request: { method: 'POST', path: '/containers/prune', query: { filters: '{"until":["24h"]}' } }, argv: ['docker', 'container', 'prune', '-f', '--filter', 'until=24h'] },
  {
    name: 'exec of a shell',
    request: { method: 'POST', path: '/containers/web/exec', body: { Cmd: ['sh'], Tty: true, AttachStdin: true, User: 'root', WorkingDir: '/tmp', Env: ['A=1'], Privileged: false } },
    argv: ['docker', 'exec', '-i', '-t', '-u', 'root', '-w', '/tmp', '-e', 'A=1', 'web', 'sh'],
  },
  { name: "exec's start", request: { method: 'POST', path: '/exec/123/start', body: { Detach: false } }, argv: undefined },
  { name: 'export', request: { method: 'GET', path: '/containers/web/export' }, argv: ['docker', 'export', 'web'] },
  { name: 'a list is no action', request: { method: 'GET', path: '/containers/json', query: { all: true } }, argv: undefined },
  { name: 'inspect is no action', request: { method: 'GET', path: '/containers/web/json' }, argv: undefined },
  {
    name: 'commit',
    request: { method: 'POST', path: '/commit', query: { container: 'web', repo: 'app', tag: 'v2', author: 'Kim', comment: 'snap', changes: ['ENV A=1', 'CMD ["sh"]'], pause: true } },
    argv: ['docker', 'commit', '-a', 'Kim', '-m', 'snap', '-c', 'ENV A=1', '-c', 'CMD ["sh"]', 'web', 'app:v2'],
  },
  {
    name: 'build with its args',
    request: { method: 'POST', path: '/build', cli: { context: '/w/app' }, query: { t: ['app:1', 'app:latest'], dockerfile: 'docker/Dockerfile.dev', buildargs: '{"V":"2"}', target: 'prod', labels: '{"a":"b"}', nocache: true, pull: '1', rm: true, forcerm: true } },
    argv: ['docker', 'build', '-t', 'app:1', '-t', 'app:latest', '-f', '/w/app/docker/Dockerfile.dev', '--build-arg', 'V=2', '--target', 'prod', '--label', 'a=b', '--no-cache', '--pull', '--force-rm', '/w/app'],
  },
  { name: 'tag', request: { method: 'POST', path: '/images/busybox%3Alocal/tag', query: { repo: '127.0.0.1:5000/bb', tag: 'v1' } }, argv: ['docker', 'tag', 'busybox:local', '127.0.0.1:5000/bb:v1'] },
  { name: 'push', request: { method: 'POST', path: '/images/127.0.0.1%3A5000%2Fbb/push', query: { tag: 'v1' } }, argv: ['docker', 'push', '127.0.0.1:5000/bb:v1'] },
  { name: 'pull one tag', request: { method: 'POST', path: '/images/create', query: { fromImage: '127.0.0.1:5000/bb', tag: 'v1' } }, argv: ['docker', 'pull', '127.0.0.1:5000/bb:v1'] },
  { name: 'pull every tag', request: { method: 'POST', path: '/images/create', query: { fromImage: 'bb' } }, argv: ['docker', 'pull', '-a', 'bb'] },
  { name: 'pull by digest', request: { method: 'POST', path: '/images/create', query: { fromImage: `bb@sha256:${'a'.repeat(64)}` } }, argv: ['docker', 'pull', `bb@sha256:${'a'.repeat(64)}`] },
  { name: 'rmi', request: { method: 'DELETE', path: '/images/app%3A1', query: { force: true, noprune: false } }, argv: ['docker', 'rmi', '-f', 'app:1'] },
  { name: 'image prune of every unused image', request: { method: 'POST', path: '/images/prune', query: { filters: '{"dangling":["false"]}' } }, argv: ['docker', 'image', 'prune', '-f', '-a'] },
  { name: 'import from the streamed tar', request: { method: 'POST', path: '/images/create', query: { fromSrc: '-', repo: 'rootfs', tag: 'v1', changes: ['CMD ["sh"]'], message: 'm' } }, argv: ['docker', 'import', '-c', 'CMD ["sh"]', '-m', 'm', '-', 'rootfs:v1'] },
  { name: 'save to stdout', request: { method: 'GET', path: '/images/get', query: { names: ['a:1', 'b:2'] } }, argv: ['docker', 'save', 'a:1', 'b:2'] },
  { name: 'load from stdin', request: { method: 'POST', path: '/images/load', query: { quiet: false } }, argv: ['docker', 'load'] },
  {
    name: 'login never carries the password',
    request: { method: 'POST', path: '/auth', body: { username: 'berth', password: 'hunter2', serveraddress: '127.0.0.1:5001' } },
    argv: ['docker', 'login', '-u', 'berth', '--password-stdin', '127.0.0.1:5001'],
  },
  {
    name: 'network create with driver, options, labels and IPAM',
    request: { method: 'POST', path: '/networks/create', body: { Name: 'appnet', Driver: 'bridge', Internal: true, Attachable: true, EnableIPv6: false, Labels: { tier: 'db' }, Options: { 'com.docker.network.bridge.enable_icc': 'false' }, CheckDuplicate: true, IPAM: { Driver: 'default', Config: [{ Subnet: '10.77.0.0/16', IPRange: '10.77.1.0/24', Gateway: '10.77.0.1' }] } } },
    argv: ['docker', 'network', 'create', '--driver', 'bridge', '--internal', '--attachable', '--opt', 'com.docker.network.bridge.enable_icc=false', '--label', 'tier=db', '--subnet', '10.77.0.0/16', '--ip-range', '10.77.1.0/24', '--gateway', '10.77.0.1', 'appnet'],
  },
  { name: 'network rm', request: { method: 'DELETE', path: '/networks/appnet' }, argv: ['docker', 'network', 'rm', 'appnet'] },
  { name: 'network connect with alias and ip', request: { method: 'POST', path: '/networks/appnet/connect', body: { Container: 'web', EndpointConfig: { Aliases: ['api'], IPAMConfig: { IPv4Address: '10.77.1.5' } } } }, argv: ['docker', 'network', 'connect', '--alias', 'api', '--ip', '10.77.1.5', 'appnet', 'web'] },
  { name: 'network disconnect forced', request: { method: 'POST', path: '/networks/appnet/disconnect', body: { Container: 'web', Force: true } }, argv: ['docker', 'network', 'disconnect', '-f', 'appnet', 'web'] },
  { name: 'network prune', request: { method: 'POST', path: '/networks/prune', query: {} }, argv: ['docker', 'network', 'prune', '-f'] },
  { name: 'volume create', request: { method: 'POST', path: '/volumes/create', body: { Name: 'data', Driver: 'local', Labels: { k: 'v' }, DriverOpts: { type: 'tmpfs', device: 'tmpfs' } } }, argv: ['docker', 'volume', 'create', '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--label', 'k=v', 'data'] },
  { name: 'volume rm', request: { method: 'DELETE', path: '/volumes/data', query: { force: false } }, argv: ['docker', 'volume', 'rm', 'data'] },
  { name: 'volume prune of all', request: { method: 'POST', path: '/volumes/prune', query: { filters: '{"all":["true"]}' } }, argv: ['docker', 'volume', 'prune', '-f', '-a'] },
  { name: "Podman's pull of every tag", request: { method: 'POST', path: '/v4.0.0/libpod/images/pull', query: { reference: 'bb', allTags: true } }, argv: ['docker', 'pull', '-a', 'bb'] },
];

describe('dockerCommand', () => {
  for (const row of table) {
    it(row.name, () => assert.deepEqual(dockerCommand(row.request), row.argv));
  }

  it('reports actions to listeners, never a password, and nothing once they stop listening', () => {
    const seen: string[][] = [];
    const stop = onEngineAction((action) => seen.push(action.argv));
    reportRequest({ method: 'POST', path: '/auth', body: { username: 'u', password: 'secret-pass', serveraddress: 'r' } }, 'test');
    reportRequest({ method: 'GET', path: '/containers/json' }, 'test');
    stop();
    reportRequest({ method: 'POST', path: '/containers/x/start' }, 'test');
    assert.deepEqual(seen, [['docker', 'login', '-u', 'u', '--password-stdin', 'r']]);
    assert.ok(!JSON.stringify(seen).includes('secret-pass'));
  });
});

describe('recreation from inspect data', () => {
  it("leaves out what the container inherited from its image and keeps what was asked", () => {
    const container = {
      Id: 'abcdef0123456789', Name: '/web',
      Config: { Image: 'busybox:local', Cmd: ['httpd', '-f'], Entrypoint: null, Env: ['PATH=/bin', 'MODE=dev'], Labels: { team: 'web', base: 'x' }, WorkingDir: '/srv', User: '', Hostname: 'abcdef012345', Tty: false, OpenStdin: false, ExposedPorts: { '80/tcp': {} } },
      HostConfig: { NetworkMode: 'default', PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] }, RestartPolicy: { Name: 'always', MaximumRetryCount: 0 }, Memory: 0, NanoCpus: 0, Binds: null, AutoRemove: false },
    };
    const image = { Cmd: ['sh'], Entrypoint: null, Env: ['PATH=/bin'], Labels: { base: 'x' }, WorkingDir: '' };
    assert.deepEqual(runCommandFromInspect(container, image), ['docker', 'run', '-d', '--name', 'web', '-e', 'MODE=dev', '-p', '127.0.0.1:8080:80', '-w', '/srv', '--label', 'team=web', '--restart', 'always', 'busybox:local', 'httpd', '-f']);
  });

  it('states an entrypoint that was reset, and the command with it', () => {
    const container = { Id: 'ff', Name: '/x', Config: { Image: 'img', Cmd: ['ls'], Entrypoint: null }, HostConfig: {} };
    assert.deepEqual(runCommandFromInspect(container, { Entrypoint: ['/init'], Cmd: ['serve'] }), ['docker', 'run', '-d', '--name', 'x', '--entrypoint', '', 'img', 'ls']);
  });

  it('makes network and volume create lines', () => {
    assert.deepEqual(networkCommandFromInspect({ Name: 'n', Driver: 'bridge', Internal: false, Attachable: true, EnableIPv6: false, Options: {}, Labels: { a: 'b' }, IPAM: { Driver: 'default', Config: [{ Subnet: '10.9.0.0/16' }] } }),
      ['docker', 'network', 'create', '--driver', 'bridge', '--attachable', '--label', 'a=b', '--subnet', '10.9.0.0/16', 'n']);
    assert.deepEqual(volumeCommandFromInspect({ name: 'v', driver: 'local', labels: {}, options: { o: 'size=1m' } }), ['docker', 'volume', 'create', '--opt', 'o=size=1m', 'v']);
  });
});

const awkward = ['plain', '', 'two words', "it's", 'a"b', '$HOME', '`id`', '*', 'semi;colon', 'back\\slash', 'new\nline', '-e', 'A=b c', '한국어 이름', "'", '!bang', '--label=x.y', 'tab\there', '%PATH%', 'a\\"b\\'];

describe('quoting for the shell', () => {
  it('round-trips every awkward word through sh -c, argv for argv', () => {
    const line = quoteCommand(awkward, 'posix');
    const out = execFileSync('/bin/sh', ['-c', `for a in ${line}; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
    assert.deepEqual(out.split('\0').slice(0, -1), awkward);
  });

  it('leaves plain words unquoted in each shell', () => {
    const argv = ['docker', 'run', '-d', '--name', 'web', '-p', '127.0.0.1:8080:80', 'busybox:local', 'httpd', '-f'];
    for (const shell of ['posix', 'powershell', 'cmd'] as ShellKind[]) assert.equal(quoteCommand(argv, shell), argv.join(' '), shell);
  });

  const cases: [ShellKind, string, string][] = [
    ['posix', "it's", `'it'\\''s'`],
    ['posix', '', "''"],
    ['powershell', "it's", "'it''s'"],
    ['powershell', '$env:HOME', "'$env:HOME'"],
    ['powershell', '-Dx.y=1', "'-Dx.y=1'"],
    ['powershell', '', "''"],
    ['cmd', 'two words', '"two words"'],
    ['cmd', 'a"b', '"a\\"b"'],
    ['cmd', 'C:\\dir with space\\', '"C:\\dir with space\\\\"'],
    ['cmd', 'a&b', '"a&b"'],
  ];
  for (const [shell, word, quoted] of cases) it(`${shell}: ${JSON.stringify(word)} → ${quoted}`, () => assert.equal(quoteArg(word, shell), quoted));

  it('chooses the quoting from the platform and the default terminal profile', () => {
    assert.equal(shellKindFor('linux', ''), 'posix');
    assert.equal(shellKindFor('darwin', 'zsh'), 'posix');
    assert.equal(shellKindFor('linux', 'pwsh'), 'powershell');
    assert.equal(shellKindFor('win32', ''), 'powershell');
    assert.equal(shellKindFor('win32', 'PowerShell'), 'powershell');
    assert.equal(shellKindFor('win32', 'Command Prompt'), 'cmd');
    assert.equal(shellKindFor('win32', 'C:\\Windows\\System32\\cmd.exe'), 'cmd');
    assert.equal(shellKindFor('win32', 'Git Bash'), 'posix');
  });
});
