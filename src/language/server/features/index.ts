/** LSP method → feature. The worker answers exactly these methods. */
import type { Feature } from './types';
import * as library from './library';
import { diagnostics } from './diagnostics';
import { lintPart, lintShellcheck, lintUnits } from './lintParts';
import { codeActions } from './codeActions';
import { semanticTokens } from './semanticTokens';
import { completion, resolveCompletion } from './completion';
import { documentSymbols } from './symbols';
import { references } from './references';
import { inlayHints } from './inlayHints';
import { codeLenses } from './codeLens';

/** Test hook (only reachable when the server runs with BERTH_LS_TEST_HOOKS=1): spins for `ms`. */
function spin(_analyzer: unknown, _doc: unknown, params: { ms?: number }): string {
  const until = Date.now() + (params?.ms ?? 60_000);
  while (Date.now() < until) {
    // deliberately busy: a stand-in for a library call that never returns
  }
  return 'done';
}

export const features: Record<string, Feature> = {
  'berth/diagnostics': diagnostics as Feature,
  'berth/lintPart': lintPart as Feature,
  'berth/lintUnits': lintUnits as Feature,
  'berth/shellcheck': lintShellcheck as Feature,
  'berth/test/spin': spin as Feature,
  'textDocument/completion': completion as Feature,
  'completionItem/resolve': resolveCompletion as Feature,
  'textDocument/hover': library.hover as Feature,
  'textDocument/signatureHelp': library.signatureHelp as Feature,
  'textDocument/foldingRange': library.folding as Feature,
  'textDocument/documentHighlight': library.highlight as Feature,
  'textDocument/definition': library.definition as Feature,
  'textDocument/references': references as Feature,
  'textDocument/prepareRename': library.prepareRename as Feature,
  'textDocument/rename': library.rename as Feature,
  'textDocument/documentLink': library.links as Feature,
  'textDocument/formatting': library.format as Feature,
  'textDocument/rangeFormatting': library.formatRange as Feature,
  'textDocument/onTypeFormatting': library.formatOnType as Feature,
  'textDocument/documentSymbol': documentSymbols as Feature,
  'textDocument/codeAction': codeActions as Feature,
  'textDocument/codeLens': codeLenses as Feature,
  'textDocument/inlayHint': inlayHints as Feature,
  'textDocument/semanticTokens/full': semanticTokens as Feature,
};
