/** What completion offers beyond dockerfile-language-service: today's flags and their values. */

export interface FlagInfo {
  name: string;
  doc: string;
  /** Values offered after `--name=`; empty for free-form values. */
  values?: readonly string[];
  /** A flag used without a value (`--link`). */
  boolean?: boolean;
}

export const flags: Record<string, readonly FlagInfo[]> = {
  FROM: [{ name: 'platform', doc: 'Platform of the base image (os/arch[/variant])', values: ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64', 'linux/arm/v7'] }],
  RUN: [
    { name: 'mount', doc: 'Mount a cache, secret, ssh agent, tmpfs or another stage into this RUN' },
    { name: 'network', doc: 'Network for this RUN', values: ['default', 'none', 'host'] },
    { name: 'security', doc: 'Run in the default sandbox or insecure (needs the security.insecure entitlement)', values: ['sandbox', 'insecure'] },
  ],
  COPY: [
    { name: 'from', doc: 'Copy from a stage, an image or a named context instead of the build context' },
    { name: 'chown', doc: 'Owner of the copied files (user[:group])' },
    { name: 'chmod', doc: 'Mode of the copied files (octal or symbolic)', values: ['755', '644', '0755', '0644', 'u+x'] },
    { name: 'link', doc: 'Copy into an independent layer (better cache reuse)', boolean: true },
    { name: 'parents', doc: 'Keep the parent directories of the sources', boolean: true },
    { name: 'exclude', doc: 'Leave out paths matching this pattern' },
  ],
  ADD: [
    { name: 'chown', doc: 'Owner of the added files (user[:group])' },
    { name: 'chmod', doc: 'Mode of the added files', values: ['755', '644', '0755', '0644'] },
    { name: 'link', doc: 'Add into an independent layer', boolean: true },
    { name: 'checksum', doc: 'Verify a remote source against this digest (sha256:...)', values: ['sha256:'] },
    { name: 'keep-git-dir', doc: 'Keep the .git directory of a Git source', values: ['true', 'false'] },
    { name: 'exclude', doc: 'Leave out paths matching this pattern' },
    { name: 'unpack', doc: 'Whether to extract archives (default: local archives yes, remote no)', values: ['true', 'false'] },
  ],
  HEALTHCHECK: [
    { name: 'interval', doc: 'Time between checks', values: ['30s'] },
    { name: 'timeout', doc: 'Time a check may take', values: ['30s'] },
    { name: 'start-period', doc: 'Grace period at start', values: ['0s'] },
    { name: 'start-interval', doc: 'Time between checks during the start period', values: ['5s'] },
    { name: 'retries', doc: 'Failures before unhealthy', values: ['3'] },
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
  TARGETPLATFORM: 'Platform of the build result, e.g. linux/amd64',
  TARGETOS: 'OS of TARGETPLATFORM',
  TARGETARCH: 'Architecture of TARGETPLATFORM',
  TARGETVARIANT: 'Variant of TARGETPLATFORM',
  BUILDPLATFORM: 'Platform of the node running the build',
  BUILDOS: 'OS of BUILDPLATFORM',
  BUILDARCH: 'Architecture of BUILDPLATFORM',
  BUILDVARIANT: 'Variant of BUILDPLATFORM',
  TARGETSTAGE: 'Name of the stage being built (--target)',
  BUILDKIT_SYNTAX: 'Frontend image to parse this Dockerfile with',
  BUILDKIT_INLINE_CACHE: 'Write cache metadata into the image config',
  BUILDKIT_MULTI_PLATFORM: 'Force multi-platform results',
  SOURCE_DATE_EPOCH: 'Timestamp for reproducible builds',
};
