/**
 * Where the cursor is in compose terms (the path of keys above it, and whether a key, a
 * value or a list item is being typed), read from the text's indentation rather than the
 * parse: while a person types, the line under the cursor is rarely valid YAML yet.
 */

/**
 * A document's lines by index: an array of them, or a document that finds each line
 * when asked (the server's main thread reads its TextDocument without splitting it).
 */
export interface TextLines {
  line(index: number): string | undefined;
  /** The line's leading spaces and tabs, or undefined past the end: most lines are passed over on this alone. */
  indent(index: number): number | undefined;
}

export function arrayLines(lines: readonly string[]): TextLines {
  return { line: (index) => lines[index], indent: (index) => (index < lines.length ? indentOf(lines[index]) : undefined) };
}

export interface Cursor {
  /** Keys from the root to the mapping or list the cursor is in; `[]` steps into a list item. */
  path: string[];
  mode: 'key' | 'value' | 'item';
  /** What has been typed of the word being completed. */
  prefix: string;
  /** Character where that word starts on the line (the completion replaces from there). */
  start: number;
}

interface LineShape {
  blank: boolean;
  indent: number;
  dash: boolean;
  /** Column where the content after `- ` starts. */
  content: number;
  /** `key:` with nothing after it (or only an anchor, a tag, or a block scalar indicator). */
  key: string | undefined;
  opensBlock: boolean;
}

const keyLine = /^("[^"]*"|'[^']*'|[^\s#'"][^#]*?):(?:\s+(.*?))?\s*$/;

function shape(line: string): LineShape {
  const trimmed = line.replace(/\s+#.*$/, '');
  const indent = /^\s*/.exec(trimmed)![0].length;
  if (indent === trimmed.length || trimmed[indent] === '#') return { blank: true, indent, dash: false, content: indent, key: undefined, opensBlock: false };
  const dashMatch = /^-(\s+|$)/.exec(trimmed.slice(indent));
  const content = dashMatch ? indent + dashMatch[0].length : indent;
  const match = keyLine.exec(trimmed.slice(content));
  const key = match ? match[1].replace(/^["']|["']$/g, '') : undefined;
  const rest = match?.[2] ?? '';
  const opensBlock = match !== null && (rest === '' || /^([&!][^\s]*\s*)+$/.test(rest) || /^[|>]/.test(rest));
  return { blank: false, indent, dash: dashMatch !== null, content, key, opensBlock };
}

/** Leading spaces and tabs (what `shape` counts as indentation). */
function indentOf(line: string): number {
  let index = 0;
  while (index < line.length && (line.charCodeAt(index) === 32 || line.charCodeAt(index) === 9)) index++;
  return index;
}

/** The keys above line `line` that hold content at column `column` (`inList`: the content is a list item at that column). */
function parents(lines: TextLines, line: number, column: number, inList: boolean): string[] {
  const path: string[] = [];
  let target = column;
  let list = inList;
  for (let index = line - 1; index >= 0 && target > -1; index--) {
    // Most lines above sit deeper than the key being looked for: their indentation alone
    // says to pass them by (the full shape's regular expressions, a thousand times over
    // in a 2,000-line file, were most of a completion's time).
    const indent = lines.indent(index) ?? 0;
    if (list ? indent > target : indent >= target) continue;
    const s = shape(lines.line(index) ?? '');
    if (s.blank) continue;
    if (list) {
      // Looking for the key that owns a list whose dashes sit at `target`.
      if (s.dash && s.indent === target) continue; // a sibling item
      if (s.indent > target) continue; // inside a sibling item
      if (!s.key || !s.opensBlock) break;
      path.push(s.key);
      if (s.dash) {
        path.push('[]');
        target = s.indent;
        list = true;
      } else {
        target = s.indent;
        list = false;
      }
      continue;
    }
    if (s.dash && s.content === target && s.indent < target) {
      // Our mapping is this list item's mapping.
      path.push('[]');
      target = s.indent;
      list = true;
      continue;
    }
    if (s.content >= target) continue;
    if (!s.key || !s.opensBlock) {
      if (s.dash) {
        target = s.indent;
        list = true;
        path.push('[]');
      }
      continue;
    }
    path.push(s.key);
    if (s.dash) {
      path.push('[]');
      target = s.indent;
      list = true;
    } else target = s.indent;
    if (target === 0 && !list) break;
  }
  return path.reverse();
}

export function cursorAt(lines: TextLines, line: number, character: number): Cursor | undefined {
  const text = (lines.line(line) ?? '').slice(0, character);
  if (/(^|\s)#/.test(text.replace(/"[^"]*"|'[^']*'/g, '""'))) return undefined; // in a comment
  const indent = /^\s*/.exec(text)![0].length;
  const dash = /^-(\s+)/.exec(text.slice(indent));
  const content = dash ? indent + dash[0].length : indent;
  const above = (inItem: boolean) => (dash ? [...parents(lines, line, indent, true), ...(inItem ? [] : ['[]'])] : parents(lines, line, content, false));
  const rest = text.slice(content);
  const value = /^("[^"]*"|'[^']*'|[^\s#'"][^:#]*?):\s+(.*)$/.exec(rest);
  if (value) {
    const key = value[1].replace(/^["']|["']$/g, '');
    const typed = value[2];
    const flow = /^\[(?:[^\]]*,)?\s*([^,\]]*)$/.exec(typed);
    if (flow) return { path: [...above(false), key], mode: 'item', prefix: flow[1], start: character - flow[1].length };
    const unquoted = typed.replace(/^["']/, '');
    return { path: [...above(false), key], mode: 'value', prefix: unquoted, start: character - unquoted.length };
  }
  if (/:/.test(rest) && !dash) return undefined; // after `key:` with no space yet
  if (!/^[^\s]*$/.test(rest)) return undefined;
  const word = rest.replace(/^["']/, '');
  if (dash) return { path: above(true), mode: 'item', prefix: word, start: character - word.length };
  return { path: above(false), mode: 'key', prefix: word, start: character - word.length };
}

/**
 * The keys of the mapping whose keys sit at `column` around line `line` (that line left
 * out: it is being typed), read from the text like the cursor: the lines above and below
 * at that column, up to the lines that hold the mapping. A list item's mapping starts at
 * its dash; a list at the keys' own column belongs to the key above it.
 */
export function siblingKeys(lines: TextLines, line: number, column: number): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: 1 | -1) => {
    for (let index = from; index >= 0; index += step) {
      const indent = lines.indent(index);
      if (indent === undefined) return;
      if (indent > column) continue;
      const s = shape(lines.line(index) ?? '');
      if (s.blank || (s.dash && indent === column)) continue;
      if (step === -1 && s.dash && s.content === column) {
        if (s.key !== undefined) keys.add(s.key);
        return;
      }
      if (indent < column || s.dash) return;
      if (s.key !== undefined) keys.add(s.key);
    }
  };
  scan(line - 1, -1);
  scan(line + 1, 1);
  return keys;
}
