/**
 * Every diagnostic of a compose file, in one pass over one parse: YAML syntax, the
 * specification's schema, then Berth's checks (checks.ts). What Red Hat's YAML extension
 * already reports (syntax, schema) is left to it when it is installed.
 */
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { runChecks, type ExternalNames } from './checks';
import { baseFilesOf, readText } from './files';
import { parseCompose, rangeOf, topLevelKinds, type ComposeModel } from './model';
import { validateSchema } from './validate';
import type { ComposeFeatureHost } from './types';

export const diagnosticSource = 'compose';

export function diagnostics(host: ComposeFeatureHost, model: ComposeModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const overlap = host.config.yamlOverlap;
  const syntax = [...model.doc.errors, ...model.doc.warnings];
  if (!overlap.syntaxDiagnostics) {
    for (const problem of syntax) {
      const [start, end] = problem.pos;
      out.push({
        range: rangeOf(model, [start, Math.max(end, start + 1)]),
        severity: problem.name === 'YAMLWarning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
        source: diagnosticSource,
        code: 'yaml-syntax',
        message: firstLine(problem.message),
      });
    }
  }
  // A tree with syntax errors makes the schema's findings noise: fix the YAML first.
  if (!overlap.schemaDiagnostics && model.doc.errors.length === 0) {
    for (const problem of validateSchema(model)) out.push({ range: rangeOf(model, problem.range), severity: DiagnosticSeverity.Error, source: diagnosticSource, code: 'schema', message: problem.message });
  }
  for (const finding of runChecks(model, externalNames(model.uri))) {
    out.push({ range: rangeOf(model, finding.range), severity: DiagnosticSeverity.Error, source: diagnosticSource, code: finding.code, message: finding.message });
  }
  return out;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

const baseCache = new Map<string, ComposeModel>();

/** What the base files of an override declare (an override may name their services). */
function externalNames(uri: string): ExternalNames {
  const names: ExternalNames = {};
  for (const file of baseFilesOf(uri)) {
    const text = readText(file);
    if (text === undefined) continue;
    let model = baseCache.get(file);
    if (!model || model.text !== text) {
      model = parseCompose(pathToFileURL(file).href, 0, text);
      baseCache.set(file, model);
    }
    for (const kind of topLevelKinds) for (const entry of model.declared[kind]) (names[kind] ??= new Set()).add(entry.name);
  }
  return names;
}
