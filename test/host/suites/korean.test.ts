/**
 * Berth in Korean, in the real VS Code with its display language set to Korean
 * (`run-host-tests.mjs --locale ko`, the host-ko tier; opt-in, it fails in an English host).
 * What the tests expect comes from Berth's own files at run time: package.nls.ko.json for
 * view names and command titles, l10n/bundle.l10n.ko.json for the code's strings, so the
 * suite follows the translations as they change. Screenshots: test-results/host-ko/korean-*.png.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { readWorkbench, takeScreenshot } from '../../support/screenshot';
import { waitFor } from '../../support/wait';
import { berthApi, containerNode, extensionId } from './explorerHelpers';
import { openDockerfile, scratchFolder } from './languageHelpers';

const hangul = /\p{Script=Hangul}/u;
const stripIcons = (text: string) => text.replace(/\$\([\w~-]+\)\s*/g, '').trim();

function extensionFile(name: string): Record<string, string> {
  const extension = vscode.extensions.getExtension(extensionId)!;
  return JSON.parse(fs.readFileSync(path.join(extension.extensionUri.fsPath, name), 'utf8'));
}

/**
 * Shown text is Korean: it has Hangul, and it is not the English of a message the Korean
 * bundle translates (which would mean the bundle was not applied).
 */
function assertKorean(shown: string, what: string, bundle: Record<string, string>): void {
  const text = stripIcons(shown);
  assert.ok(!(text in bundle) || bundle[text] === text, `${what} is shown in English although l10n/bundle.l10n.ko.json translates it: "${text}"`);
  assert.match(text, hangul, `${what} is not in Korean: "${text}"`);
}

