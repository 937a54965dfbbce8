import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateContainerDirectory, validateExecUser } from '../../../src/engine/validate';
import { describeExecAs, ExecMemory, normalExecAs } from '../../../src/terminals/execAs';

/** A Memento over a Map: what globalState is to the extension. */
function memento() {
  const map = new Map<string, unknown>();
  return {
    keys: () => [...map.keys()],
    get: <T>(key: string, fallback?: T) => (map.has(key) ? (map.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void map.set(key, value),
  };
}

describe('exec as a user, in a folder', () => {
  it('takes every form docker exec -u takes: name, uid, uid:gid, name:group', () => {
    for (const user of ['www-data', 'nobody', '_apt', '1000', '0', '1000:1000', 'app:staff', 'app:100', '33:www-data', 'machine$']) {
      assert.equal(validateExecUser(user), undefined, user);
    }
    for (const user of ['', 'a b', 'app:', ':1000', 'a:b:c', '-rf', 'root;id', '$(id)', 'x'.repeat(40)]) assert.ok(validateExecUser(user), `refused ${JSON.stringify(user)}`);
  });

  it('wants an absolute working directory', () => {
    assert.equal(validateContainerDirectory('/'), undefined);
    assert.equal(validateContainerDirectory('/srv/my app'), undefined);
    assert.match(validateContainerDirectory('app') ?? '', /must be an absolute path/);
    assert.match(validateContainerDirectory('') ?? '', /must be an absolute path/);
  });

  it('drops empty answers (the image\'s default) and names the rest in the title', () => {
    assert.deepEqual(normalExecAs({ user: ' ', workdir: '' }), {});
    assert.deepEqual(normalExecAs({ user: ' app ', workdir: '/srv ' }), { user: 'app', workdir: '/srv' });
    assert.equal(describeExecAs({ user: 'app', workdir: '/srv' }), ' as app in /srv');
    assert.equal(describeExecAs({ workdir: '/srv' }), ' in /srv');
    assert.equal(describeExecAs({}), '');
  });

  it('remembers the last answer per container, the newest 100 at most', async () => {
    const memory = new ExecMemory(memento());
    assert.deepEqual(memory.get('c1'), {});
    await memory.remember('c1', { user: 'app', workdir: '/srv' });
    await memory.remember('c2', { user: '1000' });
    await memory.remember('c1', { user: 'root', workdir: '' });
    assert.deepEqual(memory.get('c1'), { user: 'root' });
    assert.deepEqual(memory.get('c2'), { user: '1000' });
    for (let i = 0; i < 120; i++) await memory.remember(`many-${i}`, { user: 'x' });
    assert.deepEqual(memory.get('c2'), {}, 'the oldest are forgotten');
    assert.deepEqual(memory.get('many-119'), { user: 'x' });
  });
});
