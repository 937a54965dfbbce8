/**
 * Engine tier: `npm start`'s engine choice (scripts/start-engine.ts) against the real private
 * engine: found through DOCKER_HOST the way Berth finds it, and refused to an unprivileged user.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { chooseEngine, probeUserEngine } from '../../scripts/start-engine';
import { testDockerHost } from '../support/engine';

describe('npm start: the engine it finds', () => {
  it('uses the engine DOCKER_HOST names, as Berth would, with its version', async () => {
    const probe = await probeUserEngine(undefined, { DOCKER_HOST: testDockerHost() });
    assert.equal(probe.answered, true, probe.detail);
    assert.equal(probe.why, 'from the DOCKER_HOST environment variable');
    const choice = chooseEngine('auto', probe);
    assert.equal(choice.use, 'user');
    assert.ok('line' in choice && choice.line.includes(`${testDockerHost()} (from the DOCKER_HOST environment variable): engine `), JSON.stringify(choice));
  });

  it('an engine socket this user may not open: one sentence with the cause and the fixes, no sandbox behind its back', () => {
    const socket = testDockerHost();
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'startChoice.ts'), 'auto'], {
      uid: 65534, gid: 65534, encoding: 'utf8', cwd: path.join(__dirname, '..', '..'), env: { PATH: process.env.PATH, HOME: '/tmp', DOCKER_HOST: socket, TSX_TSCONFIG_PATH: '' }, timeout: 30_000,
    });
    assert.equal(result.status, 0, `the probe ran as nobody: ${result.stderr}`);
    const { probe, choice } = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}');
    assert.equal(probe.kind, 'permission', JSON.stringify(probe));
    assert.equal(choice.use, 'none');
    assert.equal(choice.error.split('\n').length, 1);
    assert.match(choice.error, /^your engine at unix:\/\/\S+ \(from the DOCKER_HOST environment variable\) refused this user: Permission denied .*docker group.*Or run `npm start -- --sandbox` for a private engine with sample content\.$/);
  });
});
