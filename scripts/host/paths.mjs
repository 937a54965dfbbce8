// Where things live, computed from the repository root so no machine path is ever committed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = path.join(repoRoot, '.vscode-test');
export const resultsDir = path.join(repoRoot, 'test-results');
export const hostTestsEntry = path.join(repoRoot, 'out', 'test', 'host', 'index.js');

/** The code-server binary that scripts/test-env.sh installed, or a sentence saying how to get it. */
export function codeServerBinary() {
  const bin = process.env.BERTH_CODE_SERVER
    || path.join(process.env.BERTH_CODE_SERVER_DIR || path.join(cacheDir, 'code-server'), 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server is not installed (looked for ${bin}). Run \`npm run env:up\` (scripts/test-env.sh up) first, or set BERTH_CODE_SERVER.`);
  }
  return bin;
}

/** Debian's Chromium; playwright-core never downloads a browser here. */
export function chromiumBinary() {
  const bin = process.env.BERTH_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(bin)) throw new Error(`Chromium is missing at ${bin}: run \`npm run env:up\` (it installs Debian's chromium) or set BERTH_CHROMIUM.`);
  return bin;
}
