/**
 * Where findings are switched off from inside the Dockerfile, in both worlds' syntax:
 * BuildKit's parser directive `# check=skip=A,B;error=true` (file-wide) and hadolint's
 * pragmas `# hadolint ignore=DL3008` (the next instruction) and
 * `# hadolint global ignore=...` (file-wide). A hadolint pragma may name any code, so
 * BuildKit checks can be silenced for one instruction too.
 */
import type { Dockerfile } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';

export interface CheckDirective {
  /** The whole `# check=...` line. */
  range: Range;
  value: string;
}

export interface Suppressions {
  /** From `# check=skip=`; 'all' skips every BuildKit check. */
  checkSkip: Set<string> | 'all';
  /** `# check=error=true`: BuildKit findings become errors. */
  checkError: boolean;
  checkDirective: CheckDirective | undefined;
  /** Last line of the parser directives block (-1 if none): a new directive goes after it. */
  lastDirectiveLine: number;
  globalIgnore: Set<string>;
  /** Instruction start line → codes ignored on it, with the instruction's last line. */
  instructionIgnore: Map<number, { end: number; codes: Set<string> }>;
}

const directiveLine = /^\s*#\s*([a-zA-Z][a-zA-Z0-9_-]*)\s*=\s*(.*?)\s*$/;
const pragma = /^#\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)\s*$/;

function codes(list: string): string[] {
  return list.split(',').map((code) => code.trim()).filter((code) => code.length > 0);
}

/** BuildKit reads directives only at the very top: they stop at the first other line. */
function readDirectives(text: string): Pick<Suppressions, 'checkSkip' | 'checkError' | 'checkDirective' | 'lastDirectiveLine'> {
  let checkSkip: Set<string> | 'all' = new Set();
  let checkError = false;
  let checkDirective: CheckDirective | undefined;
  let lastDirectiveLine = -1;
  let start = 0;
  for (let line = 0; start <= text.length && line < 64; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const content = text.slice(start, end).replace(/\r$/, '');
    const match = directiveLine.exec(content);
    if (!match) break;
    lastDirectiveLine = line;
    if (match[1].toLowerCase() === 'check') {
      checkDirective = { range: { start: { line, character: 0 }, end: { line, character: content.length } }, value: match[2] };
      for (const part of match[2].split(';')) {
        const [key, value = ''] = part.split('=', 2).map((piece) => piece.trim());
        if (key === 'skip') checkSkip = value.toLowerCase() === 'all' ? 'all' : new Set(codes(value));
        if (key === 'error') checkError = value.toLowerCase() === 'true';
      }
    }
    start = end + 1;
  }
  return { checkSkip, checkError, checkDirective, lastDirectiveLine };
}

export function readSuppressions(dockerfile: Dockerfile, text: string, honourPragmas = true): Suppressions {
  const result: Suppressions = { ...readDirectives(text), globalIgnore: new Set(), instructionIgnore: new Map() };
  if (!honourPragmas) return result;
  const instructions = dockerfile.getInstructions();
  let next = 0;
  // Raw lines, not the AST's comments: a pragma on the first line may be read as a
  // parser directive by dockerfile-ast, and hadolint honours it there all the same.
  let start = 0;
  for (let line = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const content = text.slice(start, end).trim();
    start = end + 1;
    if (!content.startsWith('#')) continue;
    const match = pragma.exec(content);
    if (!match) continue;
    if (match[1]) {
      for (const code of codes(match[2])) result.globalIgnore.add(code);
      continue;
    }
    while (next < instructions.length && instructions[next].getRange().start.line <= line) next++;
    const instruction = instructions[next];
    if (!instruction) continue;
    const first = instruction.getRange().start.line;
    const entry = result.instructionIgnore.get(first) ?? { end: instruction.getRange().end.line, codes: new Set<string>() };
    for (const code of codes(match[2])) entry.codes.add(code);
    result.instructionIgnore.set(first, entry);
  }
  return result;
}

export function isSkippedByCheckDirective(suppressions: Suppressions, code: string): boolean {
  return suppressions.checkSkip === 'all' || suppressions.checkSkip.has(code);
}

/** Is a finding of `code` starting on `line` ignored by a hadolint pragma? */
export function isIgnoredAt(suppressions: Suppressions, code: string, line: number): boolean {
  if (suppressions.globalIgnore.has(code)) return true;
  // Findings report on lines inside their instruction; walk back to the instruction start.
  for (const [start, entry] of suppressions.instructionIgnore) {
    if (line >= start && line <= entry.end && entry.codes.has(code)) return true;
  }
  return false;
}
