// Sample content for `npm start -- --sandbox`, created in the private engine through its
// API (dockerode), so the trees have something of every kind to show: running, paused and
// exited containers, a compose project, a custom network, a volume and a second image tag.
// Everything carries the label berth.sample=true and is recreated on each start.
import Docker from 'dockerode';

const image = 'busybox:local';
const sampleLabel = { 'berth.sample': 'true' };

export async function createSampleContent(dockerHost) {
  if (!dockerHost.startsWith('unix://')) throw new Error(`the sandbox engine must be a unix socket, got ${dockerHost}`);
  const docker = new Docker({ socketPath: dockerHost.slice('unix://'.length) });
  await removeSamples(docker);

  await docker.getImage(image).tag({ repo: 'berth-sample/web', tag: '1.0' });
  await docker.createNetwork({ Name: 'berth-sample-net', Driver: 'bridge', Labels: sampleLabel });
  await docker.createVolume({ Name: 'berth-sample-data', Labels: sampleLabel });

  await run(docker, {
    name: 'sample-web', Image: 'berth-sample/web:1.0', Cmd: ['httpd', '-f', '-p', '80'],
    Labels: { ...sampleLabel, 'org.example.role': 'web' }, ExposedPorts: { '80/tcp': {} },
    HostConfig: { Binds: ['berth-sample-data:/data'], NetworkMode: 'berth-sample-net' },
  });
  await run(docker, { name: 'sample-sleeper', Image: image, Cmd: ['sleep', '86400'], Labels: { ...sampleLabel, 'org.example.role': 'worker' } });
  const paused = await run(docker, { name: 'sample-paused', Image: image, Cmd: ['sleep', '86400'], Labels: sampleLabel });
  await paused.pause();
  const exited = await run(docker, { name: 'sample-exited', Image: image, Cmd: ['sh', '-c', 'echo finished; exit 3'], Labels: sampleLabel });
  await exited.wait();
  await docker.createContainer({ name: 'sample-created', Image: image, Cmd: ['sleep', '60'], Labels: sampleLabel });

  // What `docker compose up` would leave behind for a project "shop" with two services.
  for (const [service, cmd] of [['web', ['httpd', '-f', '-p', '8080']], ['worker', ['sleep', '86400']]]) {
    await run(docker, {
      name: `shop-${service}-1`, Image: image, Cmd: cmd,
      Labels: {
        ...sampleLabel,
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': service,
        'com.docker.compose.container-number': '1',
        'com.docker.compose.oneoff': 'False',
        'com.docker.compose.project.config_files': '/srv/shop/compose.yaml',
        'com.docker.compose.project.working_dir': '/srv/shop',
      },
      HostConfig: { NetworkMode: 'berth-sample-net' },
    });
  }
  const containers = await docker.listContainers({ all: true, filters: { label: ['berth.sample=true'] } });
  return containers.map((c) => `${c.Names[0].slice(1)} (${c.State})`);
}

async function run(docker, options) {
  const container = await docker.createContainer(options);
  await container.start();
  return container;
}

/** Removes what an earlier start created, so each start shows the same picture. */
async function removeSamples(docker) {
  const filters = { label: ['berth.sample=true'] };
  for (const info of await docker.listContainers({ all: true, filters })) await docker.getContainer(info.Id).remove({ force: true });
  for (const info of await docker.listNetworks({ filters })) await docker.getNetwork(info.Id).remove();
  for (const info of (await docker.listVolumes({ filters })).Volumes ?? []) await docker.getVolume(info.Name).remove();
  try {
    await docker.getImage('berth-sample/web:1.0').remove();
  } catch (error) {
    if (error.statusCode !== 404) throw error;
  }
}
