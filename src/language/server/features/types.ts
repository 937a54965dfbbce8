/**
 * What a feature sees: one open document with its shared parse, and the few parts of
 * the analyzer it may use (the library's service, the settings, the log). Narrow on
 * purpose, so features depend on this leaf and the analyzer depends on features, never
 * the other way round.
 */
import type { Dockerfile } from 'dockerfile-ast';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisConfig } from '../workerMessages';

export interface FeatureDoc {
  uri: string;
  version: number;
  text: string;
  document: TextDocument;
  /** The shared parse of this version. */
  dockerfile: Dockerfile;
}

export interface FeatureHost {
  readonly service: DockerfileLanguageService;
  readonly config: AnalysisConfig;
  /** Where features report trouble that is not an answer (a rule that threw, ...). */
  log(message: string): void;
}

export type Feature = (host: FeatureHost, doc: FeatureDoc, params: never) => unknown;
