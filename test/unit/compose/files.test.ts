/** Which files make a compose project and what it is called, as the compose tools decide. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isComposeFileName, normalizeProjectName, overrideName, parseDotenv, projectInFolder } from '../../../src/compose/files';

const dir = '/w/My.App';

describe('compose files', () => {
  it('prefers compose.yaml, then compose.yml, docker-compose.yaml, docker-compose.yml, and adds the override file of the one chosen', () => {
    const cases: [string[], string[]][] = [
      [['docker-compose.yml', 'compose.yaml'], ['compose.yaml']],
      [['docker-compose.yml', 'compose.yml', 'compose.override.yml'], ['compose.yml', 'compose.override.yml']],
      [['docker-compose.yaml', 'docker-compose.override.yaml', 'compose.override.yaml'], ['docker-compose.yaml', 'docker-compose.override.yaml']],
      [['docker-compose.yml', 'docker-compose.override.yml'], ['docker-compose.yml', 'docker-compose.override.yml']],
    ];
    for (const [entries, expected] of cases) {
      assert.deepEqual(projectInFolder({ dir, entries, dotenv: {}, env: {} })?.files, expected.map((f) => `${dir}/${f}`), entries.join(','));
    }
    assert.equal(projectInFolder({ dir, entries: ['compose.override.yaml', 'app.yaml'], dotenv: {}, env: {} }), undefined, 'an override alone is no project');
  });

  it('takes COMPOSE_FILE from the environment over .env, split by the platform\'s separator or COMPOSE_PATH_SEPARATOR', () => {
    const fromDotenv = projectInFolder({ dir, entries: ['compose.yaml'], dotenv: { COMPOSE_FILE: 'base.yml:ops/extra.yml' }, env: {}, platform: 'linux' });
    assert.deepEqual(fromDotenv?.files, [`${dir}/base.yml`, `${dir}/ops/extra.yml`]);
    const fromEnv = projectInFolder({ dir, entries: [], dotenv: { COMPOSE_FILE: 'base.yml' }, env: { COMPOSE_FILE: 'a.yml;b.yml' }, platform: 'win32' });
    assert.equal(fromEnv?.files.length, 2);
    const custom = projectInFolder({ dir, entries: [], dotenv: { COMPOSE_FILE: 'a.yml,b.yml', COMPOSE_PATH_SEPARATOR: ',' }, env: {} });
    assert.deepEqual(custom?.files, [`${dir}/a.yml`, `${dir}/b.yml`]);
  });

  it('names the project from COMPOSE_PROJECT_NAME, else the file\'s name:, else the folder, normalised', () => {
    assert.equal(projectInFolder({ dir, entries: ['compose.yaml'], dotenv: {}, env: {} })?.name, 'myapp');
    assert.equal(projectInFolder({ dir, entries: ['compose.yaml'], dotenv: {}, env: {}, topLevelName: 'Shop' })?.name, 'shop');
    assert.equal(projectInFolder({ dir, entries: ['compose.yaml'], dotenv: { COMPOSE_PROJECT_NAME: 'from-dotenv' }, env: {}, topLevelName: 'shop' })?.name, 'from-dotenv');
    assert.equal(projectInFolder({ dir, entries: ['compose.yaml'], dotenv: { COMPOSE_PROJECT_NAME: 'a' }, env: { COMPOSE_PROJECT_NAME: 'b' } })?.name, 'b');
    assert.equal(normalizeProjectName('--My App_2.0'), 'myapp_20');
    assert.equal(projectInFolder({ dir: '/w/...', entries: ['compose.yaml'], dotenv: {}, env: {} })?.name, 'default');
  });

  it('reads COMPOSE_PROFILES and keeps an --env-file', () => {
    const project = projectInFolder({ dir, entries: ['compose.yaml'], dotenv: { COMPOSE_PROFILES: 'debug, ops' }, env: {}, envFile: '/w/prod.env' });
    assert.deepEqual(project?.defaultProfiles, ['debug', 'ops']);
    assert.equal(project?.envFile, '/w/prod.env');
  });

  it('parses .env files: export, quotes, comments', () => {
    assert.deepEqual(parseDotenv('# c\nexport A=1\nB="two words"\nC=\'x # y\'\nD=plain # note\nnot a line\n'), { A: '1', B: 'two words', C: 'x # y', D: 'plain' });
  });

  it('knows the file names the tools find', () => {
    assert.equal(overrideName('compose.yaml'), 'compose.override.yaml');
    for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.override.yaml']) assert.ok(isComposeFileName(name), name);
    for (const name of ['compose.json', 'my-compose.yml', 'docker-compose.prod.yml']) assert.ok(!isComposeFileName(name), name);
  });
});
