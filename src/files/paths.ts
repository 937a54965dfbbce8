/**
 * Paths inside containers and on the host, as pure functions. Container paths are
 * POSIX whatever the host is; host paths go through node:path. Nothing here touches
 * a disk or the engine, so every rule is pinned by unit tests.
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';

/** The URI scheme of container files: berth-container://<container id>/<absolute path>. */
export const containerScheme = 'berth-container';

/** The URI scheme of volume files: berth-volume://<volume name>/<absolute path>. */
export const volumeScheme = 'berth-volume';

export interface ContainerPath {
  containerId: string;
  /** Absolute, normalized, no trailing slash except for the root itself. */
  path: string;
}

/**
 * Normalizes a path inside a container: absolute, `.` and `..` resolved lexically, and
 * `..` never climbs above `/` (the engine resolves paths inside the container's root
 * the same way). Empty means the root.
 */
export function normalizeContainerPath(input: string): string {
  if (input.includes('\0')) throw new Error(l10n.t('A container path cannot contain a NUL character.'));
  const parts: string[] = [];
  for (const part of input.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function joinContainerPath(dir: string, name: string): string {
  return normalizeContainerPath(`${dir}/${name}`);
}

export function containerDirname(p: string): string {
  const normal = normalizeContainerPath(p);
  const at = normal.lastIndexOf('/');
  return at <= 0 ? '/' : normal.slice(0, at);
}

export function containerBasename(p: string): string {
  const normal = normalizeContainerPath(p);
  return normal === '/' ? '' : normal.slice(normal.lastIndexOf('/') + 1);
}

/** Whether `inner` is `outer` or below it (both container paths). */
export function isWithinContainerPath(outer: string, inner: string): boolean {
  const o = normalizeContainerPath(outer);
  const i = normalizeContainerPath(inner);
  return o === '/' || i === o || i.startsWith(`${o}/`);
}

/** The authority and path of a container file URI (the caller builds the vscode.Uri). */
export function toUriParts(location: ContainerPath): { scheme: string; authority: string; path: string } {
  return { scheme: containerScheme, authority: location.containerId, path: normalizeContainerPath(location.path) };
}

export function fromUriParts(authority: string, uriPath: string): ContainerPath {
  if (!authority) throw new Error(l10n.t('A berth-container URI names its container as the authority.'));
  return { containerId: authority, path: normalizeContainerPath(uriPath) };
}

/**
 * Why a tar entry name is unsafe to create under a host folder, or undefined when it
 * is safe: absolute names, drive letters, `..` segments and NUL are refused outright,
 * never "cleaned", so a crafted archive cannot land anything outside the folder.
 */
export type UnsafeName = 'nul' | 'absolute' | 'drive' | 'parent';

export function unsafeEntryName(name: string): UnsafeName | undefined {
  if (name.includes('\0')) return 'nul';
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return 'absolute';
  if (/^[a-zA-Z]:/.test(slashed)) return 'drive';
  if (slashed.split('/').includes('..')) return 'parent';
  return undefined;
}

/** The sentence that refuses an archive entry for an unsafe name. */
export function unsafeEntryMessage(name: string, why: UnsafeName): string {
  switch (why) {
    case 'nul': return l10n.t('The archive entry "{0}" contains a NUL character; the archive was not extracted.', name);
    case 'absolute': return l10n.t('The archive entry "{0}" is an absolute path; the archive was not extracted.', name);
    case 'drive': return l10n.t('The archive entry "{0}" names a drive; the archive was not extracted.', name);
    default: return l10n.t('The archive entry "{0}" contains ".."; the archive was not extracted.', name);
  }
}

/** Splits an entry name into its segments without `.` and empty ones ("./a//b/" → ["a","b"]). */
export function entrySegments(name: string): string[] {
  return name.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
}

/** Whether host path `candidate` is `root` or below it (both absolute). */
export function isWithinHostPath(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Where a symbolic link entry at `entryPath` (under `root`) would point, or undefined
 * when its target leaves `root`: absolute targets always leave it, relative ones are
 * resolved from the link's own folder.
 */
export function linkTargetWithin(root: string, entryPath: string, target: string): string | undefined {
  if (target.includes('\0') || path.isAbsolute(target) || target.startsWith('/')) return undefined;
  const resolved = path.resolve(path.dirname(entryPath), target);
  return isWithinHostPath(root, resolved) ? resolved : undefined;
}
