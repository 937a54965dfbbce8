/**
 * The lint in parts, so the server can publish the quick checks first and the rest as
 * it finishes (server.ts drives it):
 *
 *   fast        the stage-name screen, BuildKit's and Berth's rules
 *   rest        hadolint's rules (they model every RUN's shell)
 *   library     dockerfile-utils' checks (its own pass over every instruction, and
 *               findings the rules above mostly make too: last of our own)
 *   shellcheck  ShellCheck over the RUN bodies, a separate process (lintShellcheck)
 *
 * A part is a list of units (a rule code, `stageNames`, `library`) run in order. When
 * the time budget runs out between two units, the answer says which units are still
 * pending, and the server asks for those next: on a starved CPU nothing is dropped,
 * it only arrives later.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureDoc, FeatureHost } from './types';
import { allRules, lintSetup } from '../rules';
import { runRules } from '../rules/engine';
import { shellcheckDiagnostics, type ShellcheckOutcome } from '../rules/shellcheck';
import type { RunOptions } from '../rules/shellcheck/runner';
import { lintInputOf, screenStageNames, validateScreened } from './diagnostics';
import { shellParserLoading, shellParserSettled } from '../shell/parser';

export type LintPartName = 'fast' | 'rest' | 'library' | 'own';

const fast = ['stageNames', ...allRules.filter((rule) => rule.source !== 'hadolint').map((rule) => rule.code)];
const rest = allRules.filter((rule) => rule.source === 'hadolint').map((rule) => rule.code);

/** `own`: all of our own rules in the order they run, the quick checks first and the library's last. */
export const lintPartUnits: Record<LintPartName, readonly string[]> = { fast, rest, library: ['library'], own: [...fast, ...rest, 'library'] };

/**
 * The units of a part, for the server's main thread: it never loads the rules itself
 * (that was a tenth of its start-up, on the two cores the first lint needs), and asks
 * for them only when a whole part was cut by the time limit and has to be split.
 */
export function lintUnits(_analyzer: FeatureHost, _doc: FeatureDoc | undefined, params: { part?: LintPartName }): readonly string[] {
  return lintPartUnits[params.part ?? 'fast'];
}

export interface LintPartParams {
  /** A whole part, or the `pending` units of an earlier answer. */
  part?: LintPartName;
  units?: string[];
  /** Stop between units once this much time has passed (at least one unit always runs). */
  budgetMs?: number;
  /**
   * Stop between units as soon as something was found: while the editor shows nothing
   * for this file yet, the first findings go out before the rules that follow run.
   */
  untilFindings?: boolean;
  /** False: run hadolint's rules even while the shell parser loads (they say nothing about RUN bodies then; the answer says so). */
  waitForShell?: boolean;
}

export interface LintPartAnswer {
  diagnostics: Diagnostic[];
  /** Units the budget (or `untilFindings`) left for the next request. */
  pending: string[];
  /** The shell parser is still loading (only outside the server's worker, which waits for it): hadolint's shell rules said nothing yet. */
  shellLoading?: boolean;
}

const rulesByCode = new Map(allRules.map((rule) => [rule.code, rule]));

export async function lintPart(analyzer: FeatureHost, doc: FeatureDoc, params: LintPartParams): Promise<LintPartAnswer> {
  const units = params.units ?? lintPartUnits[params.part ?? 'fast'];
  const started = performance.now();
  const budget = params.budgetMs ?? Infinity;
  const setup = lintSetup(lintInputOf(analyzer, doc));
  let screened: ReturnType<typeof screenStageNames> | undefined;
  const screen = () => (screened ??= screenStageNames(doc));
  const diagnostics: Diagnostic[] = [];
  // Set when one of hadolint's rules ran without the shell parser.
  let shellLoading = false;
  for (let index = 0; index < units.length; index++) {
    if (index > 0 && ((params.untilFindings && diagnostics.length > 0) || performance.now() - started > budget)) return { diagnostics, pending: units.slice(index), shellLoading };
    // While the shell parser loads, its steps run on this thread between ours: give
    // them a turn between units, or it is ready only after the quick checks are done.
    if (index > 0 && shellParserLoading()) await new Promise((resolve) => setImmediate(resolve));
    const unit = units[index];
    if (unit === 'stageNames') diagnostics.push(...screen().diagnostics);
    else if (unit === 'library') diagnostics.push(...validateScreened(analyzer, doc, screen().text));
    else {
      const rule = rulesByCode.get(unit);
      if (!rule) continue;
      // hadolint's rules read RUN bodies through the shell parser: wait for it to load
      // (it compiles while the quick checks run) rather than lint blind.
      if (rule.source === 'hadolint' && shellParserLoading() && params.waitForShell !== false) await shellParserSettled();
      shellLoading ||= rule.source === 'hadolint' && shellParserLoading();
      diagnostics.push(...runRules(setup.context, [rule], setup.options));
    }
  }
  return { diagnostics, pending: [], shellLoading };
}

export function lintShellcheck(analyzer: FeatureHost, doc: FeatureDoc, params: RunOptions): Promise<ShellcheckOutcome> {
  const setup = lintSetup(lintInputOf(analyzer, doc));
  return shellcheckDiagnostics(setup.context, { ...setup.options, setting: analyzer.config.lint.shellcheckPath, run: params });
}
