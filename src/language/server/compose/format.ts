/**
 * Formatting through the `yaml` library's own printer: consistent indentation (the editor's
 * tab size), comments, anchors, tags (`!reset`, `!override`) and quoting kept. A file that
 * does not parse is left alone rather than rewritten from a partial tree.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { rangeOf, type ComposeModel } from './model';
import type { ComposeFeatureHost } from './types';

export function format(host: ComposeFeatureHost, model: ComposeModel, params: { options?: { tabSize?: number } }): TextEdit[] {
  if (host.config.yamlOverlap.formatting || model.doc.errors.length > 0) return [];
  const indent = Math.min(8, Math.max(1, Number(params.options?.tabSize) || 2));
  const formatted = model.doc.toString({ indent, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
  if (formatted === model.text) return [];
  return [{ range: rangeOf(model, [0, model.text.length]), newText: formatted }];
}
