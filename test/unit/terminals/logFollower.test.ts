/**
 * The logs follower's decisions when the engine itself goes away and comes back, over a
 * scripted stand-in for the terminals' engine calls (the host tier runs the real thing
 * against a dockerd that is stopped and started).
 */
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { EngineError } from '../../../src/engine/errors';
import type { ContainerFacts, EventConnectionListener, TerminalStreams } from '../../../src/terminals/engineStreams';
import { LogFollower } from '../../../src/terminals/logFollower';

class ScriptedEngine {
  running = true;
  startedAt = 'run-1';
  inspectFailure: Error | undefined;
  /** Inspects answered so far: a test waits on it to know the follower has had its answer. */
  inspected = 0;
  readonly logStreams: PassThrough[] = [];
  onEvent: ((event: { action: string; id: string }) => void) | undefined;
  connection: EventConnectionListener = {};

  async inspect(id: string): Promise<ContainerFacts> {
    if (this.inspectFailure) throw this.inspectFailure;
    this.inspected++;
    return { id, name: 'numbers', running: this.running, status: '', exitCode: 0, startedAt: this.startedAt, tty: false, openStdin: false, labels: {} };
  }

  async logs(): Promise<PassThrough> {
    const stream = new PassThrough({ objectMode: true });
    this.logStreams.push(stream);
    return stream;
  }

  containerEvents(_ids: string[], onEvent: (event: { action: string; id: string }) => void, connection: EventConnectionListener = {}): { stop(): Promise<void> } {
    this.onEvent = onEvent;
    this.connection = connection;
    return { stop: async () => undefined };
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(condition(), what);
}

function follow(engine: ScriptedEngine): { follower: LogFollower; banners: string[]; lines: string[] } {
  const banners: string[] = [];
  const lines: string[] = [];
  const follower = new LogFollower(engine as unknown as TerminalStreams, 'c1', { tail: 10 }, {
    lines: (batch) => lines.push(...batch.map((l) => `${l.text}\r\n`)),
    banner: (text) => banners.push(text),
  });
  return { follower, banners, lines };
}

const line = (text: string, at = '2024-05-01T10:00:00.000000000Z') => ({ stream: 'stdout', data: Buffer.from(`${at} ${text}\n`) });

/** Follows, then the engine stops: the stream closes and the engine cannot be asked why. */
async function engineGoesAway(engine: ScriptedEngine, follower: LogFollower): Promise<void> {
  await follower.start();
  engine.logStreams[0].write(line('run 1 line 1'));
  engine.inspectFailure = new EngineError('unreachable', 'Cannot reach the container engine at unix:///tmp/e.sock (ENOENT).', 'Start the engine.');
  engine.logStreams[0].destroy();
  await until(() => follower.state === 'waiting', 'the follower waits');
  engine.inspectFailure = undefined;
  engine.startedAt = 'run-2';
}

describe('LogFollower when the engine goes away', () => {
  it('says the engine went away, not that the logs failed, and keeps the terminal open', async () => {
    const engine = new ScriptedEngine();
    const { follower, banners, lines } = follow(engine);
    await engineGoesAway(engine, follower);
    assert.match(lines.join(''), /run 1 line 1/);
    assert.deepEqual(banners, ['Lost the engine: Cannot reach the container engine at unix:///tmp/e.sock (ENOENT). Waiting for it to come back; the logs continue when the container runs again.']);
    assert.equal(follower.state, 'waiting', 'not ended: the terminal stays');
    follower.dispose();
  });

  it('re-attaches on the replayed start event, once, resuming after the last line shown', async () => {
    const engine = new ScriptedEngine();
    const { follower, banners } = follow(engine);
    await engineGoesAway(engine, follower);
    engine.onEvent?.({ action: 'start', id: 'c1' });
    engine.connection.onBack?.();
    await until(() => engine.logStreams.length === 2, 'a second logs stream');
    assert.equal(follower.state, 'following');
    assert.equal(follower.restarts, 1);
    assert.match(banners.at(-1) ?? '', /^Container restarted at .*: following its logs again\.$/);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(engine.logStreams.length, 2, 'the reconnect check found it following and did not attach twice');
    follower.dispose();
  });

  it('re-attaches when its event stream is back even if the start event was not replayed', async () => {
    const engine = new ScriptedEngine();
    const { follower } = follow(engine);
    await engineGoesAway(engine, follower);
    engine.connection.onBack?.();
    await until(() => follower.restarts === 1, 'the re-attach after the reconnect');
    assert.equal(follower.state, 'following');
    follower.dispose();
  });

  it('keeps waiting when the engine is back but the container is not running', async () => {
    const engine = new ScriptedEngine();
    const { follower } = follow(engine);
    await engineGoesAway(engine, follower);
    engine.running = false;
    const inspectedBefore = engine.inspected;
    engine.connection.onBack?.();
    // The follower asks the engine once on reconnect; once that answer ("not running") is in,
    // its decision is made (the continuation runs before the next setImmediate turn).
    await until(() => engine.inspected === inspectedBefore + 1, 'the follower to look at the container after the reconnect');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(follower.state, 'waiting');
    assert.equal(engine.logStreams.length, 1, 'no logs stream for a container that is not running');
    // Still listening: when the container does start, it follows again.
    engine.running = true;
    engine.onEvent?.({ action: 'start', id: 'c1' });
    await until(() => engine.logStreams.length === 2, 'the re-attach on the start event');
    assert.equal(follower.state, 'following');
    follower.dispose();
  });

  it('says the engine went away when its event stream breaks after the container stopped, once per outage', async () => {
    const engine = new ScriptedEngine();
    const { follower, banners } = follow(engine);
    await follower.start();
    // Shutting down, the engine stops its containers first, then closes its API.
    engine.running = false;
    engine.logStreams[0].destroy();
    await until(() => banners.length === 1, 'the stopped banner');
    assert.match(banners[0], /^Container stopped \(exit code 0\)/);
    const gone = new EngineError('unreachable', 'The container engine at unix:///tmp/e.sock closed its event stream.');
    engine.connection.onLost?.(gone);
    engine.connection.onLost?.(gone);
    assert.deepEqual(banners.slice(1), ['Lost the engine: The container engine at unix:///tmp/e.sock closed its event stream. Waiting for it to come back; the logs continue when the container runs again.']);
    engine.connection.onBack?.();
    engine.connection.onLost?.(gone);
    assert.equal(banners.filter((b) => b.startsWith('Lost the engine')).length, 2, 'a new outage is told again');
    follower.dispose();
  });
});
