/** Engine tier: logs, exec, attach, stats, top, diff, commit, export, archive. */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readAll } from '../../src/engine/api';
import { TerminalStreams } from '../../src/terminals/engineStreams';
import { type Frame, onText } from '../../src/engine/streams';
import { readTar } from '../../src/engine/tar';
import { Leftovers, testEngine, testImage, uniqueName } from '../support/engine';
import { waitFor } from '../support/wait';

const engine = testEngine();
const made = new Leftovers();
let box: string;

before(async () => {
  box = await engine.containers.run({ image: testImage, name: uniqueName('io'), cmd: ['sh', '-c', 'echo out-1; echo err-1 >&2; echo out-2; sleep 300'] });
  made.containers.push(box);
});
after(async () => {
  await made.clean(engine);
  await engine.dispose();
});

async function collect(frames: AsyncIterable<Frame>, until: (text: string) => boolean): Promise<string> {
  let text = '';
  for await (const frame of frames) {
    text += `${frame.stream}:${frame.data.toString()}`;
    if (until(text)) break;
  }
  return text;
}

describe('container logs', () => {
  it('demultiplexes stdout and stderr, with tail and timestamps', async () => {
    const logs = await waitFor(async () => {
      const l = await engine.containers.readLogs(box);
      return l.stdout.includes('out-2') && l.stderr.includes('err-1') ? l : undefined;
    }, 'the first log lines');
    assert.equal(logs.stdout, 'out-1\nout-2\n');
    assert.equal(logs.stderr, 'err-1\n');
    const last = await engine.containers.readLogs(box, { tail: 1 });
    assert.equal((last.stdout + last.stderr).split('\n').filter(Boolean).length, 1, 'one line with tail 1');
    assert.match((await engine.containers.readLogs(box, { timestamps: true, stderr: false })).stdout, /^\d{4}-\d\d-\d\dT\S+ out-1\n/);
    assert.equal((await engine.containers.readLogs(box, { since: Math.floor(Date.now() / 1000) + 60 })).stdout, '');
  });

  it('follows new lines until aborted, and TTY logs arrive as stdout', async () => {
    const id = await engine.containers.run({ image: testImage, name: uniqueName('follow'), tty: true, cmd: ['sh', '-c', 'i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.2; done'] });
    made.containers.push(id);
    const controller = new AbortController();
    const { frames, tty } = await engine.containers.logs(id, { follow: true, signal: controller.signal });
    assert.equal(tty, true);
    const text = await collect(frames, (t) => t.includes('tick-3'));
    controller.abort();
    assert.match(text, /^stdout:tick-0/);
    assert.ok(!text.includes('stderr:'));
  });
});

describe('exec and attach', () => {
  it('runs a command and returns its output and exit code', async () => {
    const result = await engine.containers.execRun(box, ['sh', '-c', 'echo hi $WHO; echo oops >&2; exit 4'], { env: ['WHO=berth'], workdir: '/tmp' });
    assert.deepEqual(result, { exitCode: 4, stdout: 'hi berth\n', stderr: 'oops\n' });
  });

  it('drives an interactive TTY shell and resizes it', async () => {
    const session = await engine.containers.exec(box, { cmd: ['sh'], tty: true, stdin: true, size: { cols: 100, rows: 30 } });
    await session.resize(123, 45);
    let output = '';
    session.stdout.on('data', (d: Buffer) => (output += d.toString()));
    session.stdin.write('stty size; echo done-$((6*7))\n');
    await waitFor(() => output.includes('done-42'), 'the shell to answer');
    assert.match(output, /45 123/);
    session.stdin.write('exit 7\n');
    assert.equal(await session.exit, 7);
  });

  it('keeps a character whole when the program writes its bytes in two pieces', async () => {
    // 한 is ED 95 9C and é is C3 A9: each printf is its own write, so its own frame on the wire.
    const session = await engine.containers.exec(box, { cmd: ['sh', '-c', "printf '\\355\\225'; sleep 0.3; printf '\\234caf\\303'; sleep 0.3; printf '\\251\\n'"] });
    let text = '';
    const chunks: number[] = [];
    session.stdout.on('data', (d: Buffer) => chunks.push(d.length));
    onText(session.stdout, (t) => (text += t));
    assert.equal(await session.exit, 0);
    await waitFor(() => text.endsWith('\n'), 'the last piece');
    assert.ok(chunks.length >= 2, `the engine sent the text in ${chunks.length} piece(s); the test needs it split`);
    assert.equal(text, '한café\n');
  });

  it('runs a terminal\'s exec as another user in another folder (exec -u -w), by uid:gid and by name', async () => {
    const streams = new TerminalStreams(engine);
    const ask = async (as: { user?: string; workdir?: string }): Promise<string> => {
      const session = await streams.exec(box, ['sh'], `BERTH_SESSION=${uniqueName('as')}`, { cols: 80, rows: 24 }, as);
      let output = '';
      session.stdout.on('data', (d: Buffer) => (output += d.toString()));
      session.stdin.write('echo "uid=$(busybox id -u) gid=$(busybox id -g) dir=$(pwd) end"; exit\n');
      assert.equal(await session.exit, 0);
      return /uid=\S+ gid=\S+ dir=\S+ end/.exec(output.replace(/\r/g, ''))?.[0] ?? output;
    };
    assert.equal(await ask({}), 'uid=0 gid=0 dir=/ end', 'the image\'s defaults when none is asked');
    assert.equal(await ask({ user: '1234:2345', workdir: '/tmp' }), 'uid=1234 gid=2345 dir=/tmp end');
    assert.equal(await ask({ user: 'nobody', workdir: '/var/www' }), 'uid=65534 gid=65534 dir=/var/www end');
    assert.equal(await ask({ user: 'nobody:root' }), 'uid=65534 gid=0 dir=/ end');
  });

  it('pipes stdin without a TTY', async () => {
    const session = await engine.containers.exec(box, { cmd: ['cat'], stdin: true });
    const out = readAll(session.stdout);
    session.stdin.end('piped text\n');
    assert.equal((await out).toString(), 'piped text\n');
    assert.equal(await session.exit, 0);
  });

  it('attaches to the main process with stdin', async () => {
    const id = await engine.containers.run({ image: testImage, name: uniqueName('attach'), cmd: ['cat'], openStdin: true });
    made.containers.push(id);
    const session = await engine.containers.attach(id, { stdin: true });
    let output = '';
    session.stdout.on('data', (d: Buffer) => (output += d.toString()));
    session.stdin.write('hello attach\n');
    await waitFor(() => output.includes('hello attach'), 'the echo through attach');
    session.close();
  });

  it('attaches to a TTY container and resizes it', async () => {
    const id = await engine.containers.run({ image: testImage, name: uniqueName('attachtty'), cmd: ['sh'], tty: true, openStdin: true });
    made.containers.push(id);
    const session = await engine.containers.attach(id, { stdin: true });
    assert.equal(session.tty, true);
    await session.resize(101, 33);
    let output = '';
    session.stdout.on('data', (d: Buffer) => (output += d.toString()));
    session.stdin.write('stty size\n');
    await waitFor(() => output.includes('33 101'), 'the new size inside the container');
    session.stdin.write('exit 5\n');
    assert.equal(await session.exit, 5);
  });
});

