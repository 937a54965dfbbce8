/**
 * Every rule the server runs, and one entry point that lints a document: it builds the
 * RuleContext (reading .hadolint.yaml and .dockerignore next to the Dockerfile) and hands
 * it to the engine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dockerfile } from 'dockerfile-ast';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LintSettings, LocalImage } from '../../protocol';
import type { Rule, RuleContext } from './types';
import { buildkitRules } from './buildkit';
import { hadolintRules } from './hadolint';
import { berthRules } from './berth';
import { runRules } from './engine';
import { readSuppressions } from './suppressions';
import { findHadolintConfig, type HadolintConfig } from './hadolintConfig';

export const allRules: readonly Rule[] = [...buildkitRules, ...berthRules, ...hadolintRules];

const ruleCodes = new Set(allRules.map((rule) => rule.code));
const isRuleCode = (code: string) => ruleCodes.has(code);

export interface LintInput {
  text: string;
  dockerfile: Dockerfile;
  /** The Dockerfile's path on disk, when it has one (file: URIs). */
  file: string | undefined;
  workspaceFolders: readonly string[];
  images: readonly LocalImage[];
  enginePlatform: string | undefined;
  lint: LintSettings;
  docsBase: string;
  log?: (message: string) => void;
  /** Tests pass these instead of files on disk. */
  hadolint?: HadolintConfig;
  dockerignore?: readonly string[];
}

const ignoreCache = new Map<string, { mtimeMs: number; lines: string[] }>();

/** `<Dockerfile>.dockerignore` beside the file wins over `.dockerignore` (BuildKit's order). */
export function readDockerignore(file: string | undefined): string[] {
  if (!file) return [];
  for (const candidate of [`${file}.dockerignore`, path.join(path.dirname(file), '.dockerignore')]) {
    try {
      const stat = fs.statSync(candidate);
      const cached = ignoreCache.get(candidate);
      if (cached && cached.mtimeMs === stat.mtimeMs) return cached.lines;
      const lines = fs.readFileSync(candidate, 'utf8').split(/\r?\n/);
      ignoreCache.set(candidate, { mtimeMs: stat.mtimeMs, lines });
      return lines;
    } catch {
      // not there: try the next one
    }
  }
  return [];
}

export function ruleContext(input: LintInput, hadolint: HadolintConfig): RuleContext {
  return {
    text: input.text,
    dockerfile: input.dockerfile,
    localImages: input.images.map((image) => image.ref),
    images: input.images,
    enginePlatform: input.enginePlatform,
    dockerignore: input.dockerignore ?? readDockerignore(input.file),
    trustedRegistries: hadolint.trustedRegistries,
    labelSchema: hadolint.labelSchema,
    strictLabels: hadolint.strictLabels,
  };
}

export function lintDocument(input: LintInput, rules: readonly Rule[] = allRules): Diagnostic[] {
  const hadolint = input.hadolint ?? findHadolintConfig(input.file, input.workspaceFolders);
  const suppressions = readSuppressions(input.dockerfile, input.text, !hadolint.disableIgnorePragma, isRuleCode);
  return runRules(ruleContext(input, hadolint), rules, { lint: input.lint, docsBase: input.docsBase, hadolint, suppressions, log: input.log });
}
