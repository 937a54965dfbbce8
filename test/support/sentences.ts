/**
 * What "rejected with one sentence that says what is wrong" means, as a check the unit
 * and host tiers share: a full stop at the end and no other sentence ending inside
 * (quoted values, `code`, parentheses and "e.g." do not count), no stack trace, no
 * error-class prefix, short enough for a notification. An absolute path counts as one word:
 * it is the person's own (a clone can sit 120 characters deep), not the sentence's wordiness.
 */
export function sentenceProblem(text: string | undefined): string | undefined {
  const t = (text ?? '').trim();
  if (!t) return 'the message is empty';
  if (/^[A-Za-z]*Error\b|\n|\bat .*:\d+:\d+/.test(t)) return `"${t}" looks like a raw error, not a sentence`;
  if (!t.endsWith('.')) return `"${t}" does not end with a full stop`;
  if (t.replace(/(?<![\w.])(?:\/[^\s/"'`]+)+\/?/g, '/path').length > 240) return `"${t}" is longer than 240 characters (paths aside)`;
  const bare = t
    .replace(/"[^"]*"/g, '""')
    .replace(/`[^`]*`/g, '``')
    .replace(/\([^()]*\)/g, '()')
    .replace(/\b(e\.g|i\.e)\./g, '$1');
  if (/[.!?]\s/.test(bare.slice(0, -1))) return `"${t}" holds more than one sentence`;
  return undefined;
}

/** Throws unless `text` is one sentence that matches `says`. */
export function assertOneSentence(text: string | undefined, says: RegExp, where = 'the rejection'): void {
  const problem = sentenceProblem(text);
  if (problem) throw new Error(`${where}: ${problem}`);
  if (!says.test(text ?? '')) throw new Error(`${where}: "${text}" does not say ${says}`);
}