describe('stats, top, diff, commit, export, archive', () => {
  it('takes a stats sample and streams more', async () => {
    const one = await engine.containers.stats(box);
    assert.ok(one.memoryUsage > 0 && one.pids >= 1 && one.onlineCpus >= 1, JSON.stringify({ ...one, raw: undefined }));
    const controller = new AbortController();
    const samples = [];
    for await (const sample of engine.containers.statsStream(box, controller.signal)) {
      samples.push(sample);
      if (samples.length === 2) controller.abort();
    }
    assert.equal(samples.length, 2);
  });

  it('lists processes', async () => {
    const top = await engine.containers.top(box);
    assert.ok(top.titles.includes('PID') || top.titles.includes('CMD'));
    assert.ok(top.processes.some((p) => p.join(' ').includes('sleep 300')));
  });

  it('diffs the filesystem, commits with author, message and changes', async () => {
    await engine.containers.execRun(box, ['sh', '-c', 'echo x > /tmp/added.txt; rm /bin/yes']);
    const changes = await engine.containers.diff(box);
    assert.ok(changes.some((c) => c.path === '/tmp/added.txt' && c.kind === 'added'), JSON.stringify(changes));
    assert.ok(changes.some((c) => c.path === '/bin/yes' && c.kind === 'deleted'));
    assert.ok(changes.some((c) => c.path === '/tmp' && c.kind === 'changed'));
    const repo = `berth-commit-${uniqueName('c').slice(-8)}`;
    const imageId = await engine.containers.commit(box, { repo, tag: 'v1', author: 'Berth Test', message: 'snapshot', changes: ['ENV COMMITTED=1', 'LABEL berth.committed=yes'] });
    made.images.push(imageId);
    const image = await engine.images.inspect(`${repo}:v1`);
    assert.equal(image.id, imageId);
    assert.equal(image.author, 'Berth Test');
    assert.equal(image.comment, 'snapshot');
    assert.ok(image.config.env.includes('COMMITTED=1'));
    assert.equal(image.config.labels['berth.committed'], 'yes');
  });

  it('exports the filesystem as a tar stream', async () => {
    const tar = await engine.containers.export(box);
    const names = new Set<string>();
    const entries = await readTar(tar, 512 * 1024 * 1024);
    for (const e of entries) names.add(e.path);
    assert.ok(names.has('bin/busybox'));
  });

  it('copies files in and out and stats paths', async () => {
    await engine.containers.execRun(box, ['mkdir', '-p', '/srv/in']);
    await engine.containers.copyTo(box, '/srv/in', [{ path: 'a.txt', content: 'alpha' }, { path: 'sub/b.txt', content: 'beta', mode: 0o600 }]);
    assert.equal((await engine.containers.execRun(box, ['cat', '/srv/in/sub/b.txt'])).stdout, 'beta');
    const stat = await engine.containers.statPath(box, '/srv/in/a.txt');
    assert.equal(stat.name, 'a.txt');
    assert.equal(stat.size, 5);
    assert.equal(stat.isDirectory, false);
    assert.equal((await engine.containers.statPath(box, '/srv/in')).isDirectory, true);
    const out = await engine.containers.copyFrom(box, '/srv/in');
    const b = out.find((e) => e.path === 'in/sub/b.txt');
    assert.equal(b?.content.toString(), 'beta');
    assert.equal((b?.mode ?? 0) & 0o777, 0o600);
    await assert.rejects(engine.containers.statPath(box, '/no/such/path'), (e: { kind?: string }) => e.kind === 'notFound');
  });
});
