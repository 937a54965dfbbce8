/** Shared helpers for the language unit tests: lint a text, apply edits, run features in-process. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { parseDockerfile } from '../../../src/language/server/parse';
import { lintDocument, type LintInput } from '../../../src/language/server/rules';
import { defaultLintSettings, type LocalImage } from '../../../src/language/protocol';
import { emptyHadolintConfig, type HadolintConfig } from '../../../src/language/server/rules/hadolintConfig';
import type { DiagnosticData } from '../../../src/language/server/rules/engine';
import type { Rule } from '../../../src/language/server/rules/types';

export interface LintOptions {
  rules?: readonly Rule[];
  hadolint?: HadolintConfig;
  dockerignore?: string[];
  images?: LocalImage[];
  enginePlatform?: string;
  severity?: LintInput['lint']['severity'];
  enabled?: boolean;
}

export function lint(text: string, options: LintOptions = {}): Diagnostic[] {
  const input: LintInput = {
    text,
    dockerfile: parseDockerfile(text),
    file: undefined,
    workspaceFolders: [],
    images: options.images ?? [],
    enginePlatform: options.enginePlatform,
    lint: { ...defaultLintSettings, enabled: options.enabled ?? true, severity: options.severity ?? {} },
    docsBase: 'docs/rules/',
    hadolint: options.hadolint ?? emptyHadolintConfig,
    dockerignore: options.dockerignore ?? [],
  };
  return options.rules ? lintDocument(input, options.rules) : lintDocument(input);
}

export function codesOf(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code));
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 1, text), edits);
}

export function fixesOf(diagnostic: Diagnostic) {
  return (diagnostic.data as DiagnosticData | undefined)?.fixes ?? [];
}

/** CPU time (ms) spent running `work`: steadier than wall time on a shared machine. */
export function cpuMs(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
