/**
 * Splits a command line the user typed ("Execute Command…", "Run Interactive…") into
 * an argv array the engine runs directly, with no shell in between. Quotes and
 * backslashes group words the way a POSIX shell would; nothing is expanded ($HOME,
 * globs and pipes stay literal: ask for `sh -c '…'` to get a shell).
 */
import * as l10n from '@vscode/l10n';
export class ArgvSyntaxError extends Error {
  override readonly name = 'ArgvSyntaxError';
}

export function splitArgv(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ArgvSyntaxError(l10n.t('Unterminated single quote at column {0}.', i + 1));
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const c = line[i];
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        // Inside double quotes a backslash only escapes these, as in sh.
        if (c === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
        } else {
          word += c;
          i++;
        }
      }
      if (!closed) throw new ArgvSyntaxError(l10n.t('Unterminated double quote.'));
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) throw new ArgvSyntaxError(l10n.t('The line ends with a lone backslash.'));
      // A backslash-newline continues the line; any other escaped character is literal.
      if (line[i + 1] !== '\n') {
        word += line[i + 1];
        inWord = true;
      }
      i += 2;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The inverse, for titles and messages: quotes only the words that need it. */
export function joinArgv(argv: readonly string[]): string {
  return argv.map((a) => (a !== '' && /^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
