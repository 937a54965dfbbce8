/**
 * The Dockerfile language server in the real VS Code: completion (with the private
 * engine's images), hover, diagnostics with links, a quick fix, formatting and the
 * "Build this stage" lens, each through the same provider commands the editor uses.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { takeScreenshot } from '../../support/screenshot';
import { testImage } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { BerthLog } from '../support/berth';
import { berthApi } from './explorerHelpers';
import { aptCodes, diagnosticCode, diagnosticsWhen, openDockerfile, scratchFolder } from './languageHelpers';

const dockerfile = [
  `FROM ${testImage} as build`,
  'RUN apt-get update && apt-get install curl',
  '',
  'FROM build AS final',
  'CMD ["sh"]',
  '',
].join('\n');

const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const text = (content: vscode.MarkdownString | vscode.MarkedString) => (typeof content === 'string' ? content : content.value);

describe('Dockerfile language features', () => {
  let folder: string;
  let main: vscode.TextDocument;

  before(async () => {
    const api = await berthApi();
    folder = scratchFolder('language');
    main = await openDockerfile(folder, 'Dockerfile', dockerfile);
    await vscode.window.showTextDocument(main);
    const client = await api.languageClient();
    await waitFor(() => client.isRunning(), 'the language client to be running', 30_000);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('publishes BuildKit and hadolint diagnostics with codes and links to the extension\'s rule pages', async () => {
    const wanted = ['FromAsCasing', ...aptCodes];
    const diagnostics = await diagnosticsWhen(main.uri, (codes) => wanted.every((code) => codes.includes(code)), wanted.join(', '));
    const extension = vscode.extensions.getExtension('berth.berth')!;
    for (const code of ['FromAsCasing', 'DL3008']) {
      const diagnostic = diagnostics.find((d) => diagnosticCode(d) === code)!;
      const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
      assert.equal(target?.toString(), vscode.Uri.joinPath(extension.extensionUri, 'docs', 'rules', `${code}.md`).toString(), `${code}'s link`);
      assert.ok(fs.existsSync(target!.fsPath), `${target!.fsPath} exists`);
    }
    assert.equal(diagnostics.find((d) => diagnosticCode(d) === 'FromAsCasing')?.source, 'buildkit');
    assert.ok(!diagnostics.some((d) => diagnosticCode(d) === 'DL3006'), `${testImage} is tagged: no DL3006`);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await takeScreenshot('language-diagnostics', { selector: '.markers-panel .monaco-list-row:has-text("DL3008")' });
  });

  it('keeps V8\'s cache of the server workers\' code in the extension\'s global storage', async () => {
    const api = await berthApi();
    const folder = vscode.Uri.joinPath(api.context.extension.globalStorageUri, 'server-code-cache').fsPath;
    // Written once a worker has run its hot paths and is idle (or taken from an earlier start of this profile).
    const log = new BerthLog(api);
    const line = await waitFor(() => /code cache \(checks worker\): .*/.exec(log.text())?.[0], 'the Dockerfile server\'s code cache line in the Berth log', 60_000);
    assert.match(line, /: (none|rejected), written \(\d+ KB\)$|: used, kept$/);
    const files = fs.readdirSync(folder).filter((name) => name.endsWith('.v8cache'));
    assert.equal(files.length, 1, `one cache in ${folder}: ${files.join(', ')}`);
  });

  it('completes the engine\'s local images after FROM', async () => {
    const api = await berthApi();
    await waitFor(async () => {
      await api.stores.images.ready();
      return api.stores.images.current.kind === 'ready' || undefined;
    }, 'the images store');
    const document = await openDockerfile(folder, 'Dockerfile.complete', 'FROM busy');
    const position = new vscode.Position(0, 'FROM busy'.length);
    // The images reach the server by notification after the store's first list.
    const list = await waitFor(async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      return result.items.some((item) => label(item) === testImage) ? result : undefined;
    }, `${testImage} among the completions`, 20_000, 250);
    const image = list.items.find((item) => label(item) === testImage)!;
    assert.equal(document.getText(image.range instanceof vscode.Range ? image.range : image.range?.replacing), 'busy', 'the completion replaces the typed prefix');
  });

  it('hovers an instruction with its documentation', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', main.uri, new vscode.Position(1, 1));
    const shown = hovers.flatMap((hover) => hover.contents.map(text)).join('\n');
    assert.match(shown, /\S/, 'a hover over RUN');
  });

  it('offers "Build this stage" lenses running berth.images.build with the Dockerfile and the target', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', main.uri);
    const final = lenses.find((lens) => lens.range.start.line === 3);
    assert.ok(final?.command, `a lens on FROM build AS final (got ${lenses.map((l) => `${l.range.start.line}:${l.command?.title}`).join(', ')})`);
    assert.equal(final.command.command, 'berth.images.build');
    assert.deepEqual(final.command.arguments, [{ dockerfile: main.uri.toString(), target: 'final' }]);
  });

  it('applies a quick fix and the finding goes away', async () => {
    const diagnostics = await diagnosticsWhen(main.uri, (codes) => codes.includes('DL3015'), 'DL3015');
    const dl3015 = diagnostics.find((d) => diagnosticCode(d) === 'DL3015')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', main.uri, dl3015.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title.includes('--no-install-recommends'));
    assert.ok(fix?.edit, `a quick fix adding --no-install-recommends (got ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(main.lineAt(1).text, /apt-get install --no-install-recommends curl/);
    await diagnosticsWhen(main.uri, (codes) => !codes.includes('DL3015') && codes.includes('DL3008'), 'DL3015 to go (DL3008 stays)');
  });

  it('follows berth.lint.severity and berth.lint.enabled as they change', async () => {
    const lint = vscode.workspace.getConfiguration('berth.lint');
    try {
      await lint.update('severity', { DL3008: 'off', FromAsCasing: 'error' }, vscode.ConfigurationTarget.Global);
      const diagnostics = await diagnosticsWhen(main.uri, (codes) => !codes.includes('DL3008') && codes.includes('DL3009'), 'DL3008 switched off');
      assert.equal(diagnostics.find((d) => diagnosticCode(d) === 'FromAsCasing')?.severity, vscode.DiagnosticSeverity.Error);
      await lint.update('enabled', false, vscode.ConfigurationTarget.Global);
      await diagnosticsWhen(main.uri, (codes) => codes.length === 0, 'no rule findings with berth.lint.enabled off');
    } finally {
      await lint.update('severity', undefined, vscode.ConfigurationTarget.Global);
      await lint.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsWhen(main.uri, (codes) => codes.includes('DL3008'), 'DL3008 back with the defaults');
  });

  it('formats the document', async () => {
    const document = await openDockerfile(folder, 'Dockerfile.format', `FROM ${testImage}\n    RUN echo hi\n`);
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, { tabSize: 4, insertSpaces: true });
    assert.ok(edits?.length, 'formatting edits');
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(document.getText(), `FROM ${testImage}\nRUN echo hi\n`);
  });
});
