/** Pure logic of the engine layer: create bodies, demultiplexing, stats, events, .dockerignore, ssh argv, errors. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignoreFilter } from '../../../src/engine/buildContext';
import { parsePathStat } from '../../../src/engine/containerIo';
import { portsFromBindings } from '../../../src/engine/containers';
import { toCreateBody } from '../../../src/engine/createBody';
import { Engine } from '../../../src/engine/engine';
import { EngineError, toEngineError } from '../../../src/engine/errors';
import { backoffDelay, reconnectBackoff, sinceParam, toEngineEvent } from '../../../src/engine/events';
import { sshArgv } from '../../../src/engine/ssh';
import { toStats } from '../../../src/engine/stats';
import { Demuxer, demuxBuffer, Frame } from '../../../src/engine/streams';

const frame = (type: number, text: string): Buffer => {
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(Buffer.byteLength(text), 4);
  return Buffer.concat([header, Buffer.from(text)]);
};

describe('toCreateBody', () => {
  it('maps run options to the engine body', () => {
    const body = toCreateBody({
      image: 'app:1', name: 'x', cmd: ['a'], entrypoint: ['/e'], env: ['B=2'], ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: '127.0.0.1' }],
      binds: ['/h:/c:ro'], volumes: ['/v'], restart: { name: 'no' }, memory: 1024, cpus: 1.5, readOnly: true, autoRemove: true, network: 'n', networkAliases: ['al'],
    }, ['A=1\n']);
    assert.deepEqual(body.Env, ['A=1', 'B=2']);
    assert.deepEqual(body.ExposedPorts, { '80/tcp': {} });
    assert.deepEqual(body.Volumes, { '/v': {} });
    const host = body.HostConfig as Record<string, unknown>;
    assert.deepEqual(host.PortBindings, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] });
    assert.deepEqual(host.RestartPolicy, { Name: '', MaximumRetryCount: 0 });
    assert.equal(host.NanoCpus, 1.5e9);
    assert.equal(host.AutoRemove, true);
    assert.equal(host.NetworkMode, 'n');
    assert.deepEqual(body.NetworkingConfig, { EndpointsConfig: { n: { Aliases: ['al'] } } });
    assert.equal('name' in body, false, 'the name travels in the query');
  });
  it('refuses bad input with a badRequest sentence', () => {
    assert.throws(() => toCreateBody({ image: 'Bad Image' }), (e: EngineError) => e.kind === 'badRequest' && /whitespace/.test(e.message));
    assert.throws(() => toCreateBody({ image: 'a', binds: ['/x:y'] }), /must be absolute/);
    assert.throws(() => toCreateBody({ image: 'a' }, ['OK=1\nBAD KEY=1']), /Line 2/);
  });
  it('passes "KEY" alone through from the caller\'s environment, like docker run -e KEY', () => {
    assert.deepEqual(toCreateBody({ image: 'a', env: ['SET', 'UNSET', 'A=1'] }, [], { SET: 'from caller' }).Env, ['SET=from caller', 'A=1']);
  });
});

describe('streams and stats', () => {
  it('demultiplexes frames, including split ones', () => {
    const frames = demuxBuffer(Buffer.concat([frame(1, 'out'), frame(2, 'err'), frame(1, '')]));
    assert.deepEqual(frames.map((f) => [f.stream, f.data.toString()]), [['stdout', 'out'], ['stderr', 'err'], ['stdout', '']]);
    assert.equal(demuxBuffer(frame(1, 'partial').subarray(0, 10)).length, 0);
  });
  it('demultiplexes a stream chunk by chunk: one frame per run of a stream, order kept, however the chunks split', async () => {
    const wire = Buffer.concat([frame(1, 'a1'), frame(1, 'a2'), frame(2, 'e1'), frame(1, ''), frame(1, 'a3'), frame(2, 'e2')]);
    const run = async (chunks: Buffer[]): Promise<Frame[]> => {
      const demuxer = new Demuxer();
      const out: Frame[] = [];
      demuxer.on('data', (f: Frame) => out.push(f));
      const ended = new Promise((resolve) => demuxer.on('end', resolve));
      for (const c of chunks) demuxer.write(c);
      demuxer.end();
      await ended;
      return out;
    };
    const text = (frames: Frame[]) => frames.map((f) => `${f.stream}:${f.data.toString()}`).join('|');
    // One chunk: runs merged, one object per run.
    assert.equal(text(await run([wire])), 'stdout:a1a2|stderr:e1|stdout:a3|stderr:e2');
    // Every split point, and byte by byte: the same text per stream, in the same order.
    const joined = (frames: Frame[]) => {
      const merged: string[] = [];
      for (const f of frames) if (merged.length && merged[merged.length - 1].startsWith(f.stream)) merged[merged.length - 1] += f.data.toString(); else merged.push(`${f.stream}:${f.data.toString()}`);
      return merged.join('|');
    };
    for (let i = 0; i <= wire.length; i++) assert.equal(joined(await run([wire.subarray(0, i), wire.subarray(i)])), 'stdout:a1a2|stderr:e1|stdout:a3|stderr:e2', `split at ${i}`);
    assert.equal(joined(await run([...wire].map((b) => Buffer.from([b])))), 'stdout:a1a2|stderr:e1|stdout:a3|stderr:e2');
    // Not framed (a TTY stream): everything passes through as stdout.
    assert.equal(text(await run([Buffer.from('hello '), Buffer.from('world')])), 'stdout:hello world');
    // A header cut short by the end of the stream is passed on as it came.
    assert.equal(text(await run([frame(2, 'x'), Buffer.from([1, 0, 0])])), 'stderr:x|stdout:\x01\x00\x00');
  });
  it('computes CPU and memory like docker stats (cgroup v2)', () => {
    const s = toStats({
      read: 't', cpu_stats: { cpu_usage: { total_usage: 400 }, system_cpu_usage: 2000, online_cpus: 2 }, precpu_stats: { cpu_usage: { total_usage: 200 }, system_cpu_usage: 1000 },
      memory_stats: { usage: 1000, limit: 4000, stats: { inactive_file: 200 } }, networks: { eth0: { rx_bytes: 5, tx_bytes: 6 }, eth1: { rx_bytes: 1, tx_bytes: 1 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 7 }, { op: 'write', value: 8 }] }, pids_stats: { current: 3 },
    });
    assert.equal(s.cpuPercent, 40);
    assert.equal(s.memoryUsage, 800);
    assert.equal(s.memoryPercent, 20);
    assert.deepEqual([s.networkRx, s.networkTx, s.blockRead, s.blockWrite, s.pids], [6, 7, 7, 8, 3]);
  });
  it('reads path stats and port bindings', () => {
    const header = Buffer.from(JSON.stringify({ name: 'd', size: 0, mode: 0x80000000 | 0o755, mtime: 'm', linkTarget: '' })).toString('base64');
    assert.equal(parsePathStat(header).isDirectory, true);
    assert.deepEqual(portsFromBindings({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '53/udp': null }), [
      { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }, { privatePort: 53, type: 'udp' },
    ]);
  });
});

describe('events', () => {
  it('backs off exponentially up to a cap', () => {
    assert.deepEqual([1, 2, 3, 4, 10].map((n) => backoffDelay(n, { initialMs: 500, maxMs: 3000, factor: 2 })), [500, 1000, 2000, 3000, 3000]);
  });
  it('retries a local socket within 2 s at most, tcp within 5 s, ssh (a process per attempt) up to 30 s', () => {
    const caps = ['unix:///var/run/docker.sock', 'npipe:////./pipe/docker_engine', 'tcp://10.0.0.2:2376', 'ssh://me@box'].map((url) => reconnectBackoff(url).maxMs);
    assert.deepEqual(caps, [2_000, 2_000, 5_000, 30_000]);
    // An engine restarted on this machine is followed again quickly however long it was down.
    assert.ok([1, 2, 5, 50].every((attempt) => backoffDelay(attempt, reconnectBackoff('unix:///x.sock')) <= 2_000));
  });
  it('writes since as seconds.nanoseconds and maps events', () => {
    assert.equal(sinceParam(1_700_000_000 * 1e9), '1700000000.000000000');
    assert.equal(sinceParam(5_000_000_007), '5.000000007');
    assert.deepEqual(toEngineEvent({ Type: 'network', Action: 'connect', Actor: { ID: 'n1', Attributes: { container: 'c' } }, time: 5, timeNano: 5e9, scope: 'local' }), {
      type: 'network', action: 'connect', id: 'n1', attributes: { container: 'c' }, time: 5, timeNano: 5e9, scope: 'local',
    });
  });
  it('forgets a follower once it is stopped', async () => {
    const engine = new Engine({ url: 'unix:///nonexistent/berth-unit.sock', source: 'setting', why: 'a unit test' });
    const followers = (engine as unknown as { followers: Set<unknown> }).followers;
    const sleep = (_ms: number, signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    const follower = engine.follow({ onEvent: () => undefined, sleep });
    assert.equal(followers.size, 1);
    await follower.stop();
    await Promise.resolve();
    assert.equal(followers.size, 0);
    await engine.dispose();
  });
});

describe('.dockerignore', () => {
  it('excludes, re-includes with !, and always keeps the Dockerfile and .dockerignore', () => {
    const keep = ignoreFilter('# comment\n*.log\nnode_modules\n!node_modules/keep.js\nDockerfile\n.dockerignore\nsecrets/**\n', ['Dockerfile', '.dockerignore']);
    assert.deepEqual(['a.log', 'src/a.ts', 'node_modules/x.js', 'node_modules/keep.js', 'Dockerfile', '.dockerignore', 'secrets/a/b'].map(keep), [false, true, false, true, true, true, false]);
  });
});

describe('ssh', () => {
  it('builds an argv (never a shell line) for docker system dial-stdio', () => {
    assert.deepEqual(sshArgv({ host: 'box', user: 'me', port: 2222, extraArgs: ['-i', '/k'] }), [
      '-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', '-l', 'me', '-p', '2222', '-i', '/k', '--', 'box', 'docker', 'system', 'dial-stdio',
    ]);
  });
});

describe('toEngineError', () => {
  const cases: [string, unknown, string][] = [
    ['ENOENT', { code: 'ENOENT' }, 'unreachable'],
    ['ECONNREFUSED', { code: 'ECONNREFUSED' }, 'unreachable'],
    ['EACCES', { code: 'EACCES' }, 'permission'],
    ['ETIMEDOUT', { code: 'ETIMEDOUT' }, 'timeout'],
    ['TLS', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'tls'],
    ['TLS host name', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'tls'],
    ['TLS client key', { code: 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' }, 'tls'],
    ['ssh', { code: 'ESSH', message: 'Permission denied (publickey).' }, 'unreachable'],
    ['abort', { name: 'AbortError' }, 'cancelled'],
    ['abort by timeout', { name: 'AbortError', cause: { name: 'TimeoutError' } }, 'timeout'],
    ['404', { statusCode: 404, json: { message: 'no such container: x' } }, 'notFound'],
    ['409', { statusCode: 409, json: { message: 'conflict' } }, 'conflict'],
    ['403', { statusCode: 403, json: { message: 'has active endpoints' } }, 'conflict'],
    ['400', { statusCode: 400, json: { message: 'bad' } }, 'badRequest'],
    ['401', { statusCode: 401, json: { message: 'no' } }, 'unauthorized'],
    ['500', { statusCode: 500, json: { message: 'boom' } }, 'server'],
  ];
  for (const [name, error, kind] of cases) it(`${name} is ${kind}`, () => assert.equal(toEngineError(error, 'E').kind, kind));
  it('says why a socket is denied and the ways out: the docker group, a rootless engine, the setting or context', () => {
    const denied = toEngineError({ code: 'EACCES' }, 'unix:///var/run/docker.sock (the default socket)');
    assert.match(denied.message, /^Permission denied opening the engine socket at unix:\/\/\/var\/run\/docker\.sock \(the default socket\): your user may not use it \(EACCES\)\.$/);
    assert.match(denied.fix ?? '', /docker group \(sudo usermod -aG docker \$USER\)/);
    assert.match(denied.fix ?? '', /rootless engine/);
    assert.match(denied.fix ?? '', /berth\.host setting, DOCKER_HOST or the Docker context/);
  });
  it('says a hanging endpoint did not answer, what to check and which setting sets the wait', () => {
    const hanging = toEngineError(new DOMException('No answer within 300 ms.', 'TimeoutError'), 'tcp://127.0.0.1:9 (from the berth.host setting)');
    assert.equal(hanging.kind, 'timeout');
    assert.equal(hanging.message, 'The container engine at tcp://127.0.0.1:9 (from the berth.host setting) did not answer in time.');
    assert.match(hanging.fix ?? '', /is a Docker engine's API/);
    assert.match(hanging.fix ?? '', /berth\.requestTimeout/);
  });
  it('keeps the engine words of streamed failures and scrubs secrets', () => {
    const streamed = toEngineError({ statusCode: 500, message: '(HTTP code 500) server error - pull access denied for hunter2 ' }, 'E', { secrets: ['hunter2'] });
    assert.equal(streamed.message, 'The engine failed: Pull access denied for ***');
    assert.equal(streamed.cause, undefined, 'the cause, which holds the secret, is dropped');
  });
});
