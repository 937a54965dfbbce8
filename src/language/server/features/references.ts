/**
 * References for ARG/ENV names and stage names. The library's document highlight
 * already resolves the symbol under the cursor with the right scope (a stage's ARG is
 * not another stage's); references are those highlights as locations.
 */
import { DocumentHighlightKind, type Location } from 'vscode-languageserver-types';
import type { ReferenceParams } from 'vscode-languageserver/node';
import type { FeatureDoc, FeatureHost } from './types';
import { highlight } from './library';

export function references(analyzer: FeatureHost, doc: FeatureDoc, params: ReferenceParams): Location[] {
  const highlights = highlight(analyzer, doc, params);
  return highlights
    .filter((highlight) => params.context?.includeDeclaration !== false || highlight.kind !== DocumentHighlightKind.Write)
    .map((highlight) => ({ uri: doc.uri, range: highlight.range }));
}
