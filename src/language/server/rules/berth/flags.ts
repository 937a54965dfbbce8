/**
 * Berth's own check for instruction flags, replacing dockerfile-utils' unknown-flag
 * errors: those predate flags BuildKit has today (`ADD --unpack`, `COPY --parents`, ...),
 * so they are false positives we filter out, and this rule knows the current set.
 */
import * as l10n from '@vscode/l10n';
import type { Finding, Rule } from '../types';
import { didYouMean, flagsOf } from '../buildkit/util';

/** Flags each instruction accepts in the current Dockerfile frontend. */
export const instructionFlags: Record<string, readonly string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'unpack'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

export const unknownFlag: Rule = {
  code: 'UnknownFlag', source: 'berth', title: 'Unknown instruction flag', defaultSeverity: 'error',
  check(context) {
    const findings: Finding[] = [];
    for (const instruction of context.dockerfile.getInstructions()) {
      const known = instructionFlags[instruction.getKeyword()];
      if (!known) continue;
      for (const flag of flagsOf(instruction)) {
        const name = flag.getName();
        if (known.includes(name)) continue;
        const suggestion = didYouMean(name, known);
        const range = flag.getNameRange();
        findings.push({
          range,
          message: suggestion
            ? l10n.t('Unknown flag --{0} for {1} (did you mean --{2}?)', name, instruction.getKeyword(), suggestion)
            : l10n.t('Unknown flag --{0} for {1}', name, instruction.getKeyword()),
          fixes: suggestion ? [{ title: l10n.t('Change to --{0}', suggestion), edits: [{ range, newText: suggestion }] }] : [],
        });
      }
    }
    return findings;
  },
};

