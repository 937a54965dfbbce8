/**
 * Quick fixes: each rule's own fixes (carried in the diagnostic's data), the library's
 * fixes for its syntax diagnostics (turned from commands into plain edits, so clients
 * need no command handlers), and for every rule diagnostic a way to ignore it.
 */
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { CodeActionParams } from 'vscode-languageserver/node';
import type { FeatureDoc, FeatureHost } from './types';
import type { DiagnosticData } from '../rules/engine';
import { readSuppressions } from '../rules/suppressions';
import { lineStartsOf, lineText } from '../rules/buildkit/util';

function action(doc: FeatureDoc, title: string, diagnostic: Diagnostic, edits: TextEdit[], isPreferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [doc.uri]: edits } } };
}

/** `# hadolint ignore=CODE` above the instruction, or CODE added to the pragma already there. */
export function ignoreForLineEdit(doc: FeatureDoc, code: string, line: number): TextEdit {
  const starts = lineStartsOf(doc.text);
  const instruction = doc.dockerfile.getInstructions().find((candidate) => candidate.getRange().start.line <= line && candidate.getRange().end.line >= line);
  const target = instruction ? instruction.getRange().start.line : line;
  const above = target > 0 ? lineText(doc.text, starts, target - 1) : '';
  const pragma = /^(\s*#\s*hadolint\s+ignore\s*=\s*)(\S.*?)\s*$/.exec(above);
  if (pragma) return { range: { start: { line: target - 1, character: 0 }, end: { line: target - 1, character: above.length } }, newText: `${pragma[1]}${pragma[2]},${code}` };
  const indent = /^\s*/.exec(lineText(doc.text, starts, target))?.[0] ?? '';
  return { range: { start: { line: target, character: 0 }, end: { line: target, character: 0 } }, newText: `${indent}# hadolint ignore=${code}\n` };
}

/** CODE added to `# check=skip=` (BuildKit's file-wide switch), creating the directive if needed. */
export function skipCheckEdit(doc: FeatureDoc, code: string): TextEdit {
  const suppressions = readSuppressions(doc.dockerfile, doc.text, false);
  const directive = suppressions.checkDirective;
  if (directive) {
    const value = /(^|;)\s*skip\s*=/.test(directive.value)
      ? directive.value.replace(/((?:^|;)\s*skip\s*=\s*)([^;]*)/, (_all, head: string, list: string) => `${head}${list.trim() ? `${list.trim()},` : ''}${code}`)
      : `${directive.value};skip=${code}`;
    return { range: directive.range, newText: `# check=${value}` };
  }
  const line = suppressions.lastDirectiveLine + 1;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `# check=skip=${code}\n` };
}

export function codeActions(analyzer: FeatureHost, doc: FeatureDoc, params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  const only = params.context.only;
  if (only && !only.some((kind: string) => kind === CodeActionKind.QuickFix || kind.startsWith(`${CodeActionKind.QuickFix}.`) || kind === 'quickfix')) return actions;
  for (const diagnostic of params.context.diagnostics) {
    const code = diagnostic.code === undefined ? undefined : String(diagnostic.code);
    const data = diagnostic.data as DiagnosticData | undefined;
    if (data?.berthRule) {
      data.fixes.forEach((fix, index) => actions.push(action(doc, fix.title, diagnostic, fix.edits, index === 0)));
    }
    if (code && (diagnostic.source === 'hadolint' || diagnostic.source === 'berth' || diagnostic.source === 'shellcheck') && data?.berthRule) {
      actions.push(action(doc, l10n.t('Ignore {0} for this line', code), diagnostic, [ignoreForLineEdit(doc, code, diagnostic.range.start.line)]));
    } else if (code && diagnostic.source === 'buildkit') {
      actions.push(action(doc, l10n.t('Ignore {0} in this file (# check=skip)', code), diagnostic, [skipCheckEdit(doc, code)]));
    } else if (diagnostic.source === 'dockerfile-utils') {
      for (const command of analyzer.service.computeCodeActions({ uri: doc.uri }, params.range, { diagnostics: [diagnostic as never] })) {
        const edits = analyzer.service.computeCommandEdits(doc.text, command.command, command.arguments ?? []);
        if (edits.length > 0) actions.push(action(doc, command.title, diagnostic, edits));
      }
    }
  }
  return actions;
}
