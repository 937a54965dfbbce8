/**
 * The compose server's documents, settings and method table, without transport: the
 * worker (worker.ts) drives it, and unit tests can too. One parse per document version.
 */
import { noYamlOverlap } from '../../protocol';
import { completion } from './completion';
import { diagnostics } from './diagnostics';
import { format } from './format';
import { hover } from './hover';
import { documentLinks } from './links';
import { reparse } from './incremental';
import { parseCompose, type ComposeModel } from './model';
import { prepareRename, rename } from './rename';
import { documentSymbols } from './symbols';
import type { ComposeConfig, ComposeFeatureHost } from './types';
import { useL10nBundle } from '../l10n';

type ComposeFeature = (host: ComposeFeatureHost, model: ComposeModel, params: never) => unknown;

export const composeFeatures: Record<string, ComposeFeature> = {
  'berth/composeDiagnostics': diagnostics as ComposeFeature,
  'textDocument/completion': completion as ComposeFeature,
  'textDocument/hover': hover as ComposeFeature,
  'textDocument/formatting': format as ComposeFeature,
  'textDocument/documentSymbol': documentSymbols as ComposeFeature,
  'textDocument/documentLink': documentLinks as ComposeFeature,
  'textDocument/prepareRename': prepareRename as ComposeFeature,
  'textDocument/rename': rename as ComposeFeature,
};

export const defaultComposeConfig: ComposeConfig = { localImages: [], yamlOverlap: noYamlOverlap };

export class ComposeAnalyzer implements ComposeFeatureHost {
  config: ComposeConfig = defaultComposeConfig;
  log: (message: string) => void = () => undefined;
  /** `previous`: the last parse of an earlier version, which the next parse may start from (incremental.ts). */
  private readonly docs = new Map<string, { version: number; text: string; model?: ComposeModel; previous?: ComposeModel }>();

  configure(config: ComposeConfig): void {
    this.config = config;
    useL10nBundle(config.l10nBundle, (message) => this.log(message));
  }

  sync(uri: string, version: number, text: string): void {
    const before = this.docs.get(uri);
    this.docs.set(uri, { version, text, previous: before?.model ?? before?.previous });
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  model(uri: string): ComposeModel | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    if (!entry.model) {
      // The previous tree becomes this one's: it is changed in place, so it is dropped here.
      const previous = entry.previous;
      entry.previous = undefined;
      entry.model = (previous && reparse(previous, entry.version, entry.text)) || parseCompose(uri, entry.version, entry.text);
    }
    return entry.model;
  }

  async handle(method: string, uri: string | undefined, params: unknown): Promise<unknown> {
    const feature = composeFeatures[method];
    if (!feature || uri === undefined) return undefined;
    const model = this.model(uri);
    if (!model) return undefined;
    return feature(this, model, params as never);
  }
}
