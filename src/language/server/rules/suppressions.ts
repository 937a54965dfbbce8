/**
 * Where findings are switched off from inside the Dockerfile, in both worlds' syntax:
 * BuildKit's parser directive `# check=skip=A,B;error=true` (file-wide) and hadolint's
 * pragmas `# hadolint ignore=DL3008` (the next instruction) and
 * `# hadolint global ignore=...` (file-wide) and `# hadolint stage ignore=...` (the stage
 * the next FROM starts). A hadolint pragma may name any rule Berth knows, so BuildKit
 * checks can be silenced for one instruction too; like hadolint, a pragma that names
 * something that is not a rule (`ignore=crazy,DL3002`) ignores nothing, and a comment may
 * follow it (`ignore=DL3002 # why`).
 */
import type { Dockerfile, Instruction } from 'dockerfile-ast';
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
  /** `# check=experimental=A,B` (or all): the experimental BuildKit checks asked for. */
  checkExperimental: Set<string> | 'all';
  checkDirective: CheckDirective | undefined;
  /** Last line of the parser directives block (-1 if none): a new directive goes after it. */
  lastDirectiveLine: number;
  globalIgnore: Set<string>;
  /** Instruction start line → codes ignored on it, with the instruction's last line. */
  instructionIgnore: Map<number, { end: number; codes: Set<string> }>;
  /** `# hadolint stage ignore=`: line spans (a stage each) and the codes ignored there. */
  stageIgnore: Array<{ start: number; end: number; codes: Set<string> }>;
}

const directiveLine = /^\s*#\s*([a-zA-Z][a-zA-Z0-9_-]*)\s*=\s*(.*?)\s*$/;
const pragma = /^#\s*hadolint\s+(global\s+|stage\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)\s*(#.*)?$/;

/** `# check=skip=A,B` (anything may follow, BuildKit reads up to the first space). */
const localCheckSkip = /^#\s*check\s*=\s*skip\s*=\s*([A-Za-z0-9_,-]+)/i;
/** Stands for every BuildKit check in an instruction's ignore list (`# check=skip=all`). */
export const allBuildkitChecks = '*buildkit';

/** Codes hadolint's pragmas may name beyond Berth's rules: ShellCheck's. */
const shellcheckCode = /^SC\d{4}$/;

function codes(list: string): string[] {
  return list.split(',').map((code) => code.trim()).filter((code) => code.length > 0);
}

/** BuildKit reads directives only at the very top: they stop at the first other line. */
function readDirectives(text: string): Pick<Suppressions, 'checkSkip' | 'checkError' | 'checkExperimental' | 'checkDirective' | 'lastDirectiveLine'> {
  let checkSkip: Set<string> | 'all' = new Set();
  let checkExperimental: Set<string> | 'all' = new Set();
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
        if (key === 'experimental') checkExperimental = value.toLowerCase() === 'all' ? 'all' : new Set(codes(value));
      }
    }
    start = end + 1;
  }
  return { checkSkip, checkError, checkExperimental, checkDirective, lastDirectiveLine };
}

/**
 * `isRule` says whether a pragma's code names a rule; without it any code counts.
 */
export function readSuppressions(dockerfile: Dockerfile, text: string, honourPragmas = true, isRule: (code: string) => boolean = () => true): Suppressions {
  const result: Suppressions = { ...readDirectives(text), globalIgnore: new Set(), instructionIgnore: new Map(), stageIgnore: [] };
  const instructions = dockerfile.getInstructions();
  let next = 0;
  const nextInstruction = (line: number) => {
    while (next < instructions.length && instructions[next].getRange().start.line <= line) next++;
    return instructions[next] as Instruction | undefined;
  };
  const ignoreOn = (instruction: Instruction, listed: readonly string[]) => {
    const first = instruction.getRange().start.line;
    const entry = result.instructionIgnore.get(first) ?? { end: instruction.getRange().end.line, codes: new Set<string>() };
    for (const code of listed) entry.codes.add(code);
    result.instructionIgnore.set(first, entry);
  };
  // Raw lines, not the AST's comments: a pragma on the first line may be read as a
  // parser directive by dockerfile-ast, and hadolint honours it there all the same.
  let start = 0;
  for (let line = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const content = text.slice(start, end).trim();
    start = end + 1;
    if (!content.startsWith('#')) continue;
    if (line > result.lastDirectiveLine) {
      // BuildKit also reads `# check=skip=...` right above an instruction, for that instruction.
      const skip = localCheckSkip.exec(content);
      const instruction = skip ? nextInstruction(line) : undefined;
      if (skip && instruction) ignoreOn(instruction, skip[1].toLowerCase() === 'all' ? [allBuildkitChecks] : codes(skip[1]));
      if (skip) continue;
    }
    const match = honourPragmas ? pragma.exec(content) : null;
    if (!match) continue;
    const listed = codes(match[2]);
    if (!listed.every((code) => isRule(code) || shellcheckCode.test(code))) continue;
    const scope = match[1]?.trim();
    if (scope === 'global') {
      for (const code of listed) result.globalIgnore.add(code);
      continue;
    }
    const instruction = nextInstruction(line);
    if (!instruction) continue;
    if (scope === 'stage') {
      // Up to the next FROM: the stage this pragma's FROM starts.
      if (instruction.getKeyword() !== 'FROM') continue;
      const nextFrom = instructions.slice(next + 1).find((i) => i.getKeyword() === 'FROM');
      const first = instruction.getRange().start.line;
      result.stageIgnore.push({ start: first, end: nextFrom ? nextFrom.getRange().start.line - 1 : Number.MAX_SAFE_INTEGER, codes: new Set(listed) });
      continue;
    }
    ignoreOn(instruction, listed);
  }
  return result;
}

export function isSkippedByCheckDirective(suppressions: Suppressions, code: string): boolean {
  return suppressions.checkSkip === 'all' || suppressions.checkSkip.has(code);
}

export function isExperimentalEnabled(suppressions: Suppressions, code: string): boolean {
  return suppressions.checkExperimental === 'all' || suppressions.checkExperimental.has(code);
}

/** Is a finding of `code` starting on `line` ignored by a hadolint pragma? */
export function isIgnoredAt(suppressions: Suppressions, code: string, line: number, buildkit = false): boolean {
  if (suppressions.globalIgnore.has(code)) return true;
  // Findings report on lines inside their instruction; walk back to the instruction start.
  for (const [start, entry] of suppressions.instructionIgnore) {
    if (line >= start && line <= entry.end && (entry.codes.has(code) || (buildkit && entry.codes.has(allBuildkitChecks)))) return true;
  }
  for (const span of suppressions.stageIgnore) {
    if (line >= span.start && line <= span.end && span.codes.has(code)) return true;
  }
  return false;
}
