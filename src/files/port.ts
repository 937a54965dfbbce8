/**
 * The engine operations the files feature uses, as one narrow interface. The engine
 * layer's `engine.containers` satisfies it; unit tests hand in a folder-backed fake.
 * Everything here is the engine's archive API, so it works on stopped containers and
 * on images without a shell.
 */
import type { Readable } from 'node:stream';

import type { PathStat } from '../engine/types';

export type { PathStat };

export interface ArchivePort {
  /** Only asked after a path was not found: a HEAD answer cannot say whether the container is gone. */
  inspect(id: string): Promise<unknown>;
  statPath(id: string, path: string): Promise<PathStat>;
  getArchive(id: string, path: string, signal?: AbortSignal): Promise<{ stat: PathStat; tar: Readable }>;
  putArchive(id: string, path: string, tar: Readable | Buffer, options?: { noOverwriteDirNonDir?: boolean; signal?: AbortSignal }): Promise<void>;
}

// Go's os.FileMode type bits.
const modeSymlink = 1 << 27;
const modeNamedPipe = 1 << 25;
const modeSocket = 1 << 24;
const modeDevice = 1 << 26;

export type PathKind = 'file' | 'directory' | 'symlink' | 'other';

export function pathKind(stat: PathStat): PathKind {
  if (stat.isDirectory) return 'directory';
  if ((stat.mode & modeSymlink) !== 0) return 'symlink';
  if ((stat.mode & (modeNamedPipe | modeSocket | modeDevice)) !== 0) return 'other';
  return 'file';
}

export function permissions(stat: PathStat): number {
  return stat.mode & 0o777;
}

/** Go's FileMode for a POSIX st_mode, for fakes and tests. */
export function goMode(posixMode: number): number {
  const perm = posixMode & 0o777;
  switch (posixMode & 0o170000) {
    case 0o040000: return (perm | 0x80000000) >>> 0;
    case 0o120000: return perm | modeSymlink;
    case 0o010000: return perm | modeNamedPipe;
    case 0o140000: return perm | modeSocket;
    case 0o060000:
    case 0o020000: return perm | modeDevice;
    default: return perm;
  }
}
