/** Host tier: tag, push (anonymous, logged in, logged out), pull back, the Registries view, search; and the credential never shows anywhere. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { RegistryNode } from '../../../src/registries/items';
import { itemsOf } from '../../../src/state/store';
import { testDocker, testImage } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { takeScreenshot } from '../../support/screenshot';
import { berth, BerthLog, berthLogText, registryEnv, taskResult, withAnswers } from '../support/berth';
import { filesUnder, findSecret, Searched, sessionLogsFolder } from '../support/secrets';

describe('registries: tag, push, log in, pull, browse', function () {
  this.timeout(180_000);
  const { plain, auth, user, password } = registryEnv();
  const repo = `berth-test/app-${Date.now().toString(36)}`;
  const plainRef = `${plain}/${repo}:dev`;
  const authRef = `${auth}/${repo}:dev`;
  const outputs: string[] = [];

  after(async () => {
    const api = await berth();
    await api.registries.credentials.logOut(auth);
    for (const ref of [plainRef, authRef]) await testDocker().getImage(ref).remove({ force: true }).catch(() => undefined);
  });

  it('tags an image through a berth-tag task', async () => {
    const api = await berth();
    const result = await api.tasks.runTask({ type: 'berth-tag', image: testImage, tags: [plainRef] });
    assert.ok(result.ok, result.output);
    const again = await api.tasks.runTask({ type: 'berth-tag', image: testImage, tags: [authRef] });
    assert.ok(again.ok, again.output);
    assert.ok((await testDocker().getImage(plainRef).inspect()).Id);
  });

  it('pushes to the plain registry with per-layer progress and the digest', async () => {
    const result = taskResult(await vscode.commands.executeCommand('berth.images.push', plainRef));
    outputs.push(result.output);
    assert.ok(result.ok, result.output);
    assert.match(result.output, /Pushed .*: 1\/1 layers.*digest sha256:[0-9a-f]{64}/);
    assert.match(result.value ?? '', /^sha256:/);
  });

  it('refuses an anonymous push to the htpasswd registry with a clear message', async () => {
    const api = await berth();
    const result = await api.tasks.runTask({ type: 'berth-push', tags: [authRef] });
    outputs.push(result.output);
    assert.equal(result.ok, false);
    assert.match(result.output, new RegExp(`registry ${auth.replace(/\./g, '\\.')} requires a login to push`));
    assert.match(result.output, /Log In to Registry/);
  });

  it('pushes after Log In, and fails again after Log Out', async () => {
    const api = await berth();
    const wrong = await withAnswers(api, [user, `${password}-wrong`], () => vscode.commands.executeCommand('berth.registries.logIn', auth));
    assert.equal(wrong, undefined, 'a wrong password is refused');
    await waitFor(() => berthLogText(api).includes(`${auth} refused the login for ${user}.`) || undefined, 'the refusal in the Berth log');
    assert.equal(await api.registries.credentials.berthCredential(auth), undefined);

    const login = await withAnswers(api, [user, password], () => vscode.commands.executeCommand('berth.registries.logIn', auth));
    assert.deepEqual(login, { registry: auth, username: user });
    assert.equal((await api.registries.credentials.forRegistry(auth))?.source, 'Berth');
    const pushed = await api.tasks.runTask({ type: 'berth-push', tags: [authRef] });
    outputs.push(pushed.output);
    assert.ok(pushed.ok, pushed.output);
    assert.match(pushed.output, /digest sha256:/);

    const logout = await vscode.commands.executeCommand('berth.registries.logOut', auth);
    assert.deepEqual(logout, { registry: auth, loggedOut: true });
    const refused = await api.tasks.runTask({ type: 'berth-push', tags: [authRef] });
    outputs.push(refused.output);
    assert.equal(refused.ok, false);
    assert.match(refused.output, /requires a login/);
  });

  it('pulls a private image again from the Images view with the login (one pull path)', async () => {
    const api = await berth();
    const image = await waitFor(() => itemsOf(api.stores.images).find((i) => i.repoTags.includes(authRef)), `${authRef} in the Images store`);
    const node = { kind: 'image', image, reference: authRef };
    // Logged out, the registry refuses (the error is shown, the command returns nothing): this pull asks the registry.
    assert.equal(await vscode.commands.executeCommand('berth.images.pull', node, [node]), undefined);
    await withAnswers(api, [user, password], () => vscode.commands.executeCommand('berth.registries.logIn', auth));
    try {
      const result = await vscode.commands.executeCommand('berth.images.pull', node, [node]);
      assert.ok(Array.isArray(result) && result.length === 1 && (result[0] as { ok?: boolean }).ok, JSON.stringify(result));
    } finally {
      await vscode.commands.executeCommand('berth.registries.logOut', auth);
    }
  });

  it('pulls a deleted image back with progress', async () => {
    await testDocker().getImage(plainRef).remove({ force: true });
    await assert.rejects(testDocker().getImage(plainRef).inspect());
    const result = await vscode.commands.executeCommand('berth.images.pullReference', plainRef);
    assert.deepEqual(Object.keys(result as object).sort(), ['digest', 'ok']);
    assert.ok((await testDocker().getImage(plainRef).inspect()).Id);
  });

  it('lists the pushed repository and tag in the Registries view, and reads the manifest', async () => {
    const api = await berth();
    await withAnswers(api, [plain], () => vscode.commands.executeCommand('berth.registries.add'));
    const provider = api.registries.provider;
    const roots = await provider.getChildren();
    assert.equal(roots[0].kind === 'registry' && roots[0].registry, 'docker.io', 'Docker Hub is an entry');
    const registry = roots.find((n) => n.kind === 'registry' && n.registry === plain);
    assert.ok(registry, `the added registry is listed: ${JSON.stringify(roots)}`);
    const repositories = await provider.getChildren(registry);
    const repository = repositories.find((n) => n.kind === 'repository' && n.repository === repo);
    assert.ok(repository, `${repo} is listed: ${JSON.stringify(repositories)}`);
    const tags = await provider.getChildren(repository);
    const tag = tags.find((n): n is Extract<RegistryNode, { kind: 'tag' }> => n.kind === 'tag' && n.tag === 'dev');
    assert.ok(tag);
    assert.equal(provider.getTreeItem(tag).contextValue, 'registry.tag');
    assert.equal(await vscode.commands.executeCommand('berth.registries.copyReference', tag), plainRef);
    assert.equal(await vscode.env.clipboard.readText(), plainRef);
    const manifest = await vscode.commands.executeCommand<{ digest: string; mediaType: string }>('berth.registries.inspectManifest', tag);
    assert.match(manifest.digest, /^sha256:/);
    assert.match(manifest.mediaType, /manifest/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('berth.registries.focus');
    // Let the view render its roots before reveal() walks the parents, so the two fetches do not overlap.
    await waitFor(() => api.registries.view.visible || undefined, 'the Registries view to be visible');
    await provider.getChildren();
    await api.registries.view.reveal(tag, { expand: true, select: true, focus: false });
    await takeScreenshot('registries-view', { selector: '.monaco-list-row[aria-label*="dev"]' });

    // The authenticated registry needs the login to list; anonymous, the view says so.
    const authNode: RegistryNode = { kind: 'registry', registry: auth, sources: ['added'], loggedIn: undefined };
    const [message] = await provider.getChildren(authNode);
    assert.equal(message.kind, 'message');
    assert.match(message.kind === 'message' ? message.text : '', /Log in/);

    // Deleting a tag (the test registry allows deletion).
    const digest = await withAnswers(api, [true], () => vscode.commands.executeCommand('berth.registries.deleteTag', tag));
    assert.match(String(digest), /^sha256:/);
    assert.equal((await provider.getChildren(repository)).some((n) => n.kind === 'tag' && n.tag === 'dev'), false);
  });

  it('fails Docker Hub search with a clear message (no internet), and parses a registry\'s search answer', async () => {
    const api = await berth();
    const failed = await withAnswers(api, ['busybox'], () => vscode.commands.executeCommand('berth.registries.searchHub'));
    assert.equal(failed, undefined);
    await waitFor(() => /berth\.registries\.searchHub: Searching for "busybox" failed: the engine could not reach/.test(berthLogText(api)) || undefined, 'the search failure in the Berth log');

    // A v1 search endpoint of our own on 127.0.0.1: the engine queries it and Berth parses the answer.
    const server = http.createServer((req, res) => {
      if (req.url?.startsWith('/v1/_ping')) {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('true');
      } else if (req.url?.startsWith('/v1/search')) {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ query: 'app', num_results: 2, results: [
          { name: 'team/app', description: 'The app', star_count: 7, is_official: false, is_automated: true },
          { name: 'library/app', description: 'Official', star_count: 99, is_official: true, is_automated: false },
        ] }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const results = await withAnswers(api, [`127.0.0.1:${port}/app`, undefined], () => vscode.commands.executeCommand('berth.registries.searchHub'));
      assert.deepEqual(results, [
        { name: 'team/app', description: 'The app', stars: 7, official: false, automated: true },
        { name: 'library/app', description: 'Official', stars: 99, official: true, automated: false },
      ]);
    } finally {
      server.close();
    }
  });

  it('never shows the credential anywhere: logs, task output, notifications, settings, test results', async () => {
    const api = await berth();
    const logsFolder = sessionLogsFolder(api.context.extension.logUri.fsPath);
    const userData = path.dirname(path.dirname(logsFolder));
    const results = process.env.BERTH_TEST_RESULTS;
    assert.ok(results, 'BERTH_TEST_RESULTS names the test-results folder');
    const searched: Searched[] = [
      ...filesUnder(logsFolder),
      ...filesUnder(path.join(userData, 'User')),
      ...filesUnder(results, (f) => f.endsWith('.png')),
      ...(process.env.DOCKER_CONFIG ? filesUnder(process.env.DOCKER_CONFIG) : []),
      ...outputs.map((text, i) => ({ name: `task output ${i + 1}`, text })),
      { name: 'the questions asked and the answers recorded', text: JSON.stringify(api.prompts.asked) },
    ];
    // Not vacuous: the Berth log is among the files, and it holds the events the credential went through.
    const berthLog = searched.find((s) => s.name === new BerthLog(api).file);
    assert.ok(berthLog && berthLog.text.length > 0, `the Berth log is searched (files: ${searched.map((s) => s.name).join(', ')})`);
    assert.match(berthLog.text, new RegExp(`${auth.replace(/\./g, '\\.')} refused the login for ${user}\\.`), 'the failed login is in the searched log');
    assert.match(berthLog.text, new RegExp(`Logged in to ${auth.replace(/\./g, '\\.')} as ${user}`), 'the login is in the searched log');
    assert.ok(outputs.some((o) => /digest sha256:/.test(o)), 'the authenticated push\'s output is searched');
    assert.ok(searched.filter((s) => s.text.length > 0).length >= 5, 'several non-empty files were searched');
    // The scanner finds the forms it looks for (a planted X-Registry-Auth header, Basic auth).
    const header = Buffer.from(JSON.stringify({ username: user, password, serveraddress: auth })).toString('base64url');
    assert.match(findSecret(`X-Registry-Auth: ${header}`, password, user) ?? '', /base64 token/);
    assert.match(findSecret(`Authorization: Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, password, user) ?? '', /user:password|base64 token/);
    const found = searched.flatMap((s) => {
      const where = findSecret(s.text, password, user);
      return where ? [`${s.name}: ${where}`] : [];
    });
    // What was searched, for the record (test-results is not committed).
    fs.writeFileSync(path.join(results, 'credential-scan.json'), JSON.stringify({
      files: searched.length, bytes: searched.reduce((n, s) => n + s.text.length, 0), found,
      searched: searched.map((s) => ({ name: path.isAbsolute(s.name) ? path.relative(path.dirname(userData), s.name) : s.name, bytes: s.text.length })),
    }, null, 2));
    assert.deepEqual(found, [], 'the registry password (right or wrong) appears nowhere');
  });
});
