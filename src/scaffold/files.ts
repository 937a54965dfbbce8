/**
 * The project folder as detection reads it: small text files and directory listings,
 * nothing written. Missing or unreadable entries read as undefined/empty, so detection
 * of a half-made project still answers.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export interface ProjectFiles {
  /** The folder's own name (a fallback for the project name). */
  readonly folderName: string;
  /** A file's text (first 256 KiB), or undefined when it is not a readable file. */
  read(relative: string): Promise<string | undefined>;
  /** Names directly inside a directory (files and folders), or [] when there is none. */
  list(relative?: string): Promise<string[]>;
}

const maxBytes = 256 * 1024;

export function folderFiles(folder: string): ProjectFiles {
  const inside = (relative: string) => path.join(folder, ...relative.split('/'));
  return {
    folderName: path.basename(folder),
    async read(relative) {
      try {
        const handle = await fs.open(inside(relative), 'r');
        try {
          if (!(await handle.stat()).isFile()) return undefined;
          const buffer = Buffer.alloc(maxBytes);
          const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
          return buffer.subarray(0, bytesRead).toString('utf8');
        } finally {
          await handle.close();
        }
      } catch {
        return undefined;
      }
    },
    async list(relative = '') {
      try {
        return (await fs.readdir(inside(relative))).sort();
      } catch {
        return [];
      }
    },
  };
}

/** A name fit for a compose service and an image repository: lowercase [a-z0-9_.-], starting with a letter or digit. */
export function imageName(raw: string): string {
  const cleaned = raw.toLowerCase().replace(/^@[^/]*\//, '').replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return cleaned || 'app';
}
