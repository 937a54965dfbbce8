/**
 * The log view's filter: plain text (case-insensitive unless it has an upper-case letter,
 * as VS Code's search does) or a regular expression. One sentence when the expression
 * does not compile. Pure: the webview applies it to the lines it holds.
 */
import { fill } from '../ui/pageText';

export interface FilterSpec {
  text: string;
  regex: boolean;
}

export type LineTest = (text: string) => boolean;

export type CompiledFilter = { ok: true; test: LineTest | undefined } | { ok: false; message: string };

/** The sentence when the expression does not compile: the page passes it localized, {0} is the reason. */
export const invalidFilterMessage = 'The filter is not a valid regular expression ({0}).';

export function compileFilter(spec: FilterSpec, invalidMessage = invalidFilterMessage): CompiledFilter {
  if (spec.text === '') return { ok: true, test: undefined };
  const caseSensitive = spec.text !== spec.text.toLowerCase();
  if (!spec.regex) {
    const needle = caseSensitive ? spec.text : spec.text.toLowerCase();
    return { ok: true, test: caseSensitive ? (t) => t.includes(needle) : (t) => t.toLowerCase().includes(needle) };
  }
  try {
    const re = new RegExp(spec.text, caseSensitive ? '' : 'i');
    return { ok: true, test: (t) => re.test(t) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return { ok: false, message: fill(invalidMessage, reason) };
  }
}
