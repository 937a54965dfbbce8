/**
 * `$NAME` / `${NAME...}` uses in an instruction, found in one linear scan. dockerfile-ast's
 * own `getVariables()` resolves every use against the whole file as it goes, which made
 * rules and features quadratic (seconds on 10,000 lines); we only need names and places.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';

export interface VariableUse {
  name: string;
  nameRange: Range;
  /** The whole `$NAME` or `${...}` text. */
  range: Range;
  /** `-`, `+`, `?` (with or without `:`), `#`, `%`, ... or null for a bare use. */
  modifier: string | null;
}

const cache = new WeakMap<Instruction, VariableUse[]>();
const nameStart = /[A-Za-z_]/;
const namePart = /[A-Za-z0-9_]/;

export function variableUses(instruction: Instruction, escapeChar = '\\'): VariableUse[] {
  const cached = cache.get(instruction);
  if (cached) return cached;
  const uses: VariableUse[] = [];
  const text = instruction.getTextContent();
  if (!text.includes('$')) {
    cache.set(instruction, uses);
    return uses;
  }
  const origin = instruction.getRange().start;
  // The line and column of text[i], from the few line breaks of the instruction (a
  // table of every character's position cost more than the scan on a big file).
  const breaks: number[] = [];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) breaks.push(index);
  const at = (i: number) => {
    let before = 0;
    while (before < breaks.length && breaks[before] < i) before++;
    return before === 0 ? { line: origin.line, character: origin.character + i } : { line: origin.line + before, character: i - breaks[before - 1] - 1 };
  };
  let start = instruction.getInstructionRange().end.character - origin.character;
  if (instruction.getInstructionRange().end.line !== origin.line) start = 0;
  let quote: string | null = null;
  for (let i = Math.max(0, start); i < text.length; i++) {
    const char = text[i];
    if (char === escapeChar && quote !== "'") {
      i++; // an escaped character, `\$` included, is literal
      continue;
    }
    if (char === "'" && quote === null) quote = "'";
    else if (char === "'" && quote === "'") quote = null;
    else if (char === '"' && quote === null) quote = '"';
    else if (char === '"' && quote === '"') quote = null;
    if (char !== '$' || quote === "'") continue;
    if (text[i + 1] === '{') {
      let j = i + 2;
      if (!nameStart.test(text[j] ?? '')) continue;
      while (j < text.length && namePart.test(text[j])) j++;
      let modifier: string | null = null;
      if (text[j] !== '}') {
        modifier = text[j] === ':' ? text[j + 1] ?? ':' : text[j] ?? null;
      }
      let end = text.indexOf('}', j);
      if (end < 0) end = j - 1;
      uses.push({ name: text.slice(i + 2, j), nameRange: { start: at(i + 2), end: at(j) }, range: { start: at(i), end: at(end + 1) }, modifier });
      i = j - 1; // keep scanning inside `${a:-$b}` for nested uses
    } else if (nameStart.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (j < text.length && namePart.test(text[j])) j++;
      uses.push({ name: text.slice(i + 1, j), nameRange: { start: at(i + 1), end: at(j) }, range: { start: at(i), end: at(j) }, modifier: null });
      i = j - 1;
    }
  }
  cache.set(instruction, uses);
  return uses;
}

/** A use BuildKit would replace with nothing when the name is undefined. */
export function isBare(use: VariableUse): boolean {
  return use.modifier === null || use.modifier === '?';
}
