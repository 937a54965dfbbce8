/**
 * What completion offers beyond dockerfile-language-service: today's flags and their values.
 * The texts are getters, so each is read in the display language when it is shown.
 */
import * as l10n from '@vscode/l10n';

export interface FlagInfo {
  name: string;
  doc: string;
  /** Values offered after `--name=`; empty for free-form values. */
  values?: readonly string[];
  /** A flag used without a value (`--link`). */
  boolean?: boolean;
}

export const flags: Record<string, readonly FlagInfo[]> = {
  FROM: [{ name: 'platform', get doc() { return l10n.t('Platform of the base image (os/arch[/variant])'); }, values: ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64', 'linux/arm/v7'] }],
  RUN: [
    { name: 'mount', get doc() { return l10n.t('Mount a cache, secret, ssh agent, tmpfs or another stage into this RUN'); } },
    { name: 'network', get doc() { return l10n.t('Network for this RUN'); }, values: ['default', 'none', 'host'] },
    { name: 'security', get doc() { return l10n.t('Run in the default sandbox or insecure (needs the security.insecure entitlement)'); }, values: ['sandbox', 'insecure'] },
  ],
  COPY: [
    { name: 'from', get doc() { return l10n.t('Copy from a stage, an image or a named context instead of the build context'); } },
    { name: 'chown', get doc() { return l10n.t('Owner of the copied files (user[:group])'); } },
    { name: 'chmod', get doc() { return l10n.t('Mode of the copied files (octal or symbolic)'); }, values: ['755', '644', '0755', '0644', 'u+x'] },
    { name: 'link', get doc() { return l10n.t('Copy into an independent layer (better cache reuse)'); }, boolean: true },
    { name: 'parents', get doc() { return l10n.t('Keep the parent directories of the sources'); }, boolean: true },
    { name: 'exclude', get doc() { return l10n.t('Leave out paths matching this pattern'); } },
  ],
  ADD: [
    { name: 'chown', get doc() { return l10n.t('Owner of the added files (user[:group])'); } },
    { name: 'chmod', get doc() { return l10n.t('Mode of the added files'); }, values: ['755', '644', '0755', '0644'] },
    { name: 'link', get doc() { return l10n.t('Add into an independent layer'); }, boolean: true },
    { name: 'checksum', get doc() { return l10n.t('Verify a remote source against this digest (sha256:...)'); }, values: ['sha256:'] },
    { name: 'keep-git-dir', get doc() { return l10n.t('Keep the .git directory of a Git source'); }, values: ['true', 'false'] },
    { name: 'exclude', get doc() { return l10n.t('Leave out paths matching this pattern'); } },
    { name: 'unpack', get doc() { return l10n.t('Whether to extract archives (default: local archives yes, remote no)'); }, values: ['true', 'false'] },
  ],
  HEALTHCHECK: [
    { name: 'interval', get doc() { return l10n.t('Time between checks'); }, values: ['30s'] },
    { name: 'timeout', get doc() { return l10n.t('Time a check may take'); }, values: ['30s'] },
    { name: 'start-period', get doc() { return l10n.t('Grace period at start'); }, values: ['0s'] },
    { name: 'start-interval', get doc() { return l10n.t('Time between checks during the start period'); }, values: ['5s'] },
    { name: 'retries', get doc() { return l10n.t('Failures before unhealthy'); }, values: ['3'] },
  ],
};

export const mountTypes = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'] as const;

/** `--mount` keys per type, with values where they are a closed set. */
export const mountKeys: Record<string, Record<string, readonly string[]>> = {
  bind: { target: [], source: [], from: [], readwrite: [], rw: [] },
  cache: { id: [], target: [], readonly: [], ro: [], sharing: ['shared', 'private', 'locked'], from: [], source: [], mode: ['0755'], uid: ['0'], gid: ['0'] },
  tmpfs: { target: [], size: [] },
  secret: { id: [], target: [], env: [], required: ['true', 'false'], mode: ['0400'], uid: ['0'], gid: ['0'] },
  ssh: { id: ['default'], target: [], required: ['true', 'false'], mode: ['0600'], uid: ['0'], gid: ['0'] },
};

/** Build ARGs BuildKit fills in for every build. */
export const platformArgDocs: Record<string, string> = {
  get TARGETPLATFORM() { return l10n.t('Platform of the build result, e.g. linux/amd64'); },
  get TARGETOS() { return l10n.t('OS of TARGETPLATFORM'); },
  get TARGETARCH() { return l10n.t('Architecture of TARGETPLATFORM'); },
  get TARGETVARIANT() { return l10n.t('Variant of TARGETPLATFORM'); },
  get BUILDPLATFORM() { return l10n.t('Platform of the node running the build'); },
  get BUILDOS() { return l10n.t('OS of BUILDPLATFORM'); },
  get BUILDARCH() { return l10n.t('Architecture of BUILDPLATFORM'); },
  get BUILDVARIANT() { return l10n.t('Variant of BUILDPLATFORM'); },
  get TARGETSTAGE() { return l10n.t('Name of the stage being built (--target)'); },
  get BUILDKIT_SYNTAX() { return l10n.t('Frontend image to parse this Dockerfile with'); },
  get BUILDKIT_INLINE_CACHE() { return l10n.t('Write cache metadata into the image config'); },
  get BUILDKIT_MULTI_PLATFORM() { return l10n.t('Force multi-platform results'); },
  get SOURCE_DATE_EPOCH() { return l10n.t('Timestamp for reproducible builds'); },
};
