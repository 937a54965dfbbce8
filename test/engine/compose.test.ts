/**
 * Engine tier: the compose tool this machine has (the v2 plugin when present, else
 * Debian's docker-compose 1.29) run the way Berth runs it (src/compose: its detection,
 * argv, environment and runner) against the private engine. Checked with the engine's
 * own answers: what up creates (three services, their networks, the named volume, in
 * depends_on order), a restart of one service, a profile's service only when chosen, and
 * down removing everything up made.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { composeRuns, ComposeRequest } from '../../src/compose/argv';
import { normalizeProjectName, projectInFolder, ProjectFiles } from '../../src/compose/files';
import { containersByService, serviceState } from '../../src/compose/match';
import { parseCompose, profilesOf } from '../../src/compose/model';
import { processProbe, runCompose } from '../../src/compose/run';
import { ComposeTool, detectTool, toolEnvironment } from '../../src/compose/tool';
import { testDocker, testDockerHost, testEngine, testEngineKind } from '../support/engine';
import { tempDir } from '../support/temp';
import { threeServices, writeThreeServices } from '../support/composeProject';

const engine = testEngine();
const docker = testDocker();
let tool: ComposeTool;
let project: ProjectFiles;
let env: Record<string, string>;
const model = parseCompose(threeServices);

async function compose(request: ComposeRequest): Promise<string> {
  const outputs: string[] = [];
  const serviceProfiles = (name: string) => model.services.find((s) => s.name === name)?.profiles ?? [];
  for (const args of composeRuns(project, request, profilesOf(model.services), serviceProfiles)) outputs.push(await runCompose(tool, args, { cwd: project.dir, env }));
  return outputs.join('');
}

const labelled = (key: string, value: string) => ({ label: [`com.docker.compose.project=${project.name}`, `${key}=${value}`] });

async function projectContainers() {
  return (await engine.listContainers({ all: true })).filter((c) => c.labels['com.docker.compose.project'] === project.name);
}

async function startedAt(id: string): Promise<number> {
  return Date.parse((await docker.getContainer(id).inspect()).State.StartedAt);
}

before(async () => {
  const found = await detectTool('auto', processProbe);
  assert.ok(found, 'No compose tool on this machine: install Debian\'s docker-compose (`apt-get install docker-compose`, scripts/test-env.sh does) or the docker compose plugin.');
  tool = found;
  const dir = path.join(tempDir('compose-'), `Berth.Compose ${process.pid}`);
  writeThreeServices(dir);
  project = projectInFolder({ dir, entries: ['compose.yaml', 'web'], dotenv: {}, env: {} })!;
  env = toolEnvironment({ url: testDockerHost(), source: 'DOCKER_HOST', why: 'the private test engine' }, { ...process.env, DOCKER_HOST: 'unix:///nowhere.sock', DOCKER_CONTEXT: 'elsewhere' });
});

after(async () => {
  if (project && tool) await compose({ action: 'down', volumes: true, localImages: true }).catch(() => undefined);
  await engine.dispose();
});

describe(`compose through Berth's runner`, () => {
  it('finds a compose tool and names the project as the tools do', () => {
    assert.match(tool.version, /^\d+\.\d+/);
    assert.deepEqual(tool.command, tool.kind === 'docker compose' ? ['docker', 'compose'] : [tool.kind]);
    // The folder "Berth.Compose <pid>" becomes a name both v1 and v2 accept.
    assert.equal(project.name, normalizeProjectName(`berth.compose ${process.pid}`));
    assert.match(project.name, /^berthcompose\d+$/);
  });

  it('brings up three services with their networks, named volume and depends_on order, on the engine Berth names (not the inherited DOCKER_HOST)', async () => {
    await compose({ action: 'up' });
    const containers = await projectContainers();
    const by = containersByService(containers, project.name, model.services.map((s) => s.name));
    assert.deepEqual([...by.keys()].sort(), ['api', 'db', 'web'], 'the debug profile\'s service is not started without its profile');
    for (const service of ['web', 'api', 'db']) assert.equal(serviceState(by.get(service)!), 'running', service);
    const separator = tool.generation === 2 ? '-' : '_';
    assert.deepEqual(containers.map((c) => c.name).sort(), ['api', 'db', 'web'].map((s) => `${project.name}${separator}${s}${separator}1`));
    const networks = await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${project.name}`] } });
    for (const network of ['front', 'back']) assert.ok(networks.some((n) => n.Labels?.['com.docker.compose.network'] === network), `network ${network}`);
    const volumes = await docker.listVolumes({ filters: labelled('com.docker.compose.volume', 'data') });
    assert.equal(volumes.Volumes?.length, 1, 'the named volume data');
    const [db, api, web] = await Promise.all(['db', 'api', 'web'].map((s) => startedAt(by.get(s)![0].id)));
    assert.ok(db <= api && api <= web, `started in depends_on order: db ${db}, api ${api}, web ${web}`);
    const built = (await docker.getContainer(by.get('web')![0].id).inspect()).Config.Image;
    assert.ok(built.includes(project.name), `web runs the image built from its Dockerfile (${built})`);
  });

  it('restarts one service and leaves the others running as they were', async () => {
    const by = containersByService(await projectContainers(), project.name, ['web', 'api', 'db']);
    const before = Object.fromEntries(await Promise.all(['web', 'api', 'db'].map(async (s) => [s, await startedAt(by.get(s)![0].id)] as const)));
    await compose({ action: 'restart', services: ['api'] });
    const after = Object.fromEntries(await Promise.all(['web', 'api', 'db'].map(async (s) => [s, await startedAt(by.get(s)![0].id)] as const)));
    assert.ok(after.api > before.api, 'api started again');
    assert.equal(after.web, before.web);
    assert.equal(after.db, before.db);
  });

  it('starts a profile\'s service only when the profile is chosen', async () => {
    await compose({ action: 'up' });
    assert.ok(!(await projectContainers()).some((c) => c.labels['com.docker.compose.service'] === 'debug'), 'no debug without its profile');
    await compose({ action: 'up', profiles: ['debug'] });
    const debug = (await projectContainers()).filter((c) => c.labels['com.docker.compose.service'] === 'debug');
    assert.equal(debug.length, 1);
    assert.equal(debug[0].state, 'running');
  });

  it('stops, pauses and unpauses the services it is given', async () => {
    await compose({ action: 'pause', services: ['db'] });
    let by = containersByService(await projectContainers(), project.name, ['db', 'web']);
    assert.equal(serviceState(by.get('db')!), 'paused');
    if (testEngineKind() === 'podman') {
      // docker-compose 1.29 finds paused containers with a status filter that Podman 4.3's
      // Docker API does not apply: the tool says so in its own words, and Berth passes them on.
      await assert.rejects(compose({ action: 'unpause', services: ['db'] }), /exit code 1/);
      await engine.containers.unpause(by.get('db')![0].id);
    } else {
      await compose({ action: 'unpause', services: ['db'] });
    }
    await compose({ action: 'stop', services: ['web'] });
    by = containersByService(await projectContainers(), project.name, ['db', 'web']);
    assert.equal(serviceState(by.get('db')!), 'running');
    assert.equal(serviceState(by.get('web')!), 'exited');
    await compose({ action: 'start', services: ['web'] });
    by = containersByService(await projectContainers(), project.name, ['web']);
    assert.equal(serviceState(by.get('web')!), 'running');
  });

  it('prints the resolved configuration', async () => {
    const config = await compose({ action: 'config' });
    for (const service of ['web', 'api', 'db', 'debug']) assert.match(config, new RegExp(`^  ${service}:`, 'm'));
  });

  it('removes with down (volumes and local images) everything up created, the profile\'s service included', async () => {
    // The image up built, found by what the web container runs (dockerd names it PROJECT_web, Podman localhost/PROJECT_web).
    const web = (await projectContainers()).find((c) => c.labels['com.docker.compose.service'] === 'web');
    assert.ok(web, 'the web service is there before down');
    const built = [{ Id: web.imageId }];
    await docker.getImage(web.imageId).inspect();
    await compose({ action: 'down', volumes: true, localImages: true });
    assert.deepEqual(await projectContainers(), []);
    assert.deepEqual((await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${project.name}`] } })).map((n) => n.Name), []);
    assert.equal((await docker.listVolumes({ filters: { label: [`com.docker.compose.project=${project.name}`] } })).Volumes?.length ?? 0, 0);
    await assert.rejects(docker.getImage(built[0].Id).inspect(), 'the built image is gone');
  });

  it('fails with the tool\'s own sentence when the compose tool refuses', async () => {
    await assert.rejects(compose({ action: 'restart', services: ['nosuch'] }), (error: Error) => {
      assert.match(error.message, /exit code [1-9]/);
      assert.match(error.message, /nosuch/i);
      return true;
    });
  });
});
