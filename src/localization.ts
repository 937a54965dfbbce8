/**
 * Code that runs in the extension host without `vscode` (src/engine, the compose model)
 * translates through `@vscode/l10n`, which knows nothing until it is given a bundle. VS Code
 * has already picked the bundle for the display language (l10n/bundle.l10n.<language>.json):
 * hand its contents over once, at activation, before any engine message is made.
 *
 * Each esbuild bundle carries its own copy of `@vscode/l10n`, so a bundle loaded apart from
 * dist/extension.js that translates (none does today) calls this too.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/** English needs no bundle: `l10n.t` then returns its message with the arguments filled in. */
export function configureL10n(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) l10n.config({ contents: bundle });
}