describe('Berth in Korean (VS Code display language ko)', function () {
  let api: BerthApi;
  let nls: Record<string, string>;
  let bundle: Record<string, string>;
  const leftovers: string[] = [];
  let folder: string | undefined;

  before(async () => {
    api = await berthApi();
    nls = extensionFile('package.nls.ko.json');
    bundle = extensionFile(path.join('l10n', 'bundle.l10n.ko.json'));
  });
  after(async () => {
    api.prompts.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    for (const id of leftovers) await testDocker().getContainer(id).remove({ force: true }).catch(() => undefined);
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('runs with VS Code set to Korean (vscode.env.language, vscode.l10n.bundle)', () => {
    assert.equal(vscode.env.language, 'ko');
    // VS Code hands the extension its Korean bundle; an English host would give none.
    assert.ok(vscode.l10n.uri?.path.endsWith('/l10n/bundle.l10n.ko.json'), `vscode.l10n.uri is ${vscode.l10n.uri?.toString()}`);
  });

  it('names the views and the commands in Korean (package.nls.ko.json), in the manifest and on screen', async () => {
    type Title = string | { value: string; original: string };
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as { contributes: { views: Record<string, { id: string; name: string }[]>; commands: { command: string; title: Title }[] } };
    for (const view of manifest.contributes.views.berth) assert.equal(view.name, nls[`view.${view.id}.name`], `${view.id}'s name`);
    // VS Code keeps a translated command title with its English original, for the palette's search in both.
    for (const command of manifest.contributes.commands) assert.equal(typeof command.title === 'string' ? command.title : command.title.value, nls[`${command.command}.title`], `${command.command}'s title`);

    await vscode.commands.executeCommand('workbench.view.extension.berth');
    await vscode.commands.executeCommand('berth.explorer.refresh');
    const titles = await readWorkbench(`.part.sidebar .pane-header:has-text("${nls['view.berth.containers.name']}")`);
    if (titles) {
      const headers = await readWorkbench('.part.sidebar .pane-header h3.title');
      for (const id of ['berth.containers', 'berth.images']) assert.ok(headers?.some((h) => h.includes(nls[`view.${id}.name`])), `the sidebar shows ${nls[`view.${id}.name`]}: ${headers?.join(' | ')}`);
    }
    await takeScreenshot('korean-views', { selector: `.part.sidebar .pane-header:has-text("${nls['view.berth.containers.name']}")` });

    // The command palette finds Berth's commands by their Korean titles.
    await vscode.commands.executeCommand('workbench.action.quickOpen', `>Berth: ${nls['berth.containers.start.title']}`);
    try {
      const rows = await readWorkbench('.quick-input-list .monaco-list-row');
      if (rows) assert.ok(rows.some((r) => r.includes(nls['berth.containers.start.title'])), `the palette lists ${nls['berth.containers.start.title']}: ${rows.join(' | ')}`);
      await takeScreenshot('korean-command-palette', { selector: '.quick-input-list .monaco-list-row' });
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  });

  it('labels a container\'s Files node in the Containers tree in Korean', async () => {
    const name = uniqueName('berth-ko');
    const container = await testDocker().createContainer({ name, Image: testImage, Cmd: ['sleep', '300'] });
    leftovers.push(container.id);
    await container.start();
    const node = await containerNode(api, name, 'running');
    const children = await api.views.containers.getChildren(node);
    const files = children.find((child) => (child as { kind?: string }).kind === 'filesRoot');
    assert.ok(files, `the container ${name} has a Files node: ${children.map((c) => (c as { kind?: string }).kind).join(', ')}`);
    const item = await api.views.containers.getTreeItem(files);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    await takeScreenshot('korean-containers', { selector: `.monaco-list-row:has-text("${name.slice(0, 20)}")` });
    assertKorean(label, 'the Files node\'s label', bundle);
  });

  it('shows an error notification in Korean', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    // Download needs an item of a Files tree: from the palette it says so in a notification.
    await vscode.commands.executeCommand('berth.files.download');
    const messages = await readWorkbench('.notifications-toasts .notification-list-item-message', 15_000);
    await takeScreenshot('korean-notification', { selector: '.notifications-toasts .notification-list-item-message' });
    if (messages) {
      assert.equal(messages.length, 1, messages.join(' | '));
      assertKorean(messages[0], 'the notification', bundle);
    }
    await vscode.commands.executeCommand('notifications.hideToasts');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('shows the run form in Korean (title, fields and actions)', async () => {
    // No queued answer and not strict: the real quick pick opens, as for a person.
    api.prompts.reset();
    const form = vscode.commands.executeCommand('berth.images.run', testImage);
    try {
      const asked = await waitFor(() => api.prompts.asked[0], 'the run form to ask its first question', 15_000);
      await takeScreenshot('korean-run-form', { selector: '.quick-input-widget .quick-input-list .monaco-list-row' });
      assertKorean(asked.message.replace(testImage, ''), 'the run form\'s title', bundle);
      const choices = asked.choices ?? [];
      assert.ok(choices.length > 5, choices.join(' | '));
      const english = choices.filter((choice) => !hangul.test(choice));
      // A label may be a flag or a unit alone (-p, CPU); most must read as Korean.
      assert.ok(english.length <= choices.length / 4, `the run form shows these in English: ${english.join(' | ')}`);
      for (const choice of choices) assertKoreanIfTranslated(choice, bundle);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await form;
      api.prompts.reset();
      api.prompts.strict = true;
    }
  });

  it('reports a Dockerfile diagnostic in Korean', async () => {
    folder = scratchFolder('korean');
    const document = await openDockerfile(folder, 'Dockerfile', `FROM ${testImage} as build\nRUN apt-get update && apt-get install curl\n`);
    await vscode.window.showTextDocument(document);
    await api.languageClient();
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(document.uri);
      return found.length >= 2 ? found : undefined;
    }, 'diagnostics for the Dockerfile', 45_000);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await takeScreenshot('korean-diagnostics', { selector: '.markers-panel .monaco-list-row' });
    // ShellCheck's findings are the ShellCheck program's own English text; every other message is Berth's.
    for (const diagnostic of diagnostics.filter((d) => d.source !== 'shellcheck')) assertKorean(diagnostic.message, `the diagnostic ${diagnostic.source ?? ''} ${String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code)}`, bundle);
  });
});

function assertKoreanIfTranslated(shown: string, bundle: Record<string, string>): void {
  const text = stripIcons(shown);
  assert.ok(!(text in bundle) || bundle[text] === text, `shown in English although l10n/bundle.l10n.ko.json translates it: "${text}"`);
}
