/** Temporary folders for one test process, all removed when it exits (even after a failure). */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

let root: string | undefined;

export function tempDir(prefix: string): string {
  if (!root) {
    root = mkdtempSync(path.join(tmpdir(), 'berth-engine-tests-'));
    const owned = root;
    process.on('exit', () => rmSync(owned, { recursive: true, force: true }));
  }
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, prefix));
}
