/**
 * What the Dockerfile language client and server say to each other beyond LSP,
 * in one module both import. Neither side's other code repeats these names.
 * Plain data only: the server bundles this file and must stay free of `vscode`.
 */
export const serverName = 'Berth Dockerfile Language Server';

/** An image the engine has, as the server needs it: its reference and its platforms. */
export interface LocalImage {
  /** `name:tag` (or `name@digest`) exactly as the engine lists it. */
  ref: string;
  /** `os/arch[/variant]` of the image; empty when unknown (InvalidBaseImagePlatform then stays quiet). */
  platforms?: string[];
}

export type LintSeverity = 'error' | 'warning' | 'info' | 'hint' | 'off';

/** Lint settings, read by the client from `berth.lint.*` and sent at start and on change. */
export interface LintSettings {
  /** `berth.lint.enabled`: false silences every rule (syntax errors stay). */
  enabled: boolean;
  /** `berth.lint.severity`: rule code (StageNameCasing, DL3008, ...) to a severity, or off. */
  severity: Record<string, LintSeverity>;
  /** `berth.shellcheck.path`: the ShellCheck binary for RUN bodies; empty means `shellcheck` on PATH. */
  shellcheckPath?: string;
}

export const defaultLintSettings: LintSettings = { enabled: true, severity: {} };

/** Settings the client passes as initializationOptions. */
export interface ServerInitOptions {
  /** Image references the engine has, for completion after FROM (the server stays engine-free). */
  localImages?: Array<string | LocalImage>;
  /** The platform the engine builds for by default (`linux/amd64`), for InvalidBaseImagePlatform. */
  enginePlatform?: string;
  lint?: Partial<LintSettings>;
  /** The URI of `rulesDocsFolder` ending in `/`; a diagnostic's link is `${rulesDocsBase}${code}.md`. */
  rulesDocsBase?: string;
  /** `vscode.l10n.uri` as a string: the display language's bundle; absent for English. */
  l10nBundle?: string;
}

/**
 * Rule pages ship inside the extension, in this folder (relative to its root), and
 * diagnostics link there: no remote site to keep in step with the rules. The client
 * passes the folder's URI as `rulesDocsBase`; a server started by another editor finds
 * the same folder next to its bundle (dist/server.js → ../docs/rules).
 */
export const rulesDocsFolder = 'docs/rules';

export function ruleDocsHref(code: string, base: string): string {
  return `${base}${code}.md`;
}

/** Client → server: the engine's image list changed (replaces the list sent before). */
export const localImagesNotification = 'berth/localImages';
export interface LocalImagesParams {
  images: Array<string | LocalImage>;
  enginePlatform?: string;
}

/** Client → server: lint settings changed (replaces the ones sent before). */
export const lintSettingsNotification = 'berth/lintSettings';
export type LintSettingsParams = Partial<LintSettings>;

/**
 * Server → client, after each publishDiagnostics: whether that set is the whole lint of
 * the version or more is coming (the quick checks are published first, ShellCheck last).
 * `unchecked` names what could not run at all (a rule past its time limit, ShellCheck
 * missing), so a complete set never hides a gap.
 */
export const lintProgressNotification = 'berth/lintProgress';
export interface LintProgressParams {
  uri: string;
  version: number;
  complete: boolean;
  unchecked: string[];
}

/** Command the "Build this stage" code lens runs; the build task registers it. */
export const buildStageCommand = 'berth.images.build';
export interface BuildStageArgs {
  /** The Dockerfile's URI, as a string. */
  dockerfile: string;
  /** The stage name (or its index as a string when the stage is unnamed). */
  target: string;
}

/** The compose language server (dist/composeServer.js): a process of its own, see docs/ARCHITECTURE.md. */
export const composeServerName = 'Berth Compose Language Server';

/**
 * What Berth's compose server leaves to Red Hat's YAML extension when that extension
 * already gives it for compose files (from SchemaStore's compose schema): true means
 * "the YAML extension does this, Berth stays quiet". See yamlOverlap.ts for the decision.
 */
export interface YamlOverlap {
  syntaxDiagnostics: boolean;
  schemaDiagnostics: boolean;
  keyCompletion: boolean;
  keyHover: boolean;
  formatting: boolean;
  symbols: boolean;
}

export const noYamlOverlap: YamlOverlap = { syntaxDiagnostics: false, schemaDiagnostics: false, keyCompletion: false, keyHover: false, formatting: false, symbols: false };

/** initializationOptions of the compose server. */
export interface ComposeServerInitOptions {
  /** Image references the engine has, for completion after `image:`. */
  localImages?: Array<string | LocalImage>;
  /** Fixed for the server's life: the client restarts the server when it changes, so the announced capabilities follow. */
  yamlOverlap?: Partial<YamlOverlap>;
  /** `vscode.l10n.uri` as a string: the display language's bundle; absent for English. */
  l10nBundle?: string;
}
