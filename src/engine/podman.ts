/**
 * Where Podman's Docker-compatible API (checked against Podman 4.3) answers differently
 * from dockerd, as pure functions: which engine a /version answer comes from, the error
 * kind its `cause` names, and the shapes of top, load and build output. The resource
 * modules ask `Api.identity()` and use these only where the answers really differ.
 */
/** Podman's own API (libpod), for the few operations its compatible API gets wrong; v4.0.0 is the oldest Podman 4 accepts. */
export const libpod = '/v4.0.0/libpod';

/** Image ids as dockerd writes them: Podman's own endpoints leave out "sha256:". */
export function withSha256(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? `sha256:${id}` : id;
}

export type EngineKind = 'docker' | 'podman';

/** What answers at the endpoint: "Docker 20.10.24" or "Podman 4.3.1". */
export interface EngineIdentity {
  kind: EngineKind;
  version: string;
}

interface VersionAnswer {
  Version?: string;
  Components?: { Name?: string; Version?: string }[] | null;
}

/** Podman lists itself as the component "Podman Engine"; anything else is taken for Docker. */
export function engineIdentityOf(answer: VersionAnswer): EngineIdentity {
  const podman = (answer.Components ?? []).find((c) => c.Name === 'Podman Engine');
  if (podman) return { kind: 'podman', version: podman.Version ?? answer.Version ?? '' };
  return { kind: 'docker', version: answer.Version ?? '' };
}

/** "Podman 4.3.1": for the status bar and the log. */
export function engineIdentityLabel(identity: EngineIdentity): string {
  return `${identity.kind === 'podman' ? 'Podman' : 'Docker'}${identity.version ? ` ${identity.version}` : ''}`;
}

/**
 * Podman answers 500 for many failures dockerd answers 409 or 400 for, with the Go error
 * it wrapped in `cause`: these are libpod's and containers/storage's error values
 * (identifiers of the failure, not prose), so the kind is decided by them.
 */
/** The error kinds (errors.ts) a cause can mean; errors.ts imports this module, not the other way round. */
export type CauseKind = 'conflict' | 'badRequest' | 'notFound';

const causeKinds: Record<string, CauseKind> = {
  'container state improper': 'conflict',
  'network is being used': 'conflict',
  'volume is being used': 'conflict',
  'image is in use by a container': 'conflict',
  'image used by containers': 'conflict',
  'container already exists': 'conflict',
  'that name is already in use': 'conflict',
  'pod already exists': 'conflict',
  'volume already exists': 'conflict',
  'network already exists': 'conflict',
  'container is paused': 'conflict',
  'container is running': 'conflict',
  'invalid argument': 'badRequest',
  'no such container': 'notFound',
  'no such image': 'notFound',
  'no such volume': 'notFound',
  'network not found': 'notFound',
  'image not known': 'notFound',
};

export function podmanCauseKind(cause: unknown): CauseKind | undefined {
  return typeof cause === 'string' ? causeKinds[cause.trim().toLowerCase()] : undefined;
}

/**
 * A registry's answer for a missing manifest, as the distribution spec names its error code
 * (MANIFEST_UNKNOWN, "manifest unknown"); Podman passes it on inside a 500 or a stream error.
 */
export function isManifestUnknown(message: string): boolean {
  return /: manifest unknown$/i.test(message.trim());
}

/** Podman's top (running `ps` in the container) may return its header as one string too: "PID   USER     COMMAND". */
export function splitTopTitles(titles: string[]): string[] {
  return titles.length === 1 ? titles[0].trim().split(/\s+/) : titles;
}

/**
 * Podman's top returns each process as one string ("root 1 0 ... sleep 300") where dockerd
 * returns columns: split on runs of blanks, the last column keeping its spaces (a command line).
 */
export function splitTopRow(row: string[], columns: number): string[] {
  if (row.length !== 1 || columns <= 1) return row;
  const words = row[0].trim().split(/\s+/);
  if (words.length <= columns) return words;
  return [...words.slice(0, columns - 1), words.slice(columns - 1).join(' ')];
}

/**
 * Podman keeps a network's IP range as the first and last address it leases
 * (10.231.5.1 to 10.231.5.255 for 10.231.5.0/24): back to the CIDR it was created with,
 * or "first-last" when the range is not one.
 */
export function leaseRangeCidr(range: { start_ip?: string; end_ip?: string } | undefined): string | undefined {
  if (!range?.start_ip || !range.end_ip) return undefined;
  const toInt = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const start = toInt(range.start_ip);
  const end = toInt(range.end_ip);
  for (const base of [start - 1, start]) {
    const size = end - base + 1;
    if (size > 0 && (size & (size - 1)) === 0 && base % size === 0) {
      const prefix = 32 - Math.log2(size);
      return `${[24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join('.')}/${prefix}`;
    }
  }
  return `${range.start_ip}-${range.end_ip}`;
}

/**
 * A bind as the person wrote it: Podman's inspect spells out the defaults
 * ("/src:/dst:rw,rprivate,rbind" for "/src:/dst"), dockerd keeps what was asked.
 */
export function bindAsWritten(bind: string): string {
  const parts = bind.split(':');
  if (parts.length < 3) return bind;
  const options = parts[parts.length - 1].split(',').filter((o) => o !== 'rw' && o !== 'rprivate' && o !== 'rbind');
  const head = parts.slice(0, -1).join(':');
  return options.length ? `${head}:${options.join(',')}` : head;
}

/** "Loaded image: a, b" (Podman: every image on one line) or dockerd's one line per image. */
export function loadedImages(line: string): string[] {
  const match = /^Loaded image(?:s| ID)?\(?s?\)?: (.+)$/.exec(line.trim());
  return match ? match[1].split(/,\s*/).map((s) => s.trim()).filter(Boolean) : [];
}

/** A build step line: the classic builder's "Step 2/5 : RUN make", Buildah's (Podman) "STEP 2/5: RUN make". */
export function buildStepOf(line: string): { index: number; total: number; instruction: string } | undefined {
  const match = /^(?:Step (\d+)\/(\d+) :|STEP (\d+)\/(\d+):) (.*)/.exec(line);
  if (!match) return undefined;
  return { index: Number(match[1] ?? match[3]), total: Number(match[2] ?? match[4]), instruction: match[5].trim() };
}
