/**
 * The ShellCheck family: SC findings inside RUN bodies, as hadolint reports them, at
 * the line and column ShellCheck points to, with the same pragmas, `.hadolint.yaml`
 * and `berth.lint.severity` handling as every other rule (engine.ts), and ShellCheck's
 * own fixes as quick fixes. Asynchronous, unlike the other rules: it waits for a process.
 */
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { effectiveSeverity, toLspSeverity, type DiagnosticData, type EngineOptions } from '../engine';
import { isIgnoredAt } from '../suppressions';
import type { QuickFix, Rule, RuleContext, RuleSeverity } from '../types';
import { docOf } from '../hadolint/context';
import { shellcheckScripts, type ShellcheckScript } from './scripts';
import { runShellcheck, type RunOptions, type ShellcheckComment } from './runner';

export { clearShellcheckCache } from './runner';

export interface ShellcheckOutcome {
  diagnostics: Diagnostic[];
  /** Scripts whose process ran out of time: run again (with smaller batches) for them. */
  unfinished: number;
  /** Set when there is nothing to run ShellCheck with: how to get it. */
  missing?: string;
}

const levels: Record<ShellcheckComment['level'], RuleSeverity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

/** How to get ShellCheck, in the display language (the commands stay as typed). */
export function shellcheckInstallHint(): string {
  return l10n.t('install it (Debian/Ubuntu: `apt-get install shellcheck`, macOS: `brew install shellcheck`, Windows: `winget install koalaman.shellcheck`) or set `berth.shellcheck.path`');
}

/** The binary to run: the setting when given, else `shellcheck` on PATH; undefined when neither is there. */
export function findShellcheck(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (setting) return setting;
  const names = process.platform === 'win32' ? ['shellcheck.exe'] : ['shellcheck'];
  for (const folder of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(folder, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not in this folder
      }
    }
  }
  return undefined;
}

/** The message shown (once) when ShellCheck cannot run. */
export function missingMessage(setting: string | undefined, detail?: string): string {
  if (!setting) return l10n.t('ShellCheck was not found on PATH, so RUN instructions are checked without it: {0}.', shellcheckInstallHint());
  const where = detail ? `berth.shellcheck.path: ${detail}` : 'berth.shellcheck.path';
  return l10n.t('ShellCheck could not be run from `{0}` ({1}), so RUN instructions are checked without it: {2}.', setting, where, shellcheckInstallHint());
}

export async function shellcheckDiagnostics(context: RuleContext, options: EngineOptions & { setting?: string; run: RunOptions }): Promise<ShellcheckOutcome> {
  if (!options.lint.enabled) return { diagnostics: [], unfinished: 0 };
  const scripts = shellcheckScripts(context);
  if (scripts.length === 0) return { diagnostics: [], unfinished: 0 };
  const binary = findShellcheck(options.setting);
  if (!binary) return { diagnostics: [], unfinished: 0, missing: missingMessage(options.setting) };
  const result = await runShellcheck(binary, scripts, options.run);
  if (result.kind === 'missing') return { diagnostics: [], unfinished: 0, missing: missingMessage(options.setting, result.error) };
  const doc = docOf(context);
  const diagnostics: Diagnostic[] = [];
  let unfinished = 0;
  scripts.forEach((script, index) => {
    const comments = result.comments[index];
    if (!comments) {
      unfinished++;
      return;
    }
    const locate = locator(script, doc.positionAt);
    for (const comment of comments) {
      const diagnostic = toDiagnostic(comment, locate, options);
      if (diagnostic) diagnostics.push(diagnostic);
    }
  });
  return { diagnostics, unfinished };
}

type Locate = (line: number, column: number) => Position | undefined;

/** ShellCheck's (line, column) in the script it read → the Dockerfile position. */
function locator(script: ShellcheckScript, positionAt: (offset: number) => Position): Locate {
  let preludeLines = 0;
  for (let i = script.prelude.indexOf('\n'); i >= 0; i = script.prelude.indexOf('\n', i + 1)) preludeLines++;
  const lineStarts = [0];
  for (let i = 0; i < script.body.length; i++) if (script.body.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (line, column) => {
    const bodyLine = line - 1 - preludeLines;
    if (bodyLine < 0 || bodyLine >= lineStarts.length) return undefined;
    // Columns count code points; LSP counts UTF-16 units.
    let offset = lineStarts[bodyLine];
    for (let points = 1; points < column && offset < script.body.length && script.body[offset] !== '\n'; points++) {
      offset += (script.body.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
    }
    return positionAt(script.offset + offset);
  };
}

function toDiagnostic(comment: ShellcheckComment, locate: Locate, options: EngineOptions): Diagnostic | undefined {
  const code = `SC${comment.code}`;
  const rule: Rule = { code, source: 'shellcheck', title: code, defaultSeverity: levels[comment.level] ?? 'warning', check: () => [] };
  const severity = effectiveSeverity(rule, options);
  const start = locate(comment.line, comment.column);
  const end = locate(comment.endLine, comment.endColumn) ?? start;
  if (!severity || !start || !end) return undefined;
  if (isIgnoredAt(options.suppressions, code, start.line)) return undefined;
  const data: DiagnosticData = { berthRule: true, fixes: fixOf(comment, locate) };
  return {
    range: { start, end },
    severity: toLspSeverity(severity),
    code,
    codeDescription: { href: `https://www.shellcheck.net/wiki/${code}` },
    source: 'shellcheck',
    message: comment.message,
    data,
  };
}

function fixOf(comment: ShellcheckComment, locate: Locate): QuickFix[] {
  const replacements = comment.fix?.replacements ?? [];
  const edits = replacements.map((r) => ({ start: locate(r.line, r.column), end: locate(r.endLine, r.endColumn), newText: r.replacement }));
  if (edits.length === 0 || edits.some((e) => !e.start || !e.end)) return [];
  return [{ title: l10n.t('Apply ShellCheck\'s fix (SC{0})', comment.code), edits: edits.map((e) => ({ range: { start: e.start!, end: e.end! }, newText: e.newText })) }];
}
