/**
 * Everything the server computes, without transport: open documents, settings, and a
 * table from LSP method to feature. The worker (worker.ts) drives it in the server;
 * unit tests drive it directly.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DockerfileLanguageServiceFactory, type DockerfileLanguageService } from 'dockerfile-language-service';
import { MarkupKind } from 'vscode-languageserver-types';
import { parseDockerfile } from './parse';
import { defaultLintSettings, rulesDocsFolder } from '../protocol';
import type { AnalysisConfig } from './workerMessages';
import { features } from './features';
import type { Feature, FeatureDoc, FeatureHost } from './features/types';
import { useL10nBundle } from './l10n';
import { localizeLibraryMessages } from './features/libraryText';

/** An open document with its parse: what every feature receives. */
export type Doc = FeatureDoc;

export const defaultConfig: AnalysisConfig = {
  localImages: [],
  enginePlatform: undefined,
  lint: defaultLintSettings,
  // Relative until the server sets the real folder's URI (unit tests keep this one).
  rulesDocsBase: `${rulesDocsFolder}/`,
  workspaceFolders: [],
  snippetSupport: true,
  markdown: true,
};

export class Analyzer implements FeatureHost {
  readonly service: DockerfileLanguageService = DockerfileLanguageServiceFactory.createLanguageService();
  config: AnalysisConfig = defaultConfig;
  /** Where features report trouble that is not an answer (a rule that threw, ...). */
  log: (message: string) => void = () => undefined;
  private readonly docs = new Map<string, { version: number; text: string; doc?: Doc }>();

  constructor(config: Partial<AnalysisConfig> = {}) {
    this.configure({ ...defaultConfig, ...config });
  }

  configure(config: AnalysisConfig): void {
    this.config = config;
    // Before any text is produced: the library's messages are swapped with the bundle.
    useL10nBundle(config.l10nBundle, (message) => this.log(message));
    localizeLibraryMessages();
    this.service.setCapabilities({
      completion: { completionItem: { snippetSupport: config.snippetSupport, deprecatedSupport: true, documentationFormat: config.markdown ? [MarkupKind.Markdown, MarkupKind.PlainText] : [MarkupKind.PlainText] } },
      hover: { contentFormat: config.markdown ? [MarkupKind.Markdown, MarkupKind.PlainText] : [MarkupKind.PlainText] },
      foldingRange: { lineFoldingOnly: false },
    });
  }

  sync(uri: string, version: number, text: string): void {
    this.docs.set(uri, { version, text });
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  /** The document with its parse, built lazily: a burst of edits costs one parse. */
  doc(uri: string): Doc | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    if (!entry.doc) {
      const document = TextDocument.create(uri, 'dockerfile', entry.version, entry.text);
      entry.doc = { uri, version: entry.version, text: entry.text, document, dockerfile: parseDockerfile(entry.text) };
    }
    return entry.doc;
  }

  /** Runs one feature; undefined when the method is unknown or the document is not open. */
  async handle(method: string, uri: string | undefined, params: unknown): Promise<unknown> {
    const feature = features[method] as Feature | undefined;
    if (!feature) return undefined;
    if (uri === undefined) return feature(this, undefined as unknown as Doc, params as never);
    const doc = this.doc(uri);
    if (!doc) return undefined;
    return feature(this, doc, params as never);
  }
}
