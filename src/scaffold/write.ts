/**
 * Writing the generated set all or nothing: every file goes to a temporary sibling
 * first, and only when all of them are written are they renamed into place; a failure
 * removes the temporaries and restores whatever was replaced, so the folder never holds
 * half a set.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { GeneratedFile } from './types';

/** Which of the files already exist in the folder (the ones an overwrite would replace). */
export async function existingFiles(folder: string, files: readonly Pick<GeneratedFile, 'path'>[]): Promise<string[]> {
  const found = await Promise.all(files.map(async (f) => ((await fs.lstat(path.join(folder, f.path)).catch(() => undefined)) ? f.path : undefined)));
  return found.filter((f): f is string => f !== undefined);
}

/** Thrown before anything is written when a target is there but is not a file (a folder, say). */
export class NotAFileError extends Error {
  constructor(readonly relative: string) {
    super(`${relative} exists and is not a file.`);
  }
}

export async function writeAll(folder: string, files: readonly GeneratedFile[]): Promise<void> {
  for (const file of files) {
    const stat = await fs.lstat(path.join(folder, file.path)).catch(() => undefined);
    if (stat && !stat.isFile()) throw new NotAFileError(file.path);
  }
  const stamp = `${process.pid}-${Date.now()}`;
  const staged: { temp: string; target: string; backup?: string }[] = [];
  try {
    for (const file of files) {
      const target = path.join(folder, file.path);
      const temp = `${target}.berth-${stamp}.tmp`;
      staged.push({ temp, target });
      await fs.writeFile(temp, file.content, { flag: 'wx' });
    }
  } catch (error) {
    await Promise.all(staged.map((s) => fs.rm(s.temp, { force: true })));
    throw error;
  }
  const moved: typeof staged = [];
  try {
    for (const entry of staged) {
      // Keep what is replaced until every rename has succeeded.
      if ((await fs.lstat(entry.target).catch(() => undefined)) !== undefined) {
        entry.backup = `${entry.target}.berth-${stamp}.bak`;
        await fs.rename(entry.target, entry.backup);
      }
      moved.push(entry);
      await fs.rename(entry.temp, entry.target);
    }
  } catch (error) {
    for (const entry of moved.reverse()) {
      await fs.rm(entry.target, { force: true }).catch(() => undefined);
      if (entry.backup) await fs.rename(entry.backup, entry.target).catch(() => undefined);
    }
    await Promise.all(staged.map((s) => fs.rm(s.temp, { force: true })));
    throw error;
  }
  // The new set is in place; a backup that cannot be removed is litter, not a failure.
  await Promise.all(staged.map((s) => (s.backup ? fs.rm(s.backup, { force: true }).catch(() => undefined) : Promise.resolve())));
}
