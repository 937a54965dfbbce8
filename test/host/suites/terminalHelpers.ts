/**
 * Reading Berth's terminals in the host tier: what a session's Pseudoterminal wrote, as
 * plain text, awaited write by write (no sleeping).
 */
import type { Session } from '../../../src/terminals';
import { plainText } from '../../../src/terminals/table';

/** Resolves when the session's output (what it wrote to the terminal) matches; re-checks on each write. */
export function output(session: Session, pattern: RegExp | ((text: string) => boolean), what = String(pattern), timeoutMs = 20_000): Promise<string> {
  const matches = typeof pattern === 'function' ? pattern : (text: string) => pattern.test(text);
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const text = plainText(session.transcript);
      if (!matches(text)) return false;
      resolve(text);
      return true;
    };
    if (check()) return;
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`Timed out waiting for ${what} in the ${session.kind} terminal. It shows:\n${plainText(session.transcript).slice(-2000)}`));
    }, timeoutMs);
    const listener = session.onDidWrite(() => {
      if (check()) {
        clearTimeout(timer);
        listener.dispose();
      }
    });
  });
}

export function ended(session: Session, timeoutMs = 20_000): Promise<void> {
  if (session.ended) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The ${session.kind} session did not end. It shows:\n${plainText(session.transcript).slice(-2000)}`)), timeoutMs);
    session.onDidEnd(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
