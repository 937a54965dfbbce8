/**
 * The compose file parser (model.ts with `yaml`) is a bundle of its own, dist/composeModel.js,
 * required the first time a compose file is read: esbuild splits code only for ES modules and
 * VS Code loads extensions as CommonJS, so, as for the language client, the split is an entry
 * point of scripts/build.mjs. Activation then carries no YAML parser (about 140 KB minified).
 */
import * as l10n from '@vscode/l10n';
import { notAComposeMap } from './definitions';
import type { ComposeModel } from './definitions';
import type * as ModelModule from './model';

export const composeModelBundle = 'dist/composeModel.js';

export type ParseCompose = typeof ModelModule.parseCompose;

/** A parse function that loads the bundle on its first call. */
export function lazyParser(bundlePath: string): ParseCompose {
  let parse: ParseCompose | undefined;
  return (text) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, read when the first compose file is
    parse ??= (require(bundlePath) as typeof ModelModule).parseCompose;
    return localized(parse(text));
  };
}

/** The parser's own sentence in the editor's language (the YAML library's messages stay as it wrote them). */
function localized(model: ComposeModel): ComposeModel {
  for (const problem of model.problems) if (problem.message === notAComposeMap) problem.message = l10n.t('A compose file is a map with a services key at its top level.');
  return model;
}
