/** Engine tier: Berth's engine layer against the private dockerd started by scripts/test-env.sh. */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { testDockerHost, testImage, uniqueName } from '../support/engine';

const engine = new Engine({ url: testDockerHost(), source: 'DOCKER_HOST', why: 'the private test engine' });
const created: string[] = [];

after(async () => {
  for (const id of created) await engine.removeContainer(id, { force: true }).catch(() => undefined);
});

describe('containers on the private engine', () => {
  it('creates, lists and removes a container', async () => {
    const name = uniqueName('create');
    const id = await engine.createContainer({ image: testImage, name, cmd: ['sleep', '30'], labels: { 'berth.test': '1' } });
    created.push(id);
    const listed = (await engine.listContainers({ all: true })).find((c) => c.id === id);
    assert.ok(listed, 'the new container is listed');
    assert.equal(listed.name, name);
    assert.equal(listed.state, 'created');
    assert.equal(listed.labels['berth.test'], '1');
    await engine.removeContainer(id);
    assert.equal((await engine.listContainers({ all: true })).some((c) => c.id === id), false);
  });

  it('says which container was not found', async () => {
    await assert.rejects(engine.removeContainer('berth-no-such-container'), (error: unknown) => {
      assert.ok(error instanceof EngineError);
      assert.equal(error.kind, 'notFound');
      assert.match(error.message, /berth-no-such-container/);
      return true;
    });
  });

  it('names the endpoint and the fix when the socket is unreachable', async () => {
    const nowhere = new Engine({ url: 'unix:///nonexistent/berth.sock', source: 'setting', why: 'from the berth.host setting' });
    await assert.rejects(nowhere.listContainers(), (error: unknown) => {
      assert.ok(error instanceof EngineError);
      assert.equal(error.kind, 'unreachable');
      assert.match(error.message, /unix:\/\/\/nonexistent\/berth\.sock/);
      assert.match(error.message, /berth\.host setting/);
      assert.ok(error.fix);
      return true;
    });
  });
});
