/**
 * The one .dockerignore matcher: the build context sent to the engine and the
 * Dockerfile lint (CopyIgnoredFile) both ask it, so the lint never warns about a file
 * the build sends, or stays quiet about one it leaves out. `@balena/dockerignore`
 * follows the docker CLI's rules (`[!a]`, `\` escapes, `**`, `!` exceptions, last match wins).
 */
import dockerignore from '@balena/dockerignore';

/** Whether a context-relative path is excluded by these .dockerignore lines. */
export function dockerignoreMatcher(text: string | readonly string[]): (relativePath: string) => boolean {
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : text;
  const patterns = lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const ig = dockerignore({ ignorecase: false }).add(patterns);
  return (relativePath) => {
    const cleaned = contextPath(relativePath);
    return cleaned !== '' && ig.ignores(cleaned);
  };
}

/** A path as the context sees it: forward slashes, no `.` or empty parts, `..` folded. */
export function contextPath(input: string): string {
  const parts: string[] = [];
  for (const part of input.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Whether these lines exclude the context root itself (`COPY . .` copies nothing): every
 * name in it is excluded (`*` or `**` alone) and no `!` exception brings one back.
 */
export function excludesWholeContext(text: string | readonly string[]): boolean {
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : text;
  const patterns = lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (patterns.some((p) => p.startsWith('!'))) return false;
  return dockerignoreMatcher(patterns)('any-name');
}
