import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkList, checkNetwork, checkPort, checkRunOptions, checkVolume, describeRun, splitWords, toCreateOptions } from '../../../src/run/options';
import { initialOptions, runForm } from '../../../src/run/form';
import type { Prompter } from '../../../src/ui/prompt';

describe('run options', () => {
  it('says what is wrong with a port spec', () => {
    assert.equal(checkPort('8080:80'), undefined);
    assert.equal(checkPort('127.0.0.1:8080:80/udp'), undefined);
    assert.match(checkPort('8080:80/tcpx') ?? '', /Bad port spec "8080:80\/tcpx".*protocol/);
    assert.match(checkPort('99999:80') ?? '', /outside 1-65535/);
    assert.match(checkList('8080:80, nope', checkPort) ?? '', /"nope"/);
  });

  it('refuses relative host paths and relative container paths', () => {
    assert.equal(checkVolume('/srv/data:/data:ro'), undefined);
    assert.equal(checkVolume('cache:/cache'), undefined);
    assert.match(checkVolume('./data:/data') ?? '', /host path "\.\/data" is relative/);
    assert.match(checkVolume('/srv:data') ?? '', /container path "data" must be absolute/);
    assert.match(checkVolume('/srv:/data:rox') ?? '', /not a mount option/);
  });

  it('knows the networks the engine has', () => {
    assert.equal(checkNetwork('bridge', []), undefined);
    assert.equal(checkNetwork('container:web', []), undefined);
    assert.equal(checkNetwork('backend', ['backend']), undefined);
    assert.equal(checkNetwork('nosuch', ['backend']), 'There is no network "nosuch" on this engine (it has bridge, host, none, backend).');
  });

  it('splits commands into argv without a shell', () => {
    assert.deepEqual(splitWords(`sh -c 'echo "$HOME" > /x' "a b" c\\ d`), { ok: true, value: ['sh', '-c', 'echo "$HOME" > /x', 'a b', 'c d'] });
    assert.deepEqual(splitWords(`echo ''`), { ok: true, value: ['echo', ''] });
    assert.equal(splitWords('echo "open').ok, false);
  });

  it('maps every field to the engine create options', () => {
    const create = toCreateOptions({
      image: 'busybox:local', name: 'web', command: 'httpd -f -p 80', entrypoint: '', ports: ['8080:80', '127.0.0.1:5353:53/udp'], volumes: ['/srv:/srv:ro'],
      env: ['A=1'], envFiles: ['env/dev.env'], workdir: '/srv', user: '1000:1000', restart: 'on-failure:3', network: 'bridge', memory: '64m', cpus: '0.5',
      readOnly: true, hostname: 'web', dns: ['10.0.0.2'], addHosts: ['db:10.0.0.5'], labels: ['tier=front', 'empty'],
    }, '/srv/project');
    assert.deepEqual(create.cmd, ['httpd', '-f', '-p', '80']);
    assert.equal(create.entrypoint, undefined);
    assert.deepEqual(create.ports, [{ containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: undefined }, { containerPort: 53, protocol: 'udp', hostPort: 5353, hostIp: '127.0.0.1' }]);
    assert.deepEqual(create.envFiles, ['/srv/project/env/dev.env']);
    assert.deepEqual(create.restart, { name: 'on-failure', maximumRetryCount: 3 });
    assert.equal(create.memory, 64 * 1024 * 1024);
    assert.equal(create.cpus, 0.5);
    assert.deepEqual(create.labels, { tier: 'front', empty: '' });
    assert.equal(create.readOnly, true);
    assert.equal(create.autoRemove, undefined);
    assert.equal(toCreateOptions({ image: 'busybox:local', autoRemove: true }).autoRemove, true);
    assert.equal(create.tty, false);
    assert.throws(() => toCreateOptions({ image: 'busybox:local', ports: ['x'] }), /Bad port spec/);
  });

  it('collects every problem of a saved task', () => {
    const problems = checkRunOptions({ image: 'Bad Image', ports: ['1:2:3:4'], restart: 'sometimes', memory: '1k', cpus: '-1', network: 'nosuch' }, []);
    assert.equal(problems.length, 6);
  });

  it('hides env values when describing the run', () => {
    assert.equal(describeRun({ image: 'app', env: ['TOKEN=abc'], ports: ['80:80'] }), 'docker run -d -p 80:80 -e TOKEN=… app');
  });
});

