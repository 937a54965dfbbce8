/** What the server announces in `initialize`; one place, so tests can read it too. */
import { TextDocumentSyncKind, CodeActionKind, type ServerCapabilities } from 'vscode-languageserver/node';
import { semanticTokensLegend } from './features/semanticTokens';

export const capabilities: ServerCapabilities = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  completionProvider: { resolveProvider: true, triggerCharacters: [' ', '$', '{', '-', '=', ':', ',', '/', '@'] },
  hoverProvider: true,
  signatureHelpProvider: { triggerCharacters: [' ', '-', '=', '[', ',', '"'] },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
  foldingRangeProvider: true,
  documentHighlightProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  documentLinkProvider: { resolveProvider: false },
  documentSymbolProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  codeLensProvider: { resolveProvider: false },
  inlayHintProvider: true,
  semanticTokensProvider: { legend: semanticTokensLegend, full: true },
};
