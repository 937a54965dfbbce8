/**
 * The server's main thread: LSP transport, open documents, debounced diagnostics. Every
 * computation goes to the analysis worker through AnalysisHost, with a time limit, so
 * this thread always stays free to answer, cancel and keep serving.
 */
import {
  createConnection, ProposedFeatures, TextDocuments, type Connection, type InitializeParams,
  type CancellationToken, type Diagnostic, ShowMessageNotification, MessageType,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  serverName, defaultLintSettings, rulesDocsFolder, localImagesNotification, lintSettingsNotification, lintProgressNotification,
  type ServerInitOptions, type LocalImagesParams, type LintSettingsParams, type LocalImage,
} from '../protocol';
import { PerDocument } from './debounce';
import { AnalysisHost } from './workerHost';
import type { AnalysisConfig } from './workerMessages';
import { capabilities } from './capabilities';
import { diagnosticsPublisher } from './publish';
import { useL10nBundle } from './l10n';

/** Diagnostics wait for typing to pause this long. */
const debounceMs = Number(process.env.BERTH_LS_DEBOUNCE_MS ?? 200);
/** Hard limit per request; the slowest real request on 10,000 lines is far below it. */
const timeoutMs = Number(process.env.BERTH_LS_TIMEOUT_MS ?? 800);
/** Diagnostics are not waited on by a person typing; they get longer before giving up. */
const checkTimeoutMs = Number(process.env.BERTH_LS_CHECK_TIMEOUT_MS ?? 4000);
/** A part of the lint hands what is left to the next request after this long (see publish.ts). */
const lintBudgetMs = Number(process.env.BERTH_LS_LINT_BUDGET_MS ?? 1000);

export function normalizeImages(images: Array<string | LocalImage> | undefined): LocalImage[] {
  return (images ?? []).filter((image) => image !== null && image !== undefined).map((image) => (typeof image === 'string' ? { ref: image } : image));
}

/** The extension's rule pages as seen from its bundle (`dist/server.js` → `docs/rules/`). */
export function bundledRulesDocsBase(entry: string): string {
  return `${pathToFileURL(path.join(path.dirname(entry), '..', rulesDocsFolder)).href}/`;
}

/**
 * The rule pages in the display language when the extension ships them (`docs/rules/ko/`
 * for `bundle.l10n.ko.json`), else the English ones. Only file: folders can be looked at.
 */
export function localizedRulesDocsBase(base: string, l10nBundle: string | undefined): string {
  const language = l10nBundle && /bundle\.l10n\.([\w-]+)\.json$/.exec(l10nBundle)?.[1];
  if (!language || !base.startsWith('file:')) return base;
  const localized = `${base}${language}/`;
  return fs.existsSync(fileURLToPath(localized)) ? localized : base;
}

/**
 * `workerEntry`: the analysis workers' script (dist/serverWorker.js); `checksWorker`: the
 * diagnostics worker, when the entry point started it already; `codeCache`: the folder of
 * V8's code cache for the workers (codeCache.ts).
 */
