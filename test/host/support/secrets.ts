/**
 * Looks for a registry credential in everything Berth could have written: the code-server
 * session's logs folder (Berth's output channel, the extension host's own log, every
 * other channel), the test-results folder the launcher writes (workbench and code-server
 * logs), and texts the test collected (task output, what the notifications said). The
 * credential counts as found in plain text, as base64 of "user:password" (Basic auth),
 * or inside any base64 / base64url token (the X-Registry-Auth header is base64url JSON).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Searched {
  name: string;
  text: string;
}

/** Tokens long enough to hold a password once decoded; both alphabets, padding optional. */
const tokenPattern = /[A-Za-z0-9+/_-]{16,}={0,2}/g;

/** Where `secret` shows in `text`, or undefined: "plain", "base64 of user:secret", or "inside base64 token …". */
export function findSecret(text: string, secret: string, user: string): string | undefined {
  if (text.includes(secret)) return 'in plain text';
  if (text.includes(Buffer.from(`${user}:${secret}`).toString('base64'))) return 'as base64 of user:password';
  for (const [token] of text.matchAll(tokenPattern)) {
    // Node's base64 decoder takes the base64url alphabet too.
    if (Buffer.from(token, 'base64').toString('latin1').includes(secret)) return `inside the base64 token ${token.slice(0, 12)}…`;
  }
  return undefined;
}

/** Every file under `root`, read as latin1 so binary files (state databases) are searched byte for byte. */
export function filesUnder(root: string, skip: (file: string) => boolean = () => false): Searched[] {
  const out: Searched[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !skip(full) && fs.statSync(full).size < 64 * 1024 * 1024) out.push({ name: full, text: fs.readFileSync(full, 'latin1') });
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out;
}

/** The session's logs folder: the ancestor of the extension's logUri that sits in a folder named "logs". */
export function sessionLogsFolder(extensionLogPath: string): string {
  let dir = extensionLogPath;
  while (path.dirname(dir) !== dir && path.basename(path.dirname(dir)) !== 'logs') dir = path.dirname(dir);
  if (path.dirname(dir) === dir) throw new Error(`no "logs" folder above ${extensionLogPath}`);
  return dir;
}
