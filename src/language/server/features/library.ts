/**
 * Features dockerfile-language-service does well, adapted: it takes the text and parses
 * it itself, which our parse cache (../parse.ts) turns into a cache hit.
 */
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import { variableOccurrences } from './variableScopes';
import type { FoldingRange, Hover, Location, SignatureHelp, TextEdit, WorkspaceEdit, DocumentLink, DocumentHighlight, Range } from 'vscode-languageserver-types';
import type {
  DocumentFormattingParams, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams, PrepareRenameParams, RenameParams, TextDocumentPositionParams,
} from 'vscode-languageserver/node';
import type { FeatureDoc, FeatureHost } from './types';
import type { FormatterSettings } from 'dockerfile-language-service';
import { localizeHover } from './libraryText';

export function hover(analyzer: FeatureHost, doc: FeatureDoc, params: TextDocumentPositionParams): Hover | null {
  return localizeHover(analyzer.service.computeHover(doc.text, params.position));
}

export function signatureHelp(analyzer: FeatureHost, doc: FeatureDoc, params: TextDocumentPositionParams): SignatureHelp | null {
  return analyzer.service.computeSignatureHelp(doc.text, params.position);
}

export function folding(analyzer: FeatureHost, doc: FeatureDoc): FoldingRange[] {
  return analyzer.service.computeFoldingRanges(doc.text);
}

export function highlight(analyzer: FeatureHost, doc: FeatureDoc, params: TextDocumentPositionParams): DocumentHighlight[] {
  const variable = variableOccurrences(doc, params.position);
  if (variable) return variable.occurrences.map((occurrence) => ({ range: occurrence.range, kind: occurrence.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
  return analyzer.service.computeHighlightRanges(doc.text, params.position);
}

export function definition(analyzer: FeatureHost, doc: FeatureDoc, params: TextDocumentPositionParams): Location | null {
  const variable = variableOccurrences(doc, params.position);
  // The nearest declaration above the cursor (an in-stage `ARG V` over the global one).
  const declarations = variable?.occurrences.filter((occurrence) => occurrence.declaration) ?? [];
  const declaration = declarations.filter((occurrence) => occurrence.range.start.line <= params.position.line).pop() ?? declarations[0];
  if (declaration) return { uri: doc.uri, range: declaration.range };
  return analyzer.service.computeDefinition({ uri: doc.uri }, doc.text, params.position);
}

export function prepareRename(analyzer: FeatureHost, doc: FeatureDoc, params: PrepareRenameParams): Range | null {
  const variable = variableOccurrences(doc, params.position);
  const here = variable?.occurrences.find((occurrence) => occurrence.range.start.line === params.position.line && occurrence.range.start.character <= params.position.character && occurrence.range.end.character >= params.position.character);
  if (here) return here.range;
  return analyzer.service.prepareRename(doc.text, params.position);
}

export function rename(analyzer: FeatureHost, doc: FeatureDoc, params: RenameParams): WorkspaceEdit | null {
  const variable = variableOccurrences(doc, params.position);
  if (variable) return { changes: { [doc.uri]: variable.occurrences.map((occurrence) => ({ range: occurrence.range, newText: params.newName })) } };
  const edits = analyzer.service.computeRename({ uri: doc.uri }, doc.text, params.position, params.newName);
  return edits.length === 0 ? null : { changes: { [doc.uri]: edits } };
}

export function links(analyzer: FeatureHost, doc: FeatureDoc): DocumentLink[] {
  // The library leaves links unresolved (data only); resolve them here so clients that
  // never send documentLink/resolve still get a target.
  // A link built from `FROM ${BASE}` would point at a page named after the variable.
  return analyzer.service.computeLinks(doc.text)
    .map((link) => (link.target ? link : analyzer.service.resolveLink(link)))
    .filter((link) => !String(link.target ?? link.data ?? '').includes('$'));
}

/**
 * Multi-line instructions are left as written: their continuation indentation is
 * usually deliberate (aligned `&&` chains) and heredoc bodies are data, not Dockerfile.
 */
function settings(options: DocumentFormattingParams['options']): FormatterSettings {
  return { ...options, ignoreMultilineInstructions: true };
}

export function format(analyzer: FeatureHost, doc: FeatureDoc, params: DocumentFormattingParams): TextEdit[] {
  return analyzer.service.format(doc.text, settings(params.options));
}

export function formatRange(analyzer: FeatureHost, doc: FeatureDoc, params: DocumentRangeFormattingParams): TextEdit[] {
  return analyzer.service.formatRange(doc.text, params.range, settings(params.options));
}

export function formatOnType(analyzer: FeatureHost, doc: FeatureDoc, params: DocumentOnTypeFormattingParams): TextEdit[] {
  return analyzer.service.formatOnType(doc.text, params.position, params.ch, settings(params.options));
}
