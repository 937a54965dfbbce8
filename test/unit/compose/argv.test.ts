/** The compose tool's argv for each action: always an array, project and files named, profiles where they matter. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRequest, composeRuns, requestLabel } from '../../../src/compose/argv';
import type { ProjectFiles } from '../../../src/compose/files';
import { subcommandOf } from '../../../src/compose/run';
import { definitionFor, filesOfDefinition } from '../../../src/compose/task';

const project: ProjectFiles = { dir: '/w/app', files: ['/w/app/compose.yaml', '/w/app/compose.override.yaml'], name: 'app', defaultProfiles: [] };
const global = ['--project-name', 'app', '--file', '/w/app/compose.yaml', '--file', '/w/app/compose.override.yaml'];

describe('compose argv', () => {
  it('up is detached, with chosen services and profiles, and the profile of a chosen service behind one', () => {
    assert.deepEqual(composeRuns(project, { action: 'up' }, ['debug']), [[...global, 'up', '--detach']]);
    assert.deepEqual(composeRuns(project, { action: 'up', profiles: ['debug'] }, ['debug']), [[...global, '--profile', 'debug', 'up', '--detach']]);
    assert.deepEqual(composeRuns(project, { action: 'up', services: ['tools'] }, ['debug'], (s) => (s === 'tools' ? ['debug'] : [])), [[...global, '--profile', 'debug', 'up', '--detach', 'tools']]);
  });

  it('up with or without build, and with a pull first', () => {
    assert.deepEqual(composeRuns(project, { action: 'up', build: 'always' }, [])[0].slice(-2), ['--detach', '--build']);
    assert.deepEqual(composeRuns(project, { action: 'up', build: 'never' }, [])[0].slice(-2), ['--detach', '--no-build']);
    assert.deepEqual(composeRuns(project, { action: 'up', pull: true, services: ['web'] }, []), [[...global, 'pull', 'web'], [...global, 'up', '--detach', 'web']]);
  });

  it('every other action names every profile, so profile services are acted on too', () => {
    const all = ['--profile', 'a', '--profile', 'b'];
    assert.deepEqual(composeRuns(project, { action: 'down' }, ['a', 'b']), [[...global, ...all, 'down']]);
    assert.deepEqual(composeRuns(project, { action: 'down', volumes: true, localImages: true }, []), [[...global, 'down', '--volumes', '--rmi', 'local']]);
    for (const action of ['start', 'stop', 'restart', 'pause', 'unpause', 'pull', 'build'] as const) {
      assert.deepEqual(composeRuns(project, { action, services: ['web'] }, ['a', 'b']), [[...global, ...all, action, 'web']], action);
    }
    assert.deepEqual(composeRuns({ ...project, envFile: '/w/prod.env' }, { action: 'config' }, []), [[...global, '--env-file', '/w/prod.env', 'config']]);
  });

  it('finds the subcommand after the global options', () => {
    assert.equal(subcommandOf(composeRuns(project, { action: 'restart', services: ['up'] }, ['x'])[0]), 'restart');
  });

  it('refuses names that would become options or that the project does not have, in one sentence', () => {
    assert.equal(checkRequest({ action: 'up', services: ['web'] }, { services: ['web'], profiles: [] }), undefined);
    assert.match(checkRequest({ action: 'up', services: ['--rm'] }) ?? '', /is not a service name/);
    assert.match(checkRequest({ action: 'up', services: ['a b'] }) ?? '', /is not a service name/);
    assert.match(checkRequest({ action: 'up', profiles: ['nope'] }, { services: [], profiles: ['debug'] }) ?? '', /no profile "nope"; it has debug/);
    assert.match(checkRequest({ action: 'exec' as never }) ?? '', /is not a compose action/);
  });

  it('labels a run for its task', () => {
    assert.equal(requestLabel('app', { action: 'up', profiles: ['debug'], services: ['web'] }), 'compose app: up --profile debug web');
    assert.equal(requestLabel('app', { action: 'down', volumes: true }), 'compose app: down --volumes');
  });

  it('a task definition repeats a request with files relative to the folder, and resolves back', () => {
    const definition = definitionFor(project, { action: 'restart', services: ['web'] }, '/w');
    assert.deepEqual(definition, { type: 'berth-compose', action: 'restart', services: ['web'], files: ['app/compose.yaml', 'app/compose.override.yaml'], projectName: 'app' });
    assert.deepEqual(filesOfDefinition(definition, '/w'), project);
    assert.throws(() => filesOfDefinition({ ...definition, files: [] }, '/w'), /needs "files"/);
    assert.throws(() => filesOfDefinition({ ...definition, projectName: '!!!' }, '/w'), /cannot be a project name/);
  });
});
