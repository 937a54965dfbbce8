/**
 * Runs rules over a RuleContext and turns findings into LSP diagnostics: suppressions
 * (BuildKit directives, hadolint pragmas, .hadolint.yaml), severities (rule default <
 * .hadolint.yaml override < `# check=error=true` < the client's berth.lint.severity),
 * the docs link, and the quick fixes carried in `data` for the code actions.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { LintSettings } from '../../protocol';
import { ruleDocsHref } from '../../protocol';
import type { QuickFix, Rule, RuleContext, RuleSeverity } from './types';
import { isExperimentalEnabled, isIgnoredAt, isSkippedByCheckDirective, type Suppressions } from './suppressions';
import type { HadolintConfig } from './hadolintConfig';

export interface EngineOptions {
  lint: LintSettings;
  docsBase: string;
  hadolint: HadolintConfig;
  suppressions: Suppressions;
  /** Where a rule that throws is reported; it never stops the other rules. */
  log?: (message: string) => void;
}

/** What a rule diagnostic carries for code actions. */
export interface DiagnosticData {
  berthRule: true;
  fixes: QuickFix[];
}

const rank: Record<RuleSeverity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export function toLspSeverity(severity: RuleSeverity): DiagnosticSeverity {
  switch (severity) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'info': return DiagnosticSeverity.Information;
    case 'hint': return DiagnosticSeverity.Hint;
  }
}

/** The severity a rule runs at, or undefined when it is switched off. */
export function effectiveSeverity(rule: Rule, options: EngineOptions): RuleSeverity | undefined {
  const { lint, hadolint, suppressions } = options;
  const client = lint.severity[rule.code];
  if (client === 'off') return undefined;
  if (hadolint.ignored.has(rule.code) || suppressions.globalIgnore.has(rule.code)) return undefined;
  if (rule.source === 'buildkit' && isSkippedByCheckDirective(suppressions, rule.code)) return undefined;
  if (client) return client;
  if (rule.experimental && !isExperimentalEnabled(suppressions, rule.code)) return undefined;
  const configured = hadolint.override.get(rule.code) ?? rule.defaultSeverity;
  if (configured === 'off') return undefined;
  let severity: RuleSeverity = configured;
  if (rule.source === 'buildkit' && suppressions.checkError) severity = 'error';
  // hadolint's failure-threshold says which findings fail a CI run; in the editor the
  // ones below it stay visible but quiet, as hints.
  const threshold = hadolint.failureThreshold;
  if (threshold === 'none') severity = 'hint';
  else if (threshold && rank[severity] < rank[threshold]) severity = 'hint';
  return severity;
}

export function runRules(context: RuleContext, rules: readonly Rule[], options: EngineOptions): Diagnostic[] {
  if (!options.lint.enabled) return [];
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = effectiveSeverity(rule, options);
    if (!severity) continue;
    let findings;
    try {
      const started = performance.now();
      findings = rule.check(context);
      const took = performance.now() - started;
      // A slow rule is worth knowing about before it costs someone a time limit.
      if (took > 200) options.log?.(`rule ${rule.code} took ${Math.round(took)} ms`);
    } catch (error) {
      options.log?.(`rule ${rule.code} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      continue;
    }
    for (const finding of findings) {
      if (isIgnoredAt(options.suppressions, rule.code, finding.range.start.line, rule.source === 'buildkit')) continue;
      const data: DiagnosticData = { berthRule: true, fixes: finding.fixes ?? [] };
      diagnostics.push({
        range: finding.range,
        severity: toLspSeverity(severity),
        code: rule.code,
        codeDescription: { href: ruleDocsHref(rule.code, options.docsBase) },
        source: rule.source,
        message: finding.message,
        data,
      });
    }
  }
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
