import * as l10n from '@vscode/l10n';
/**
 * Compose's variable interpolation, checked the way compose reads it: `$$` is a literal
 * dollar, `$NAME` and `${NAME}` substitute, and `${NAME<op>word}` with `:-`, `-`, `:?`,
 * `?`, `:+` or `+` gives a default, an error or an alternative (the word may hold more
 * interpolation). Anything else after `${` is an error compose reports only when the
 * project runs; here it shows while typing.
 */

export interface InterpolationProblem {
  /** Offsets within the checked string. */
  start: number;
  end: number;
  message: string;
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*/;
const operators = [':-', ':?', ':+', '-', '?', '+'];

export function checkInterpolation(text: string): InterpolationProblem[] {
  const problems: InterpolationProblem[] = [];
  if (!text.includes('$')) return problems;
  scan(text, 0, text.length, problems, 0);
  return problems;
}

/** Scans text[from, to); returns where it stopped (a `}` closing an enclosing `${` when nested). */
function scan(text: string, from: number, to: number, problems: InterpolationProblem[], depth: number): number {
  let index = from;
  while (index < to) {
    const char = text[index];
    if (depth > 0 && char === '}') return index;
    if (char !== '$') {
      index++;
      continue;
    }
    const next = text[index + 1];
    if (next === '$') {
      index += 2;
      continue;
    }
    if (next !== '{') {
      index++;
      continue;
    }
    index = braced(text, index, to, problems, depth);
  }
  return index;
}

/** Reads `${...}` starting at `start` (the `$`); returns the offset after it. */
function braced(text: string, start: number, to: number, problems: InterpolationProblem[], depth: number): number {
  const close = matchingBrace(text, start + 2, to);
  if (close < 0) {
    problems.push({ start, end: to, message: l10n.t('"${" is never closed: add "}" (or write "$$" for a literal dollar).') });
    return to;
  }
  const body = text.slice(start + 2, close);
  const name = namePattern.exec(body)?.[0];
  if (body.length === 0) {
    problems.push({ start, end: close + 1, message: l10n.t('"${}" names no variable.') });
    return close + 1;
  }
  if (!name) {
    problems.push({ start, end: close + 1, message: l10n.t('"{0}" is not a variable name: names start with a letter or "_" and hold letters, digits and "_".', `\${${body}}`) });
    return close + 1;
  }
  const rest = body.slice(name.length);
  if (rest.length === 0) return close + 1;
  const operator = operators.find((op) => rest.startsWith(op));
  if (!operator) {
    problems.push({ start, end: close + 1, message: l10n.t('"{0}" is not valid interpolation: after the name comes "}", ":-default", "-default", ":?error", "?error", ":+alternative" or "+alternative".', `\${${body}}`) });
    return close + 1;
  }
  // The word may hold its own interpolation: check it, nested.
  if (depth < 8) scan(text, start + 2 + name.length + operator.length, close, problems, depth + 1);
  return close + 1;
}

/** The `}` that closes a `${` whose body starts at `from`, counting nested `${`; -1 when none. */
function matchingBrace(text: string, from: number, to: number): number {
  let depth = 0;
  for (let index = from; index < to; index++) {
    const char = text[index];
    if (char === '$' && text[index + 1] === '$') index++;
    else if (char === '$' && text[index + 1] === '{') {
      depth++;
      index++;
    } else if (char === '}') {
      if (depth === 0) return index;
      depth--;
    }
  }
  return -1;
}
