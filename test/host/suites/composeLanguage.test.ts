/**
 * The compose language server in the real VS Code, with Red Hat's YAML extension absent
 * (as on this machine): a compose file opens as `dockercompose`, Berth's client starts,
 * and diagnostics (schema and cross-checks), completion of service names and local
 * images, hover, the outline and formatting come from Berth, each through the provider
 * commands the editor uses.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testImage } from '../../support/engine';
import { takeScreenshot } from '../../support/screenshot';
import { waitFor } from '../../support/wait';
import { berthApi } from './explorerHelpers';
import { diagnosticCode, scratchFolder } from './languageHelpers';

const compose = [
  'services:',
  '  web:',
  `    image: ${testImage}`,
  '    depends_on: [db, ghost]',
  '    ports:',
  '      - "8080:80"',
  '    networks: [front]',
  '    environment:',
  '      GREETING: ${GREETING',
  '  db:',
  `    image: ${testImage}`,
  '    restartt: always',
  '    ports:',
  '      - "8080:5432"',
  '',
].join('\n');

const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('Compose language features', () => {
  let folder: string;
  let document: vscode.TextDocument;

  before(async () => {
    const api = await berthApi();
    assert.equal(vscode.extensions.getExtension('redhat.vscode-yaml'), undefined, 'this suite checks Berth alone: the YAML extension must not be installed');
    folder = scratchFolder('compose');
    const file = path.join(folder, 'compose.yaml');
    fs.writeFileSync(file, compose);
    document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    const client = await api.composeClient();
    await waitFor(() => client.isRunning(), 'the compose language client to be running', 30_000);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('opens compose.yaml as a compose file', () => {
    assert.equal(document.languageId, 'dockercompose');
  });

  it('publishes schema errors and the checks beyond the schema, each once', async () => {
    const wanted = ['schema', 'undefined-service', 'undeclared-network', 'duplicate-host-port', 'invalid-interpolation'];
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(document.uri);
      const codes = found.map(diagnosticCode);
      return wanted.every((code) => codes.includes(code)) ? found : undefined;
    }, wanted.join(', '), 30_000);
    const codes = diagnostics.map(diagnosticCode).sort();
    assert.deepEqual(codes, ['duplicate-host-port', 'invalid-interpolation', 'schema', 'undeclared-network', 'undefined-service']);
    assert.match(diagnostics.find((d) => diagnosticCode(d) === 'schema')!.message, /"restartt" is not allowed here: did you mean "restart"\?/);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await takeScreenshot('compose-diagnostics', { selector: '.markers-panel .monaco-list-row:has-text("ghost")' });
  });

  it('completes service names in depends_on and the engine\'s images after image:', async () => {
    const api = await berthApi();
    const services = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(3, '    depends_on: ['.length));
    assert.ok(services.items.some((item) => label(item) === 'db'), services.items.map(label).join(','));
    assert.ok(!services.items.some((item) => label(item) === 'web'), 'a service does not depend on itself');
    await waitFor(async () => {
      await api.stores.images.ready();
      return api.stores.images.current.kind === 'ready' || undefined;
    }, 'the images store');
    await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(2, `    image: ${testImage}`.length));
      return list.items.some((item) => label(item) === testImage) || undefined;
    }, `${testImage} among the completions after image:`, 20_000, 250);
  });

  it('hovers a key, outlines the services and formats the file', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(3, 6));
    assert.match(hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /depends_on/);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.deepEqual(symbols.map((s) => [s.name, s.children.map((c) => c.name)]), [['services', ['web', 'db']]]);
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, { tabSize: 4, insertSpaces: true });
    // VS Code turns the server's whole-file edit into minimal ones: apply them to see the result.
    let formatted = document.getText();
    for (const edit of [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start))) {
      formatted = formatted.slice(0, document.offsetAt(edit.range.start)) + edit.newText + formatted.slice(document.offsetAt(edit.range.end));
    }
    assert.match(formatted, /^services:\n {4}web:\n {8}image: /);
    assert.match(formatted, /\n {8}depends_on: \[ ?db, ghost ?\]\n/);
  });
});
