/**
 * A trusted workspace whose settings choose the engine: Berth asks once before using the
 * workspace's berth.host, keeps the person's own engine meanwhile and after "Keep", and
 * switches only after "Use". Recording proxies stand in for the workspace's engines, so
 * a request that reached one is counted. And Switch Engine is Berth's own: choosing a
 * Docker context leaves the docker CLI's config.json as it was.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import { contextDirName } from '../../../src/engine/endpoint';
import { keepMySettings, useWorkspaceSettings } from '../../../src/workspaceGuard';
import { CountingProxy } from '../../support/countingProxy';
import { waitFor } from '../../support/wait';
import { berth, withAnswers } from '../support/berth';

const question = /This workspace's settings choose Berth's engine or shell/;

describe('Workspace settings that choose the engine, and Switch Engine', function () {
  this.timeout(90_000);
  let api: BerthApi;
  const proxies: CountingProxy[] = [];
  const userUrl = process.env.BERTH_TEST_DOCKER_HOST;
  const settings = () => vscode.workspace.getConfiguration('berth');

  before(async () => {
    api = await berth();
    assert.ok(userUrl, 'BERTH_TEST_DOCKER_HOST is not set');
    assert.equal(api.context.engine.endpoint.url, userUrl);
    for (let i = 0; i < 2; i++) {
      const proxy = new CountingProxy(userUrl.replace(/^unix:\/\//, ''));
      await proxy.start();
      proxies.push(proxy);
    }
  });

  after(async () => {
    api.prompts.reset();
    await settings().update('host', undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update('context', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.context.engine.endpoint.url === userUrl && !api.context.engine.endpoint.context || undefined, 'Berth back on the shared engine');
    for (const proxy of proxies) await proxy.dispose();
  });

  it('keeps the person\'s engine until asked, and after "Keep My Settings"', async () => {
    api.prompts.reset();
    api.prompts.strict = true;
    api.prompts.answer(keepMySettings());
    await settings().update('host', proxies[0].url, vscode.ConfigurationTarget.Workspace);
    const asked = await waitFor(() => api.prompts.asked.find((a) => question.test(a.message) && a.answer), 'the question about the workspace\'s berth.host');
    assert.equal(asked.answer, keepMySettings());
    assert.match(asked.detail ?? '', new RegExp(`berth\\.host = "${proxies[0].url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(api.context.engine.endpoint.url, userUrl);
    assert.deepEqual(proxies[0].requests, [], 'the workspace\'s engine received a request');
    // Asked once: the same value again asks nothing.
    await settings().update('requestTimeout', 31, vscode.ConfigurationTarget.Global);
    await settings().update('requestTimeout', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(api.prompts.asked.filter((a) => question.test(a.message)).length, 1);
  });

  it('uses the workspace\'s engine once the person agrees', async () => {
    api.prompts.reset();
    api.prompts.strict = true;
    api.prompts.answer(useWorkspaceSettings());
    await settings().update('host', proxies[1].url, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => api.context.engine.endpoint.url === proxies[1].url || undefined, 'Berth on the workspace\'s engine after agreeing');
    await waitFor(() => proxies[1].requests.length > 0 || undefined, 'a request through the agreed engine');
    assert.deepEqual(proxies[0].requests, []);
    await settings().update('host', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => api.context.engine.endpoint.url === userUrl || undefined, 'Berth back on the person\'s engine');
  });

  it('switches to a Docker context without rewriting the docker CLI\'s config.json', async () => {
    const dockerConfig = process.env.DOCKER_CONFIG;
    assert.ok(dockerConfig, 'the host tests use a docker config folder of their own');
    const name = 'berth-switch-test';
    const meta = path.join(dockerConfig, 'contexts', 'meta', contextDirName(name));
    fs.mkdirSync(meta, { recursive: true });
    fs.writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: { Description: 'Berth host test' }, Endpoints: { docker: { Host: proxies[0].url, SkipTLSVerify: false } } }));
    const configFile = path.join(dockerConfig, 'config.json');
    const before = '{\n\t"auths": {},\n\t"currentContext": "default"\n}\n';
    fs.writeFileSync(configFile, before);
    // The context leads to another address of the same engine (a proxy): a real switch.
    const url = await withAnswers(api, [name], () => vscode.commands.executeCommand('berth.context.switch'));
    assert.equal(url, proxies[0].url);
    assert.equal(api.context.engine.endpoint.context, name);
    assert.equal(settings().get('context'), name);
    assert.equal(fs.readFileSync(configFile, 'utf8'), before, 'config.json was rewritten');
  });
});
