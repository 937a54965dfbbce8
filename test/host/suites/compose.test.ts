/**
 * Host tier: compose projects from their files, in the real VS Code against the private
 * engine, with the compose tool this machine has (Debian's docker-compose 1.29, or the v2
 * plugin when present). A three-service project (a network each way, a named volume,
 * depends_on, one service built, one behind a profile) goes up from the file's code lens,
 * shows in the Compose view, has one service restarted from the tree, goes down and up from
 * the tree, starts its profile's service only when the profile is chosen, and down removes
 * everything up created. A file that does not parse shows its errors and is never brought up.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeNode } from '../../../src/compose/items';
import { composeItem } from '../../../src/compose/items';
import type { BerthApi } from '../../../src/extension';
import { threeServices, webDockerfile } from '../../support/composeProject';
import { testDocker } from '../../support/engine';
import { takeScreenshot } from '../../support/screenshot';
import { waitFor } from '../../support/wait';
import { berth, scratch, withAnswers, workspaceFolder } from '../support/berth';

const docker = testDocker();
const projectName = `composehost${process.pid}`;

async function containersOf(project: string) {
  return docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
}

async function running(project: string): Promise<string[]> {
  return (await containersOf(project)).filter((c) => c.State === 'running').map((c) => c.Labels['com.docker.compose.service']).sort();
}

/** The project's node in the Compose view, once it shows `described` (e.g. "3/3 running"). */
/**
 * The project's row once its description matches (and its context value is `state`, when
 * given: "0/3 running" shows while the stopped containers are still known, before their
 * removal's events arrive, so a row after `down` is waited for by both).
 */
async function projectRow(api: BerthApi, described: RegExp, state?: string): Promise<ComposeNode> {
  return waitFor(() => {
    const node = api.compose.tree.getChildren().find((n) => n.kind === 'composeProject' && n.project.files.name === projectName);
    if (!node || !described.test(composeItem(node).description ?? '')) return undefined;
    return state === undefined || composeItem(node).contextValue === state ? node : undefined;
  }, `the Compose view to show ${projectName} as ${described}${state ? ` (${state})` : ''}`, 30_000, 100);
}

function child(api: BerthApi, parent: ComposeNode, label: string): ComposeNode {
  const found = api.compose.tree.getChildren(parent).find((n) => composeItem(n).label === label);
  assert.ok(found, `${label} under ${composeItem(parent).label}: ${api.compose.tree.getChildren(parent).map((n) => composeItem(n).label).join(', ')}`);
  return found;
}

function ok(result: unknown): void {
  assert.ok(result && typeof result === 'object' && (result as { ok?: unknown }).ok === true, `the compose task succeeded: ${JSON.stringify(result)?.slice(-2000)}`);
}

