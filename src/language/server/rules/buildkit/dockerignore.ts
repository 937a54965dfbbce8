/**
 * .dockerignore matching the way the builder reads it: patterns are cleaned paths with
 * `*`, `?`, `[...]` and `**`; a pattern also excludes everything under a matching
 * directory; `!pattern` re-includes; the last matching pattern wins.
 */
interface Pattern { regex: RegExp; negate: boolean }

function toRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches anything.
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          source += '(?:.*/)?';
        } else source += '.*';
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (char === '\\' && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
    else source += char.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  // Matching a directory excludes what is under it too.
  return new RegExp(`^${source}(?:/.*)?$`);
}

export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

export function compileDockerignore(lines: readonly string[]): Pattern[] {
  const patterns: Pattern[] = [];
  for (const raw of lines) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    const cleaned = cleanPath(line);
    if (cleaned === '') continue;
    patterns.push({ regex: toRegex(cleaned), negate });
  }
  return patterns;
}

export function isIgnored(patterns: readonly Pattern[], path: string): boolean {
  const cleaned = cleanPath(path);
  // The context root itself (`COPY . .`) is excluded when every name in it is, with no
  // exception re-included: `*` or `**` alone, not `.*` nor `**` + `!Dockerfile`.
  if (cleaned === '') return !patterns.some((pattern) => pattern.negate) && patterns.some((pattern) => pattern.regex.test('any-name'));
  let ignored = false;
  for (const pattern of patterns) if (pattern.regex.test(cleaned)) ignored = !pattern.negate;
  return ignored;
}
