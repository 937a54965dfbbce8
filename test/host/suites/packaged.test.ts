import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { aptCodes, aptDockerfile, diagnosticCode, diagnosticsWhen, openDockerfile, scratchFolder } from './languageHelpers';

/** Run by the .vsix check: Berth here must be the installed package, not this checkout. */
describe('Berth installed from the .vsix', () => {
  it('is loaded from the extensions folder the .vsix was installed into, and activates', async () => {
    const extensionsDir = process.env.BERTH_TEST_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'BERTH_TEST_EXTENSIONS_DIR is not set: run this suite through `npm run test:host -- --vsix dist/berth.vsix`');
    const extension = vscode.extensions.getExtension('berth.berth');
    assert.ok(extension, 'berth.berth is not installed in this host');
    const relative = path.relative(extensionsDir, extension.extensionPath);
    assert.ok(!relative.startsWith('..') && !path.isAbsolute(relative), `Berth was loaded from ${extension.extensionPath}, not from ${extensionsDir}`);
    const api = await extension.activate();
    assert.ok(api?.context?.engine, 'Berth activated without returning its API');
  });

  it("runs the packaged language server: hadolint's shell rules (its WebAssembly) and the rule pages ship", async () => {
    const folder = scratchFolder('packaged-language');
    try {
      const document = await openDockerfile(folder, 'Dockerfile', aptDockerfile);
      const diagnostics = await diagnosticsWhen(document.uri, (codes) => aptCodes.every((code) => codes.includes(code)), `${aptCodes.join(', ')} from the packaged server`);
      const dl3008 = diagnostics.find((d) => diagnosticCode(d) === 'DL3008');
      const target = typeof dl3008?.code === 'object' ? dl3008.code.target : undefined;
      assert.ok(target, 'DL3008 has no docs link');
      const extension = vscode.extensions.getExtension('berth.berth')!;
      assert.equal(target.toString(), vscode.Uri.joinPath(extension.extensionUri, 'docs', 'rules', 'DL3008.md').toString());
      assert.ok(fs.existsSync(target.fsPath), `${target.fsPath} is not in the installed extension`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