describe('run form', () => {
  /** A stand-in Prompter answering from a list, validating inputs like the real one. */
  function scripted(answers: string[]): { prompts: Prompter; messages: (string | undefined)[] } {
    const queue = [...answers];
    const messages: (string | undefined)[] = [];
    const prompts = {
      pick: async (items: { label: string; value: unknown }[]) => {
        const answer = queue.shift();
        const found = items.find((i) => i.label.replace(/\$\([^)]*\)\s*/g, '') === answer);
        if (!found) throw new Error(`no choice ${answer} among ${items.map((i) => i.label).join(', ')}`);
        return found.value;
      },
      input: async (options: { validate?: (v: string) => string | undefined }) => {
        const answer = queue.shift() ?? '';
        const message = options.validate?.(answer);
        messages.push(message as string | undefined);
        if (message) throw new Error(message);
        return answer;
      },
    } as unknown as Prompter;
    return { prompts, messages };
  }

  it('pre-fills EXPOSEd ports, edits fields and returns the chosen action', async () => {
    const { prompts } = scripted(['Ports', '8080:80', 'Environment', 'A=1, B=two', 'Mode', 'Network', 'backend', 'Run']);
    const initial = initialOptions('web:dev', ['80/tcp', '53/udp'], undefined);
    assert.deepEqual(initial.ports, ['80:80', '53:53/udp']);
    const result = await runForm(initial, { prompts, networks: async () => ['backend'], pickFolder: async () => undefined }, 'run');
    assert.equal(result?.action, 'run');
    assert.deepEqual(result?.options.ports, ['8080:80']);
    assert.deepEqual(result?.options.env, ['A=1', 'B=two']);
    assert.equal(result?.options.interactive, true);
    assert.equal(result?.options.network, 'backend');
  });

  it('binds a picked folder and validates the container path', async () => {
    const { prompts } = scripted(['Volumes', 'Bind a Folder…', '/data', 'Save as Task']);
    const result = await runForm({ image: 'web:dev' }, { prompts, networks: async () => [], pickFolder: async () => '/srv/site' }, 'create');
    assert.deepEqual(result?.options.volumes, ['/srv/site:/data']);
    assert.equal(result?.action, 'saveTask');
    const bad = scripted(['Ports', '80:80/tcpx']);
    await assert.rejects(runForm({ image: 'web:dev' }, { prompts: bad.prompts, networks: async () => [], pickFolder: async () => undefined }, 'run'), /Bad port spec/);
  });

  it('remembers the last options over the EXPOSE defaults', () => {
    assert.deepEqual(initialOptions('web:dev', ['80/tcp'], { image: 'web:old', ports: ['9090:80'] }), { image: 'web:dev', ports: ['9090:80'] });
  });

  it('never pre-fills a name or a host port another container holds', () => {
    const inUse = { names: new Set(['web']), hostPorts: new Set(['8080/tcp', '5353/udp']) };
    const remembered = { image: 'web:dev', name: 'web', ports: ['8080:80', '9090:90', '127.0.0.1:5353:53/udp', '5353:53', '80'], workdir: '/srv' };
    assert.deepEqual(initialOptions('web:dev', [], remembered, inUse), { image: 'web:dev', ports: ['9090:90', '5353:53', '80'], workdir: '/srv' });
    assert.equal(initialOptions('web:dev', [], { image: 'web:dev', name: 'other' }, inUse).name, 'other');
    assert.deepEqual(initialOptions('web:dev', ['8080/tcp', '81/tcp'], undefined, inUse).ports, ['81:81']);
  });

  it('refuses --rm with a restart policy as it is chosen, in either order', async () => {
    const first = scripted(['Restart policy', 'always', 'Remove when stopped', 'Run']);
    const asked: string[] = [];
    const record = (prompts: Prompter): Prompter => ({
      ...prompts,
      pick: (items: never, options: { placeholder?: string }) => {
        asked.push(options.placeholder ?? '');
        return prompts.pick(items, options as never);
      },
    }) as unknown as Prompter;
    const result = await runForm({ image: 'web:dev' }, { prompts: record(first.prompts), networks: async () => [], pickFolder: async () => undefined }, 'run');
    assert.equal(result?.options.restart, 'always');
    assert.equal(result?.options.autoRemove, undefined);
    assert.match(asked.at(-1) ?? '', /"Remove when stopped" \(--rm\) cannot go with the restart policy "always"/);
    asked.length = 0;
    const second = scripted(['Remove when stopped', 'Restart policy', 'unless-stopped', 'Run']);
    const other = await runForm({ image: 'web:dev' }, { prompts: record(second.prompts), networks: async () => [], pickFolder: async () => undefined }, 'run');
    assert.equal(other?.options.autoRemove, true);
    assert.equal(other?.options.restart, undefined);
    assert.match(asked.at(-1) ?? '', /cannot go with the restart policy "unless-stopped"/);
    assert.match(checkRunOptions({ image: 'web:dev', autoRemove: true, restart: 'on-failure:3' })[0] ?? '', /cannot go with/);
    assert.deepEqual(checkRunOptions({ image: 'web:dev', autoRemove: true, restart: 'no' }), []);
  });

  it('checks and maps --cpu-shares and --expose', () => {
    assert.match(checkRunOptions({ image: 'web:dev', cpuShares: '1' })[0] ?? '', /from 2 to 262144/);
    assert.match(checkRunOptions({ image: 'web:dev', cpuShares: 'lots' })[0] ?? '', /not a whole number/);
    assert.match(checkRunOptions({ image: 'web:dev', expose: ['8080:80'] })[0] ?? '', /--expose takes only container ports/);
    const create = toCreateOptions({ image: 'web:dev', cpuShares: '512', expose: ['8080', '53/udp', '9000-9001'] });
    assert.equal(create.cpuShares, 512);
    assert.deepEqual(create.expose, [
      { containerPort: 8080, protocol: 'tcp' }, { containerPort: 53, protocol: 'udp' }, { containerPort: 9000, protocol: 'tcp' }, { containerPort: 9001, protocol: 'tcp' },
    ]);
    assert.match(describeRun({ image: 'web:dev', cpuShares: '512', expose: ['8080'] }), /--expose 8080 .*--cpu-shares 512/);
  });
});
