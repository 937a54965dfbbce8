/**
 * Runs a peer case through Berth's lint, the same lintDocument the language server
 * calls, and scores it: how many of the peer's findings Berth reports, and whether
 * Berth is silent where the peer is.
 */
import { DockerfileParser } from 'dockerfile-ast';
import type { Diagnostic } from 'vscode-languageserver-types';
import { allRules } from '../../../../src/language/server/rules';
import { emptyHadolintConfig } from '../../../../src/language/server/rules/hadolintConfig';
import { lint } from '../helpers';
import type { BuildkitPeerCase, HadolintPeerCase } from './types';

export interface Outcome {
  /** Findings the peer reports for this case. */
  expected: number;
  /** Of those, how many Berth reports too. */
  matched: number;
  /** The peer reports nothing here (for the case's rule, or for any BuildKit check). */
  peerSilent: boolean;
  /** Berth reports nothing where the peer is silent; undefined when the peer is not. */
  berthSilent: boolean | undefined;
  /** Berth's findings, for messages. */
  found: string[];
  pass: boolean;
}

export const hadolintCaseId = (c: HadolintPeerCase) => `${c.spec}:${c.line}`;
export const buildkitCaseId = (c: BuildkitPeerCase) => `${c.test}:${c.line}`;

/** hadolint's onBuild helpers wrap each RUN in ONBUILD; so do we, on the instruction's first line. */
export function wrapRunsInOnbuild(text: string): string {
  const lines = text.split('\n');
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const { line, character } = instruction.getRange().start;
    lines[line] = `${lines[line].slice(0, character)}ONBUILD ${lines[line].slice(character)}`;
  }
  return lines.join('\n');
}

const offByDefault = new Set(allRules.filter((rule) => rule.defaultSeverity === 'off').map((rule) => rule.code));

/** The hadolint config and lint severities a case runs with, and the text Berth sees. */
export function hadolintCaseInput(c: HadolintPeerCase) {
  const text = `${c.onbuild ? wrapRunsInOnbuild(c.dockerfile) : c.dockerfile}\n`; // the helpers append a newline
  const hadolint = { ...emptyHadolintConfig, trustedRegistries: c.config?.trustedRegistries ?? [], labelSchema: c.config?.labelSchema ?? {}, strictLabels: c.config?.strictLabels ?? false };
  // hadolint's spec helpers run every rule, its "ignore"-severity ones (off by default) included.
  const severity: Record<string, 'info'> = offByDefault.has(c.rule) ? { [c.rule]: 'info' } : {};
  return { text, hadolint, severity };
}

/** Scores Berth's diagnostics (from any path: in-process or over LSP) against the case. */
export function scoreHadolint(c: HadolintPeerCase, diagnostics: readonly Pick<Diagnostic, 'code' | 'range'>[]): Outcome {
  const mine = diagnostics.filter((d) => d.code === c.rule);
  const count = mine.length;
  const found = mine.map((d) => `${c.rule}@${d.range.start.line + 1}`);
  if (c.expect === 'none' || c.expect === 0) {
    return { expected: 0, matched: 0, peerSilent: true, berthSilent: count === 0, found, pass: count === 0 };
  }
  if (c.expect === 'some' && !c.onbuild) return { expected: 1, matched: count > 0 ? 1 : 0, peerSilent: false, berthSilent: undefined, found, pass: count > 0 };
  const want = c.onbuild ? 1 : (c.expect as number);
  return { expected: want, matched: Math.min(count, want), peerSilent: false, berthSilent: undefined, found, pass: count === want };
}

export function runHadolintCase(c: HadolintPeerCase): Outcome {
  const { text, hadolint, severity } = hadolintCaseInput(c);
  return scoreHadolint(c, lint(text, { hadolint, severity }));
}

const buildkitCodes = new Set(allRules.filter((rule) => rule.source === 'buildkit').map((rule) => rule.code));

export function scoreBuildkit(c: BuildkitPeerCase, diagnostics: readonly Pick<Diagnostic, 'code' | 'range'>[]): Outcome {
  const found = diagnostics.filter((d) => buildkitCodes.has(String(d.code))).map((d) => `${String(d.code)}@${d.range.start.line + 1}`);
  const want = c.warnings.map((w) => `${w.rule}@${w.line}`);
  const matched = want.filter((w) => found.includes(w)).length;
  const extra = found.filter((f) => !want.includes(f));
  const peerSilent = want.length === 0;
  return { expected: want.length, matched, peerSilent, berthSilent: peerSilent ? found.length === 0 : undefined, found, pass: matched === want.length && extra.length === 0 };
}

export function runBuildkitCase(c: BuildkitPeerCase): Outcome {
  return scoreBuildkit(c, lint(c.dockerfile, { dockerignore: c.dockerignore?.split('\n') ?? [] }));
}
