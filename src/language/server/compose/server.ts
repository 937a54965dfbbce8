/**
 * The compose server's main thread: LSP transport, open documents, debounced diagnostics.
 * The same shape as the Dockerfile server (../server.ts): every computation runs in an
 * analysis worker under a time limit (AnalysisHost), one worker for requests and one for
 * diagnostics, so a slow check never delays a completion and nothing can hang the server.
 */
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, ResponseError,
  type Connection, type InitializeParams, type CancellationToken, type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeServerName, localImagesNotification, noYamlOverlap, type ComposeServerInitOptions, type LocalImage, type LocalImagesParams } from '../../protocol';
import { AnalysisHost } from '../workerHost';
import type { ComposeConfig } from './types';

const debounceMs = Number(process.env.BERTH_LS_DEBOUNCE_MS ?? 200);
const timeoutMs = Number(process.env.BERTH_LS_TIMEOUT_MS ?? 800);
const checkTimeoutMs = Number(process.env.BERTH_LS_CHECK_TIMEOUT_MS ?? 4000);

export function composeCapabilities(config: ComposeConfig): ServerCapabilities {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: [' ', ':', '-', '[', ',', '"'] },
    hoverProvider: true,
    // Left out, not answered empty, when the YAML extension formats and outlines: VS Code
    // would otherwise ask which formatter to use and show two outlines.
    documentFormattingProvider: !config.yamlOverlap.formatting,
    documentSymbolProvider: !config.yamlOverlap.symbols,
    documentLinkProvider: { resolveProvider: false },
    renameProvider: { prepareProvider: true },
  };
}

/** The Dockerfile server's function, repeated: importing it would bundle that whole server into this one. */
function normalizeImages(images: Array<string | LocalImage> | undefined): LocalImage[] {
  return (images ?? []).filter((image) => image !== null && image !== undefined).map((image) => (typeof image === 'string' ? { ref: image } : image));
}

interface RefusedAnswer { berthResponseError: { code: number; message: string } }
const isRefusal = (value: unknown): value is RefusedAnswer => typeof value === 'object' && value !== null && 'berthResponseError' in value;

export function startComposeServer(entry: string): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const log = (message: string) => connection.console.log(message);
  const requests = new AnalysisHost<ComposeConfig>({ entry, timeoutMs, perThousandLinesMs: 100, log, role: 'requests' });
  const checks = new AnalysisHost<ComposeConfig>({ entry, timeoutMs: checkTimeoutMs, perThousandLinesMs: 200, log, role: 'checks' });
  let config: ComposeConfig = { localImages: [], yamlOverlap: noYamlOverlap };
  const configure = () => { requests.configure(config); checks.configure(config); };
  const timers = new Map<string, NodeJS.Timeout>();

  connection.onInitialize((params: InitializeParams) => {
    const options = (params.initializationOptions ?? {}) as ComposeServerInitOptions;
    config = { localImages: normalizeImages(options.localImages), yamlOverlap: { ...noYamlOverlap, ...options.yamlOverlap } };
    configure();
    return { serverInfo: { name: composeServerName, version: '0.1.0' }, capabilities: composeCapabilities(config) };
  });
  connection.onNotification(localImagesNotification, (params: LocalImagesParams) => {
    config = { ...config, localImages: normalizeImages(params?.images) };
    configure();
  });

  const justOpened = new Set<string>();
  documents.onDidOpen((event) => justOpened.add(event.document.uri));
  documents.onDidChangeContent((event) => {
    const { uri, version } = event.document;
    const text = event.document.getText();
    const opened = justOpened.delete(uri);
    checks.sync(uri, version, text);
    requests.sync(uri, version, text);
    schedule(event.document, opened ? 0 : debounceMs);
  });
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    timers.delete(event.document.uri);
    requests.close(event.document.uri);
    checks.close(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => {
      timers.delete(document.uri);
      void publish(document.uri, document.version);
    }, delay));
  }

  async function publish(uri: string, version: number): Promise<void> {
    const found = await checks.request<unknown[]>('berth/composeDiagnostics', uri, {});
    // A newer version has its own pass coming; an answer lost to the time limit publishes nothing rather than a false "all clear".
    if (documents.get(uri)?.version !== version || !Array.isArray(found)) return;
    await connection.sendDiagnostics({ uri, version, diagnostics: found as never });
  }

  const forward = (method: string) => async (params: { textDocument?: { uri: string } }, token: CancellationToken): Promise<never> => {
    const result = await requests.request(method, params.textDocument?.uri, params, token);
    if (isRefusal(result)) throw new ResponseError(result.berthResponseError.code, result.berthResponseError.message);
    return (result ?? null) as never;
  };
  connection.onCompletion(forward('textDocument/completion'));
  connection.onHover(forward('textDocument/hover'));
  connection.onDocumentFormatting(forward('textDocument/formatting'));
  connection.onDocumentSymbol(forward('textDocument/documentSymbol'));
  connection.onDocumentLinks(forward('textDocument/documentLink'));
  connection.onPrepareRename(forward('textDocument/prepareRename'));
  connection.onRenameRequest(forward('textDocument/rename'));

  connection.onShutdown(() => { requests.dispose(); checks.dispose(); });
  documents.listen(connection);
  connection.listen();
  return connection;
}
