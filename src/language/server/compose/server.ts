/**
 * The compose server's main thread: LSP transport, open documents, debounced diagnostics.
 * The same shape as the Dockerfile server (../server.ts): every computation runs in an
 * analysis worker under a time limit (AnalysisHost), so nothing can hang the server and a
 * runaway request costs a worker, not the process. Unlike the Dockerfile server it has ONE
 * worker: a compose file's checks cost a few milliseconds beyond the YAML parse that every
 * feature needs, so a second worker would mostly parse each version a second time (measured:
 * on two busy cores that second parse made edit → diagnostics slower, not faster).
 */
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, ResponseError,
  type Connection, type InitializeParams, type CancellationToken, type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeServerName, localImagesNotification, noYamlOverlap, type ComposeServerInitOptions, type LocalImage, type LocalImagesParams } from '../../protocol';
import { PerDocument } from '../debounce';
import { AnalysisHost } from '../workerHost';
import { completeFromText } from './completion';
import type { TextLines } from './cursor';
import { composeSample } from './warmUp';
import type { ComposeConfig } from './types';
import { useL10nBundle } from '../l10n';

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

/** A line too long to read on this thread (see documentLines). */
class LongLine extends Error {}

/**
 * A document's lines by index, each read when asked: no split of the whole text per
 * version. This thread has no time limit, and the cursor's regular expressions slow
 * down more than linearly on very long lines: such a line sends the request to the worker.
 */
function documentLines(document: TextDocument): TextLines {
  const text = document.getText();
  const start = (index: number) => (index < 0 || index >= document.lineCount ? undefined : document.offsetAt({ line: index, character: 0 }));
  return {
    line: (index) => {
      const from = start(index);
      if (from === undefined) return undefined;
      const line = text.slice(from, start(index + 1) ?? text.length);
      if (line.length > 1_000) throw new LongLine();
      return line.replace(/\r?\n$/, '');
    },
    indent: (index) => {
      const from = start(index);
      if (from === undefined) return undefined;
      let at = from;
      while (at < text.length && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
      return at - from;
    },
  };
}

export function startComposeServer(entry: string): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const log = (message: string) => connection.console.log(message);
  const analysis = new AnalysisHost<ComposeConfig>({ entry, timeoutMs, perThousandLinesMs: 100, log, role: 'both' });
  let config: ComposeConfig = { localImages: [], yamlOverlap: noYamlOverlap };
  const configure = () => analysis.configure(config);
  const pending = new PerDocument();

  connection.onInitialize((params: InitializeParams) => {
    const options = (params.initializationOptions ?? {}) as ComposeServerInitOptions;
    useL10nBundle(options.l10nBundle, log);
    const completionEditRange = params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
    config = { localImages: normalizeImages(options.localImages), yamlOverlap: { ...noYamlOverlap, ...options.yamlOverlap }, l10nBundle: options.l10nBundle, completionEditRange };
    configure();
    return { serverInfo: { name: composeServerName, version: '0.1.0' }, capabilities: composeCapabilities(config) };
  });
  // The first completions on this thread compile the cursor code, read the schema and
  // index a document's lines: done once the client is set up, on a file of a few hundred
  // lines, not on a person's first request (5 ms instead of 0.2 in a 2,000-line file).
  connection.onInitialized(() => void setImmediate(() => {
    const sample = TextDocument.create('berth-warm-up:compose.yaml', 'dockercompose', 0, composeSample(40));
    const lines = sample.getText().split('\n');
    const middle = lines.indexOf('    ', lines.length / 2);
    for (let round = 0; round < 5; round++) {
      completeFromText(config, documentLines(sample), { line: middle, character: 4 });
      completeFromText(config, documentLines(sample), { line: 2, character: 11 });
    }
  }));
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
    // Parsed by the diagnostics pass (at once on open, after the pause otherwise) or the first request.
    analysis.sync(uri, version, text, false);
    schedule(event.document, opened ? 0 : debounceMs);
  });
  documents.onDidClose((event) => {
    pending.cancel(event.document.uri);
    analysis.close(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  function schedule(document: TextDocument, delay: number): void {
    pending.schedule(document.uri, delay, () => void publish(document.uri, document.version));
  }

  async function publish(uri: string, version: number): Promise<void> {
    // Diagnostics are not waited on by a person typing: they get longer before the time limit.
    const found = await analysis.request<unknown[]>('berth/composeDiagnostics', uri, {}, undefined, { limitMs: checkTimeoutMs });
    // A newer version has its own pass coming; an answer lost to the time limit publishes nothing rather than a false "all clear".
    if (documents.get(uri)?.version !== version || !Array.isArray(found)) return;
    await connection.sendDiagnostics({ uri, version, diagnostics: found as never });
  }

  const forward = (method: string) => async (params: { textDocument?: { uri: string } }, token: CancellationToken): Promise<never> => {
    const result = await analysis.request(method, params.textDocument?.uri, params, token);
    if (isRefusal(result)) throw new ResponseError(result.berthResponseError.code, result.berthResponseError.message);
    return (result ?? null) as never;
  };
  // Keys and values of the specification need only the text: answered here, at once, even
  // while the worker parses the version just typed; names go to the worker's parse.
  const completeInWorker = forward('textDocument/completion');
  connection.onCompletion((params, token) => {
    const document = documents.get(params.textDocument.uri);
    let fromText: ReturnType<typeof completeFromText>;
    try {
      fromText = document && completeFromText(config, documentLines(document), params.position);
    } catch (error) {
      if (!(error instanceof LongLine)) throw error;
    }
    return fromText ?? completeInWorker(params, token);
  });
  connection.onHover(forward('textDocument/hover'));
  connection.onDocumentFormatting(forward('textDocument/formatting'));
  connection.onDocumentSymbol(forward('textDocument/documentSymbol'));
  connection.onDocumentLinks(forward('textDocument/documentLink'));
  connection.onPrepareRename(forward('textDocument/prepareRename'));
  connection.onRenameRequest(forward('textDocument/rename'));

  connection.onShutdown(() => analysis.dispose());
  documents.listen(connection);
  connection.listen();
  return connection;
}