export function startServer(workerEntry: string, checksWorker?: Worker, codeCache?: string): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  // Two workers: one answers requests, one computes diagnostics. A slow check on a big
  // file then never delays a hover or a completion.
  const log = (message: string) => connection.console.log(message);
  // The checks worker boots now, while the client is still initializing: a person's
  // first file arrives with the initialize handshake, and loading the bundle in a fresh
  // thread costs more than linting 1,000 lines. The requests worker waits for the first
  // diagnostics (or the first request): two threads booting and warming up beside the
  // first lint on two cores delayed it.
  const checks = new AnalysisHost({ entry: workerEntry, timeoutMs: checkTimeoutMs, perThousandLinesMs: 200, log, role: 'checks', booting: checksWorker, codeCache });
  checks.start();
  const requests = new AnalysisHost({ entry: workerEntry, timeoutMs, perThousandLinesMs: 150, log, role: 'requests', lazy: true, codeCache });
  const relintAll = () => { for (const document of documents.all()) scheduleDiagnostics(document, 0); };
  const both = {
    configure: (config: AnalysisConfig) => { requests.configure(config); checks.configure(config); },
    close: (uri: string) => { requests.close(uri); checks.close(uri); },
    dispose: () => { requests.dispose(); checks.dispose(); },
  };
  let config: AnalysisConfig | undefined;
  const pending = new PerDocument();

  const reconfigure = (change: Partial<AnalysisConfig>) => {
    if (!config) return;
    config = { ...config, ...change };
    both.configure(config);
    relintAll();
  };

  connection.onInitialize((params: InitializeParams) => {
    const options = (params.initializationOptions ?? {}) as ServerInitOptions;
    const folders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (folders.length === 0 && params.rootUri) folders.push(params.rootUri);
    const textCaps = params.capabilities.textDocument;
    useL10nBundle(options.l10nBundle, log);
    config = {
      localImages: normalizeImages(options.localImages),
      enginePlatform: options.enginePlatform,
      lint: { ...defaultLintSettings, ...options.lint, severity: { ...options.lint?.severity } },
      rulesDocsBase: localizedRulesDocsBase(options.rulesDocsBase ?? bundledRulesDocsBase(workerEntry), options.l10nBundle),
      workspaceFolders: folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri)),
      snippetSupport: textCaps?.completion?.completionItem?.snippetSupport ?? false,
      markdown: textCaps?.hover?.contentFormat?.includes('markdown') ?? false,
      l10nBundle: options.l10nBundle,
    };
    both.configure(config);
    return { serverInfo: { name: serverName, version: '0.1.0' }, capabilities };
  });

  connection.onNotification(localImagesNotification, (params: LocalImagesParams) => {
    reconfigure({ localImages: normalizeImages(params?.images), enginePlatform: params?.enginePlatform ?? config?.enginePlatform });
  });
  connection.onNotification(lintSettingsNotification, (params: LintSettingsParams) => {
    reconfigure({ lint: { ...defaultLintSettings, ...params, severity: { ...params?.severity } } });
  });
  // Editors other than VS Code send settings this way: { berth: { lint: { enabled, severity }, shellcheck: { path } } }.
  connection.onDidChangeConfiguration((change) => {
    const berth = (change.settings as { berth?: { lint?: LintSettingsParams; shellcheck?: { path?: string } } } | undefined)?.berth;
    const lint = berth?.lint ?? (berth?.shellcheck ? config?.lint : undefined);
    if (lint) reconfigure({ lint: { ...defaultLintSettings, ...lint, severity: { ...lint.severity }, shellcheckPath: berth?.shellcheck?.path ?? lint.shellcheckPath } });
  });

  // TextDocuments fires onDidOpen and then onDidChangeContent for the same open: the
  // first check of a newly opened file runs at once, later ones wait for typing to pause.
  const justOpened = new Set<string>();
  documents.onDidOpen((event) => justOpened.add(event.document.uri));
  documents.onDidChangeContent((event) => {
    const { uri, version } = event.document;
    const text = event.document.getText();
    const opened = justOpened.delete(uri);
    // On open the checks worker parses first, alone: the requests worker parses once the
    // first diagnostics are out (two parses at once on two cores delayed the first ones).
    checks.sync(uri, version, text);
    requests.sync(uri, version, text, !opened);
    if (opened) firstPublished.set(uri, version);
    scheduleDiagnostics(event.document, opened ? 0 : debounceMs);
  });
  documents.onDidClose((event) => {
    pending.cancel(event.document.uri);
    both.close(event.document.uri);
    // Nothing more is coming for a closed document: say so, as for any complete set.
    const { uri, version } = event.document;
    void connection.sendDiagnostics({ uri, version, diagnostics: [] }).then(() => connection.sendNotification(lintProgressNotification, { uri, version, complete: true, unchecked: [] }));
  });

  function scheduleDiagnostics(document: TextDocument, delay: number): void {
    pending.schedule(document.uri, delay, () => void publishDiagnostics(document.uri, document.version));
  }

  const told = new Set<string>();
  const firstPublished = new Map<string, number>();
  const publishDiagnostics = diagnosticsPublisher({
    checks,
    currentVersion: (uri) => documents.get(uri)?.version,
    send: async (uri, version, diagnostics: Diagnostic[]) => {
      await connection.sendDiagnostics({ uri, version, diagnostics });
      if (firstPublished.get(uri) === version) {
        firstPublished.delete(uri);
        requests.prepare(uri);
      }
    },
    progress: (params) => connection.sendNotification(lintProgressNotification, params),
    tell: (message) => {
      if (told.has(message)) return;
      told.add(message);
      log(message);
      // A notification, not showMessageRequest: nothing to answer, nothing that can fail.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
    },
    log,
    budgetMs: lintBudgetMs,
    shellcheckTimeoutMs: checkTimeoutMs,
  });

  // Answers are whatever the worker computed; `never` lets one forwarder serve every handler type.
  const forward = (method: string) => (params: { textDocument?: { uri: string } }, token: CancellationToken): Promise<never> =>
    requests.request(method, params.textDocument?.uri, params, token).then((result) => (result ?? null) as never);

  connection.onCompletion(forward('textDocument/completion'));
  connection.onCompletionResolve((item, token) => requests.request('completionItem/resolve', undefined, item, token).then((result) => result ?? item) as never);
  connection.onHover(forward('textDocument/hover'));
  connection.onSignatureHelp(forward('textDocument/signatureHelp'));
  connection.onDocumentFormatting(forward('textDocument/formatting'));
  connection.onDocumentRangeFormatting(forward('textDocument/rangeFormatting'));
  connection.onDocumentOnTypeFormatting(forward('textDocument/onTypeFormatting'));
  connection.onFoldingRanges(forward('textDocument/foldingRange'));
  connection.onDocumentHighlight(forward('textDocument/documentHighlight'));
  connection.onDefinition(forward('textDocument/definition'));
  connection.onReferences(forward('textDocument/references'));
  connection.onPrepareRename(forward('textDocument/prepareRename'));
  connection.onRenameRequest(forward('textDocument/rename'));
  connection.onDocumentLinks(forward('textDocument/documentLink'));
  connection.onDocumentSymbol(forward('textDocument/documentSymbol'));
  connection.onCodeAction(forward('textDocument/codeAction'));
  connection.onCodeLens(forward('textDocument/codeLens'));
  connection.languages.inlayHint.on(forward('textDocument/inlayHint'));
  connection.languages.semanticTokens.on(forward('textDocument/semanticTokens/full'));
  if (process.env.BERTH_LS_TEST_HOOKS === '1') {
    // Only for the wire tests: a request that never finishes on its own, to prove the
    // time limit cancels it and the server keeps serving.
    connection.onRequest('berth/test/spin', (params: { textDocument?: { uri: string } }, token) => requests.request('berth/test/spin', params.textDocument?.uri, params, token).then((result) => result ?? null));
  }

  connection.onShutdown(() => both.dispose());
  documents.listen(connection);
  connection.listen();
  return connection;
}
