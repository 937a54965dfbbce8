/** Lints Dockerfile text with one hadolint rule and applies quick fixes, for the rule tests. */
import { DockerfileParser } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import assert from 'node:assert/strict';
import { before } from 'node:test';
import { initShellParser } from '../../../../src/language/server/shell/parser';
import { hadolintRules } from '../../../../src/language/server/rules/hadolint';
import type { Finding, RuleContext } from '../../../../src/language/server/rules/types';

// The language server loads the shell parser once at start-up; every test file does the same.
before(() => initShellParser());

export function contextFor(text: string, extra: Partial<RuleContext> = {}): RuleContext {
  return { text, dockerfile: DockerfileParser.parse(text), localImages: [], dockerignore: [], trustedRegistries: [], labelSchema: {}, ...extra };
}

export function lint(code: string, text: string, extra: Partial<RuleContext> = {}): Finding[] {
  const rule = hadolintRules.find((r) => r.code === code);
  assert.ok(rule, `rule ${code} is registered`);
  return rule.check(contextFor(text, extra));
}

/** The text a finding's first quick fix produces. */
export function applyFix(text: string, finding: Finding, index = 0): string {
  const quickFix = finding.fixes?.[index];
  assert.ok(quickFix, `finding "${finding.message}" offers a fix`);
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), quickFix.edits);
}

/** Asserts the rule fires on `bad` (n times when given), stays silent on `good`. */
export function expectRule(code: string, bad: string, good: string, extra: Partial<RuleContext> = {}, count?: number): Finding[] {
  const found = lint(code, bad, extra);
  if (count === undefined) assert.ok(found.length > 0, `${code} should trigger on:\n${bad}`);
  else assert.equal(found.length, count, `${code} findings on:\n${bad}`);
  assert.deepEqual(lint(code, good, extra).map((f) => f.message), [], `${code} should not trigger on:\n${good}`);
  return found;
}

/** Applies every finding's first fix, one at a time, re-linting in between, and asserts the rule is then clean. */
export function expectFixedClean(code: string, text: string, extra: Partial<RuleContext> = {}): string {
  let current = text;
  for (let round = 0; round < 20; round++) {
    const found = lint(code, current, extra);
    if (found.length === 0) return current;
    current = applyFix(current, found[0]);
  }
  assert.fail(`${code} still triggers after fixing:\n${current}`);
}

/** The source text a finding's range covers. */
export function covered(text: string, finding: Finding): string {
  const doc = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text);
  return text.slice(doc.offsetAt(finding.range.start), doc.offsetAt(finding.range.end));
}
