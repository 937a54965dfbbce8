import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

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
});
