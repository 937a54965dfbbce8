/** `npm start`'s choice of engine (scripts/start-engine.ts): pure, one case per mode and outcome. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseEngine, type EngineProbe } from '../../scripts/start-engine';

const answered: EngineProbe = { url: 'unix:///var/run/docker.sock', why: 'the default socket', answered: true, version: 'engine 24.0.5 (API 1.43)' };
const absent: EngineProbe = { url: 'unix:///var/run/docker.sock', why: 'the default socket', answered: false, kind: 'unreachable', detail: 'Cannot reach the container engine at unix:///var/run/docker.sock (the default socket) (ENOENT). Start the engine, or point the berth.host setting, DOCKER_HOST or the Docker context at a running one.' };
const denied: EngineProbe = { ...absent, kind: 'permission', detail: 'Permission denied opening the engine socket unix:///var/run/docker.sock: your user may not use it (EACCES). Add yourself to the docker group (sudo usermod -aG docker $USER) and log in again.' };

describe('npm start: which engine', () => {
  it('uses the engine that answers, saying where it came from', () => {
    for (const mode of ['auto', 'engine'] as const) {
      const choice = chooseEngine(mode, answered);
      assert.equal(choice.use, 'user');
      assert.ok('line' in choice && choice.line.includes('unix:///var/run/docker.sock (the default socket): engine 24.0.5'), JSON.stringify(choice));
    }
  });

  it('falls back to the sandbox when none answers, in one line that says how to use yours', () => {
    const choice = chooseEngine('auto', absent);
    assert.equal(choice.use, 'sandbox');
    assert.ok('line' in choice);
    assert.equal(choice.line.split('\n').length, 1);
    assert.match(choice.line, /no engine of yours answered at unix:\/\/\/var\/run\/docker\.sock \(the default socket\)/);
    assert.match(choice.line, /DOCKER_HOST, a Docker context, or the berth\.host setting\), then run `npm start -- --engine`/);
  });

  it('--engine fails when none answers, with Berth\'s reason and the way out', () => {
    const choice = chooseEngine('engine', absent);
    assert.equal(choice.use, 'none');
    assert.ok('error' in choice);
    assert.match(choice.error, /^--engine asks for your engine and none answered: Cannot reach .*ENOENT.*Or drop --engine to use the sandbox engine\.$/);
  });

  it('a socket without permission fails in every mode but --sandbox, naming the cause and the fixes', () => {
    for (const mode of ['auto', 'engine'] as const) {
      const choice = chooseEngine(mode, denied);
      assert.equal(choice.use, 'none');
      assert.ok('error' in choice);
      assert.match(choice.error, /refused this user: Permission denied .*docker group.*Or run `npm start -- --sandbox`/);
    }
  });

  it('--sandbox needs no probe', () => {
    assert.equal(chooseEngine('sandbox', undefined).use, 'sandbox');
    assert.throws(() => chooseEngine('auto', undefined), /needs a probe/);
  });
});
