/**
 * Loads ./client.ts on first need. scripts/build.mjs bundles it (with vscode-languageclient,
 * the largest library Berth ships to the extension host) as dist/languageClient.js, apart
 * from dist/extension.js: esbuild splits code only for ES modules, and VS Code loads
 * extensions as CommonJS, so the split is a second entry point required at run time.
 */
import type * as vscode from 'vscode';
import type * as ClientModule from './client';

export const languageClientBundle = 'dist/languageClient.js';

export function loadClientModule(extension: vscode.ExtensionContext): typeof ClientModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, read when the first Dockerfile opens
  return require(extension.asAbsolutePath(languageClientBundle)) as typeof ClientModule;
}
