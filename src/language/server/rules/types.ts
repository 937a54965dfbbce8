/**
 * The lint rule contract shared by every rule family (BuildKit checks, hadolint's DL
 * rules, Berth's own). A rule is data plus one pure check over a parsed Dockerfile;
 * the rule engine (./engine.ts) runs them, applies suppressions and severities, and
 * turns findings into LSP diagnostics with the code, a docs link and quick fixes.
 * No vscode import: this runs in the language server and in plain-Node unit tests.
 */
import type { Dockerfile } from 'dockerfile-ast';
import type { Range, TextEdit } from 'vscode-languageserver-types';

export type RuleSource = 'buildkit' | 'hadolint' | 'berth';
export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface QuickFix {
  /** The code action's title, e.g. "Use JSON (exec) form". */
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  range: Range;
  /** One line that says what is wrong (and how to fix it when short). */
  message: string;
  fixes?: QuickFix[];
}

/** An image the engine has, with its platforms (`os/arch[/variant]`) when known. */
export interface ImageInfo {
  ref: string;
  platforms?: readonly string[];
}

export interface RuleContext {
  /** The whole document text. */
  text: string;
  /** Parsed once per document version by dockerfile-ast and shared by every rule. */
  dockerfile: Dockerfile;
  /** Image references the engine has (from the client), for rules that need local images. */
  localImages: readonly string[];
  /** Files the build context ignores (.dockerignore patterns), for CopyIgnoredFile; empty when unknown. */
  dockerignore: readonly string[];
  /** Registries trusted by .hadolint.yaml (DL3026); empty means any. */
  trustedRegistries: readonly string[];
  /** Label schema from .hadolint.yaml (DL3049–DL3058). */
  labelSchema: Readonly<Record<string, string>>;
  /**
   * Added for InvalidBaseImagePlatform: the engine's images with their platforms.
   * Optional so contexts built before it existed still type-check; absent means unknown.
   */
  images?: readonly ImageInfo[];
  /** Added with `images`: the platform the engine builds for by default (`linux/amd64`). */
  enginePlatform?: string;
  /** Added for strict label checks (DL3049–DL3058): `.hadolint.yaml`'s `strict-labels`. */
  strictLabels?: boolean;
}

export interface Rule {
  /** BuildKit's check name (e.g. "StageNameCasing") or hadolint's code (e.g. "DL3008"). */
  code: string;
  source: RuleSource;
  /** Short title for docs and the rules table. */
  title: string;
  /**
   * 'off': the rule runs only when a setting or `.hadolint.yaml`'s `override:` gives it a
   * severity (hadolint's "ignore" rules, DL1001 and DL3057).
   */
  defaultSeverity: RuleSeverity | 'off';
  /** A BuildKit experimental check: off unless `# check=experimental=<name>` (or `all`) asks for it. */
  experimental?: boolean;
  check(context: RuleContext): Finding[];
}
