/**
 * Exec forms that are not valid JSON. `CMD ["echo", "hi"` (the closing bracket missing)
 * is not an error to the builder: anything that does not parse as a JSON array of
 * strings is taken as a shell-form command, so the image builds and the container fails
 * when it starts (`/bin/sh: [echo,: not found`). When the arguments clearly meant JSON
 * (a `[` followed by a double-quoted string and then `,` or `]` or nothing), say where
 * the JSON breaks and offer the edit that mends it.
 */
import * as l10n from '@vscode/l10n';
import type { Instruction } from 'dockerfile-ast';
import type { Finding, Rule } from '../types';
import { flagsOf, lineStartsOf } from '../buildkit/util';

/** Instructions whose arguments may be a JSON array. */
const jsonInstructions = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'COPY', 'ADD', 'HEALTHCHECK']);

export interface JsonBreak {
  /** Offset in the scanned text where the JSON stops being valid. */
  at: number;
  problem: string;
  /** The edit that mends it, when one is clear: replace [start, end) with text. */
  mend?: { start: number; end: number; text: string; title: string };
}

/** Skips whitespace and line continuations (escape character + end of line). */
function skipBlank(text: string, i: number, escape: string): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    const continuation = text[i] === escape ? /^.[ \t]*\r?\n/.exec(text.slice(i, i + 64)) : null;
    if (!continuation) return i;
    i += continuation[0].length;
  }
}

/** The end of a JSON string starting at `i` (the opening quote), or -1 if it never closes on its line. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
    else if (text[j] === '\n') return -1;
  }
  return -1;
}

/**
 * Where `text` (an instruction's arguments) breaks as a JSON array of strings, or null
 * when it is valid JSON or does not look like an attempt at it (`RUN [ -f x ] && y` is
 * a shell test, and `[ "$a" = b ]` too: a string not followed by `,` or `]`).
 */
export function jsonBreak(text: string, escape = '\\'): JsonBreak | null {
  let i = skipBlank(text, 0, escape);
  if (text[i] !== '[') return null;
  const open = i;
  i = skipBlank(text, i + 1, escape);
  if (text[i] !== '"') return null;
  // It looks like JSON only if the first string is followed by `,`, `]` or nothing.
  const firstEnd = stringEnd(text, i);
  if (firstEnd < 0) return null;
  const afterFirst = skipBlank(text, firstEnd, escape);
  if (afterFirst < text.length && text[afterFirst] !== ',' && text[afterFirst] !== ']' && text[afterFirst] !== '"') return null;
  let lastEnd = open + 1;
  for (;;) {
    i = skipBlank(text, i, escape);
    if (text[i] !== '"') {
      if (text[i] === ']' && text[lastEnd - 1] === ',') {
        const comma = lastEnd - 1;
        return { at: comma, problem: l10n.t('a comma before the closing bracket'), mend: { start: comma, end: comma + 1, text: '', title: l10n.t('Remove the trailing comma') } };
      }
      return { at: Math.min(i, text.length), problem: l10n.t('expected a double-quoted string') };
    }
    const end = stringEnd(text, i);
    if (end < 0) return { at: i, problem: l10n.t('a string that is not closed'), mend: { start: text.trimEnd().length, end: text.trimEnd().length, text: '"]', title: l10n.t('Close the string and the array') } };
    lastEnd = end;
    i = skipBlank(text, end, escape);
    if (i >= text.length) return { at: lastEnd, problem: l10n.t('the closing bracket is missing'), mend: { start: lastEnd, end: lastEnd, text: ']', title: l10n.t('Add the closing bracket') } };
    if (text[i] === ',') {
      lastEnd = i + 1;
      i++;
      continue;
    }
    if (text[i] === '"') return { at: i, problem: l10n.t('a comma is missing between two strings'), mend: { start: lastEnd, end: lastEnd, text: ',', title: l10n.t('Add the missing comma') } };
    if (text[i] !== ']') return { at: i, problem: l10n.t('expected a comma or the closing bracket'), mend: undefined };
    const rest = skipBlank(text, i + 1, escape);
    if (rest < text.length) return { at: rest, problem: l10n.t('text after the closing bracket') };
    return null;
  }
}

/** Where an instruction's possible JSON starts: after the keyword and flags (and HEALTHCHECK's options and CMD). */
export function jsonArgumentsStart(instruction: Instruction, lineStarts: number[]): number | undefined {
  const keyword = instruction.getKeyword();
  if (!jsonInstructions.has(keyword)) return undefined;
  const offset = (position: { line: number; character: number }) => lineStarts[position.line] + position.character;
  if (keyword === 'HEALTHCHECK') {
    const cmd = instruction.getArguments().find((argument) => argument.getValue().toUpperCase() === 'CMD');
    return cmd ? offset(cmd.getRange().end) : undefined;
  }
  const flags = flagsOf(instruction);
  const after = flags.length > 0 ? flags[flags.length - 1].getRange().end : instruction.getInstructionRange().end;
  return offset(after);
}

/** What the builder does with arguments that are not JSON, where it is not "run it under /bin/sh -c". */
function consequence(keyword: string): string {
  if (keyword === 'SHELL') return l10n.t('the build fails (SHELL takes only JSON)');
  if (keyword === 'COPY' || keyword === 'ADD' || keyword === 'VOLUME') return l10n.t('the builder reads it as space-separated paths, brackets and quotes included');
  return l10n.t('the builder runs it as a shell command');
}

export const malformedExecForm: Rule = {
  code: 'MalformedExecForm', source: 'berth', title: 'Exec form that is not valid JSON', defaultSeverity: 'warning',
  check(context) {
    const starts = lineStartsOf(context.text);
    const escape = context.dockerfile.getEscapeCharacter();
    const findings: Finding[] = [];
    const position = (offset: number) => {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
      return { line, character: offset - starts[line] };
    };
    const check = (instruction: Instruction) => {
      const start = jsonArgumentsStart(instruction, starts);
      if (start === undefined) return;
      const end = starts[instruction.getRange().end.line] + instruction.getRange().end.character;
      const args = context.text.slice(start, end);
      const broken = jsonBreak(args, escape);
      if (!broken) return;
      const at = start + Math.min(broken.at, Math.max(args.trimEnd().length - 1, 0));
      const keyword = instruction.getKeyword();
      findings.push({
        range: { start: position(at), end: position(at + 1) },
        message: l10n.t('This {0} looks like an exec form (JSON array) but is not valid JSON ({1}), so {2}', keyword, broken.problem, consequence(keyword)),
        fixes: broken.mend ? [{ title: broken.mend.title, edits: [{ range: { start: position(start + broken.mend.start), end: position(start + broken.mend.end) }, newText: broken.mend.text }] }] : [],
      });
    };
    for (const instruction of context.dockerfile.getInstructions()) {
      check(instruction);
      if (instruction.getKeyword() === 'ONBUILD') {
        const trigger = (instruction as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
        if (trigger) check(trigger);
      }
    }
    return findings;
  },
};