describe('compose', function () {
  this.timeout(300_000);
  let api: BerthApi;
  let dir: string;

  before(async () => {
    api = await berth();
    dir = scratch('compose-host', { 'compose.yaml': threeServices, 'web/Dockerfile': webDockerfile, '.env': `COMPOSE_PROJECT_NAME=${projectName}\n` });
    await api.compose.projects.scan();
  });

  after(async () => {
    const project = api?.compose.projects.projects.find((p) => p.files.name === projectName);
    if (project) await api.compose.run(project, { action: 'down', volumes: true, localImages: true }).catch(() => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The next run starts from an empty workspace (a leftover broken project would show in the view).
    for (const name of ['compose-host', 'compose-broken']) fs.rmSync(path.join(workspaceFolder().uri.fsPath, name), { recursive: true, force: true });
  });

  it('finds the project in the workspace with its services, the profile one included, before anything runs', async () => {
    const tool = await api.compose.tool();
    console.log(`compose tool: ${tool.command.join(' ')} ${tool.version}`);
    const root = await projectRow(api, /^0\/3 running/);
    assert.deepEqual(api.compose.tree.getChildren(root).map((n) => [composeItem(n).label, composeItem(n).description]), [
      ['web', 'not created'], ['api', 'not created'], ['db', 'not created'], ['profile debug', '0/1 running'],
    ]);
  });

  it('goes up from the file\'s code lens: three services running, the profile\'s service not', async () => {
    const file = vscode.Uri.file(path.join(dir, 'compose.yaml'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const lenses = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
      return found.length > 0 ? found : undefined;
    }, 'the compose code lenses');
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, JSON.stringify(l.command?.arguments)]), [
      [0, '$(run-all) Up', JSON.stringify([{ file: file.fsPath }])],
      ...['web', 'api', 'db', 'debug'].map((s) => [threeServices.split('\n').indexOf(`  ${s}:`), '$(play) Up', JSON.stringify([{ file: file.fsPath, service: s }])]),
    ]);
    await takeScreenshot('compose-code-lenses', { selector: '.contentWidgets .codelens-decoration a:has-text("Up")' }).catch((error: unknown) => console.log(`screenshot: ${String(error)}`));
    const up = lenses[0].command!;
    ok(await vscode.commands.executeCommand(up.command, ...(up.arguments ?? [])));
    assert.deepEqual(await running(projectName), ['api', 'db', 'web']);
  });

  it('shows the project in the Compose view, each service with its state', async () => {
    const root = await projectRow(api, /^3\/3 running/);
    assert.equal(composeItem(root).contextValue, 'composeProject.running');
    assert.deepEqual(api.compose.tree.getChildren(root).map((n) => [composeItem(n).label, composeItem(n).description]), [
      ['web', 'running'], ['api', 'running'], ['db', 'running'], ['profile debug', '0/1 running'],
    ]);
    const web = child(api, root, 'web');
    assert.match(composeItem(api.compose.tree.getChildren(web)[0]).label, new RegExp(`^${projectName}[-_]web[-_]1$`));
    // For the picture: the Compose view alone in the side bar, the editor without the panel; restored after.
    const others = ['berth.containers', 'berth.images', 'berth.networks', 'berth.volumes', 'berth.registries'];
    try {
      await vscode.commands.executeCommand('berth.compose.focus');
      // The workbench's own "Hide" of each view (registered once the Berth container shows).
      for (const view of others) await vscode.commands.executeCommand(`${view}.removeView`).then(undefined, (error: unknown) => console.log(`${view}.removeView: ${String(error)}`));
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await api.compose.view.reveal(child(api, root, 'profile debug'), { expand: true, select: false });
      await takeScreenshot('compose-view', { selector: '.monaco-list-row:has-text("profile debug")' });
    } finally {
      for (const view of others) await vscode.commands.executeCommand(`${view}.focus`);
      await vscode.commands.executeCommand('berth.compose.focus');
    }
  });

  it('restarts one service from the tree; the others keep running untouched', async () => {
    const started = async () => Object.fromEntries(await Promise.all((await containersOf(projectName)).map(async (c) => [c.Labels['com.docker.compose.service'], (await docker.getContainer(c.Id).inspect()).State.StartedAt] as const)));
    const before = await started();
    const root = await projectRow(api, /^3\/3 running/);
    ok(await vscode.commands.executeCommand('berth.compose.restart', child(api, root, 'api')));
    const after = await started();
    assert.notEqual(after.api, before.api, 'api started again');
    assert.equal(after.web, before.web);
    assert.equal(after.db, before.db);
  });

  it('goes down and up again from the tree', async () => {
    let root = await projectRow(api, /^3\/3 running/);
    ok(await withAnswers(api, ['Down'], () => vscode.commands.executeCommand('berth.compose.down', root)));
    assert.deepEqual(await containersOf(projectName), []);
    root = await projectRow(api, /^0\/3 running/, 'composeProject.down');
    ok(await vscode.commands.executeCommand('berth.compose.up', root));
    assert.deepEqual(await running(projectName), ['api', 'db', 'web']);
    await projectRow(api, /^3\/3 running/);
  });

  it('starts the profile\'s service only when the profile is chosen', async () => {
    const root = await projectRow(api, /^3\/3 running/);
    assert.ok(!(await running(projectName)).includes('debug'));
    ok(await vscode.commands.executeCommand('berth.compose.up', child(api, root, 'profile debug')));
    assert.deepEqual(await running(projectName), ['api', 'db', 'debug', 'web']);
    await waitFor(() => {
      const node = api.compose.tree.getChildren().find((n) => n.kind === 'composeProject' && n.project.files.name === projectName);
      return node && composeItem(child(api, node, 'profile debug')).description === '1/1 running';
    }, 'the profile row to show its service running', 30_000, 100);
  });

  it('shows the resolved configuration as a read-only document', async () => {
    const root = await projectRow(api, /running/);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('berth.compose.showConfig', root);
    assert.equal(editor.document.uri.scheme, 'berth-compose');
    for (const service of ['web', 'api', 'db', 'debug']) assert.match(editor.document.getText(), new RegExp(`^  ${service}:`, 'm'));
  });

  it('down (volumes and local images) removes everything up created', async () => {
    const built = (await docker.listImages()).filter((i) => (i.RepoTags ?? []).some((t) => t.startsWith(`${projectName}_web:`) || t.startsWith(`${projectName}-web:`)));
    assert.equal(built.length, 1, 'the image up built');
    const root = await projectRow(api, /running/);
    ok(await withAnswers(api, ['Down, Remove Volumes and Local Images'], () => vscode.commands.executeCommand('berth.compose.down', root)));
    const label = { label: [`com.docker.compose.project=${projectName}`] };
    assert.deepEqual(await containersOf(projectName), []);
    assert.deepEqual((await docker.listNetworks({ filters: label })).map((n) => n.Name), []);
    assert.equal((await docker.listVolumes({ filters: label })).Volumes?.length ?? 0, 0);
    await assert.rejects(docker.getImage(built[0].Id).inspect());
  });

  it('a file that does not parse: its errors at their lines, and up is not attempted', async () => {
    const broken = scratch('compose-broken', { 'docker-compose.yml': 'services:\n  web:\n    image: busybox:local\n  api: [\n', '.env': `COMPOSE_PROJECT_NAME=${projectName}broken\n` });
    const uri = vscode.Uri.file(path.join(broken, 'docker-compose.yml'));
    await api.compose.projects.scan();
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'berth compose');
      return found.length > 0 ? found : undefined;
    }, 'diagnostics on the broken compose file');
    assert.equal(diagnostics[0].range.start.line, 4);
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    const project = api.compose.projects.projectOf(uri.fsPath);
    assert.ok(project);
    await assert.rejects(api.compose.run(project, { action: 'up' }), /docker-compose\.yml does not parse \(line 5: .+\), so Up was not attempted/);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // Open, the compose language server reports the syntax error; Berth's own copy steps aside.
    const fromServer = await waitFor(() => {
      const all = vscode.languages.getDiagnostics(uri);
      return all.some((d) => d.source === 'compose') && !all.some((d) => d.source === 'berth compose') ? all : undefined;
    }, 'the language server\'s diagnostics alone on the open broken file', 30_000);
    assert.ok(fromServer.some((d) => d.range.start.line === 4 || d.range.start.line === 3), JSON.stringify(fromServer.map((d) => [d.source, d.range.start.line, d.message])));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[] | undefined>('vscode.executeCodeLensProvider', uri);
    assert.deepEqual(lenses ?? [], [], 'no Up lens on a file that does not parse');
    assert.deepEqual(await containersOf(`${projectName}broken`), []);
  });

  it('an env file chosen for the project is passed with --env-file: its variables reach the containers', async () => {
    const envProject = `${projectName}env`;
    const service = ['services:', '  hello:', '    image: busybox:local', `    command: ["sleep", "300"]`, '    environment:', '      - GREETING=${GREETING:-unset}', ''].join('\n');
    const envDir = scratch('compose-env', {
      'compose.yaml': service,
      '.env': `COMPOSE_PROJECT_NAME=${envProject}\nGREETING=from-dotenv\n`,
      '.env.alt': `COMPOSE_PROJECT_NAME=${envProject}\nGREETING=from-alt\n`,
    });
    await api.compose.projects.scan();
    const findProject = () => api.compose.projects.projects.find((p) => p.files.dir === envDir);
    try {
      const root = api.compose.tree.getChildren().find((n) => n.kind === 'composeProject' && n.project.files.dir === envDir);
      assert.ok(root, 'the env project in the Compose view');
      const chosen = await withAnswers(api, ['.env.alt'], () => vscode.commands.executeCommand('berth.compose.chooseEnvFile', root));
      assert.equal(chosen, path.join(envDir, '.env.alt'));
      const row = api.compose.tree.getChildren().find((n) => n.kind === 'composeProject' && n.project.files.dir === envDir);
      assert.ok(row);
      assert.match(composeItem(row).description ?? '', /· \.env\.alt$/);
      ok(await vscode.commands.executeCommand('berth.compose.up', row));
      const [container] = await containersOf(envProject);
      assert.ok(container, 'the service\'s container');
      const env = (await docker.getContainer(container.Id).inspect()).Config.Env;
      assert.ok(env.includes('GREETING=from-alt'), env.join(' '));
      // Back to the folder's .env: no --env-file any more.
      assert.equal(await withAnswers(api, ['.env'], () => vscode.commands.executeCommand('berth.compose.chooseEnvFile', row)), undefined);
      assert.equal(findProject()?.files.envFile, undefined);
    } finally {
      const project = findProject();
      if (project) await api.compose.run(project, { action: 'down' }).catch(() => undefined);
      await api.context.extension.workspaceState.update('berth.compose.envFiles', undefined);
      fs.rmSync(envDir, { recursive: true, force: true });
    }
    assert.deepEqual(await containersOf(envProject), []);
  });

  it('without the chosen compose tool: one sentence naming it and how to install one, nothing run', async () => {
    const settings = vscode.workspace.getConfiguration('berth.compose');
    const project = api.compose.projects.projects.find((p) => p.files.name === projectName);
    assert.ok(project);
    try {
      // podman-compose is not installed on these machines (scripts/test-env.sh does not install it).
      await settings.update('tool', 'podman-compose', vscode.ConfigurationTarget.Global);
      await waitFor(() => api.context.config['compose.tool'] === 'podman-compose', 'the setting to reach Berth');
      await assert.rejects(api.compose.run(project, { action: 'up' }), (error: Error) => {
        assert.match(error.message, /^The compose tool chosen in berth\.compose\.tool \(podman-compose\) does not answer `podman-compose version`: install .+apt-get install docker-compose.+, then try again; the compose file's language features work without it\.$/);
        return true;
      });
      assert.deepEqual(await containersOf(projectName), []);
      await vscode.commands.executeCommand('berth.compose.focus');
      await waitFor(() => /^The compose tool chosen in berth\.compose\.tool \(podman-compose\)/.test(api.compose.view.message ?? ''), 'the Compose view to say the tool is missing');
    } finally {
      await settings.update('tool', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => api.compose.view.message === undefined, 'the message to go once the tool is found again');
  });
});
