/**
 * The client's translation bundle, for every thread of the servers (main thread and
 * analysis workers each hold their own copy of @vscode/l10n). The client sends the
 * bundle's URI (`vscode.l10n.uri`) in initializationOptions; each thread loads it once,
 * before it produces any text, and again only when the URI changes. No URI (English):
 * nothing is loaded and every `l10n.t` returns its English source.
 */
import * as l10n from '@vscode/l10n';
import { fileURLToPath } from 'node:url';

let loaded: string | undefined;

/** True once a translation bundle is in use (the display language is not English). */
export function isLocalized(): boolean {
  return loaded !== undefined;
}

/** Loads the bundle at `uri` (a file: URI), unless it is the one loaded already. */
export function useL10nBundle(uri: string | undefined, log?: (message: string) => void): void {
  if (uri === loaded) return;
  loaded = undefined;
  l10n.config({ contents: {} });
  if (!uri) return;
  try {
    // Read synchronously, once per thread: a few hundred KB at most, and every text after it depends on it.
    l10n.config({ fsPath: uri.startsWith('file:') ? fileURLToPath(uri) : uri });
    loaded = uri;
  } catch (error) {
    log?.(`The translation bundle ${uri} could not be read, so the server speaks English: ${error instanceof Error ? error.message : String(error)}`);
  }
}
