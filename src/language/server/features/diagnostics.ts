/**
 * Diagnostics: dockerfile-utils' syntax checks (guarded and filtered) plus our rules.
 *
 * Guard: dockerfile-utils tests stage names with `^[a-z]([a-z0-9_\-.]*)*$`, which
 * backtracks exponentially on a long name that fails near its end. We test each name
 * with the equivalent linear pattern first and hand the library a copy of the text in
 * which invalid names are blanked out, reporting them ourselves.
 */
import * as l10n from '@vscode/l10n';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { ValidationCode, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import type { FeatureDoc, FeatureHost } from './types';
import { allRules, lintDocument, type LintInput } from '../rules';
import { stagesOf } from './stages';
import { lineStartsOf } from '../rules/buildkit/util';

const validStageName = /^[a-z][a-z0-9_\-.]*$/;

/** Library checks our rules replace (BuildKit names) or get wrong today. */
const dropped = new Set<number>([
  ValidationCode.CASING_INSTRUCTION, ValidationCode.DUPLICATE_BUILD_STAGE_NAME, ValidationCode.INVALID_BUILD_STAGE_NAME,
  ValidationCode.EMPTY_CONTINUATION_LINE, ValidationCode.DEPRECATED_MAINTAINER, ValidationCode.WORKDIR_IS_NOT_ABSOLUTE,
  ValidationCode.MULTIPLE_INSTRUCTIONS, ValidationCode.UNKNOWN_ADD_FLAG, ValidationCode.UNKNOWN_COPY_FLAG,
  ValidationCode.UNKNOWN_FROM_FLAG, ValidationCode.UNKNOWN_HEALTHCHECK_FLAG, ValidationCode.BASE_NAME_EMPTY,
]);

const librarySettings: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.IGNORE,
  directiveCasing: ValidationSeverity.WARNING,
  emptyContinuationLine: ValidationSeverity.IGNORE,
  instructionCasing: ValidationSeverity.IGNORE,
  instructionCmdMultiple: ValidationSeverity.IGNORE,
  instructionEntrypointMultiple: ValidationSeverity.IGNORE,
  instructionHealthcheckMultiple: ValidationSeverity.IGNORE,
  instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
  instructionWorkdirRelative: ValidationSeverity.IGNORE,
};

/** The text the library may safely see, and our own reports for what we blanked out. */
export function screenStageNames(doc: FeatureDoc): { text: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let text = doc.text;
  const starts = lineStartsOf(text);
  for (const stage of stagesOf(doc.dockerfile)) {
    const range = stage.nameRange;
    if (!stage.name || !range || validStageName.test(stage.name.toLowerCase())) continue;
    diagnostics.push({ range, severity: DiagnosticSeverity.Error, source: 'berth', code: 'InvalidStageName', message: l10n.t('Invalid stage name \'{0}\': use a letter, then letters, digits, \'_\', \'-\' or \'.\'', stage.name) });
  }
  // The library tests the third argument of every FROM against the regex, `AS` or not
  // (`FROM a b c$`), so every such argument that would fail is blanked.
  for (const stage of stagesOf(doc.dockerfile)) {
    for (const argument of stage.from.getArguments().slice(2)) {
      if (validStageName.test(argument.getValue().toLowerCase())) continue;
      const range = argument.getRange();
      const start = starts[range.start.line] + range.start.character;
      const end = starts[range.end.line] + range.end.character;
      text = text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, 'a') + text.slice(end);
    }
  }
  return { text, diagnostics };
}

/**
 * dockerfile-utils' validator slows down faster than the file grows (seconds at 10,000
 * lines); past this many lines only our own rules and the stage-name screen run.
 */
export const libraryLineLimit = 4000;

export function libraryDiagnostics(analyzer: FeatureHost, doc: FeatureDoc): Diagnostic[] {
  const screened = screenStageNames(doc);
  return [...screened.diagnostics, ...validateScreened(analyzer, doc, screened.text)];
}

/** dockerfile-utils' own checks on the screened text (none past `libraryLineLimit`). */
export function validateScreened(analyzer: FeatureHost, doc: FeatureDoc, screened: string): Diagnostic[] {
  if (doc.document.lineCount > libraryLineLimit) return [];
  return analyzer.service.validate(screened, librarySettings).filter((diagnostic) => !dropped.has(Number(diagnostic.code)));
}

/** What `lintDocument` needs from the analyzer's settings for one document. */
export function lintInputOf(analyzer: FeatureHost, doc: FeatureDoc): LintInput {
  const config = analyzer.config;
  return {
    text: doc.text,
    dockerfile: doc.dockerfile,
    file: doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : undefined,
    workspaceFolders: config.workspaceFolders,
    images: config.localImages,
    enginePlatform: config.enginePlatform,
    lint: config.lint,
    docsBase: config.rulesDocsBase,
    log: (message) => analyzer.log(message),
  };
}

/** Every check at once (tests, tools); the server publishes the same checks in parts (lintParts.ts). */
export function diagnostics(analyzer: FeatureHost, doc: FeatureDoc): Diagnostic[] {
  return [...libraryDiagnostics(analyzer, doc), ...lintDocument(lintInputOf(analyzer, doc), allRules)];
}
