/**
 * A RUN instruction (or any shell-form instruction body) → its ShellScript. The body
 * is cut from the document so offsets stay document offsets: Dockerfile-only syntax
 * (comment lines inside a continuation, blank continuation lines, a backtick escape
 * character, CRLF) is rewritten to shell syntax of exactly the same length.
 */
import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { emptyScript, type ShellScript } from './model';
import { parseInto } from './parse';
import { shellParser } from './parser';

/**
 * Parsed scripts keyed by the body text alone, with offsets relative to the body: an
 * edit above a RUN shifts it but does not make it parse again.
 */
const cache = new Map<string, ShellScript>();
const cacheLimit = 5000;

function shifted(script: ShellScript, delta: number): ShellScript {
  if (delta === 0) return script;
  const move = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start + delta, end: x.end + delta });
  return {
    ...script,
    byName: undefined,
    commands: script.commands.map((c) => ({ ...move(c), argv: c.argv.map(move) })),
    pipes: script.pipes.map(move),
    end: script.end + delta,
  };
}

export interface ShellSource {
  /** The instruction body as written, from the first argument to the instruction's end. */
  text: string;
  /** Document offset of text[0]. */
  offset: number;
  /** Heredoc bodies (offsets into text, from the first body line to the delimiter line), left untouched by the rewrite. */
  heredocBodies: { start: number; end: number }[];
  escapeChar: string;
}

/** Rewrites Dockerfile line handling into same-length shell text. */
export function toShellText(source: ShellSource): string {
  const { text, heredocBodies } = source;
  const inHeredoc = (i: number) => heredocBodies.some((h) => i >= h.start && i < h.end);
  const out = text.split('');
  let lineStart = 0;
  let first = true;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (!inHeredoc(lineStart)) {
      const line = text.slice(lineStart, lineEnd);
      if (!first && /^\s*(#.*)?\r?$/.test(line)) {
        // Docker drops comment and blank lines inside a continued instruction; blanking
        // the newline too keeps the shell's continuation intact.
        for (let i = lineStart; i <= Math.min(lineEnd, text.length - 1); i++) out[i] = ' ';
      } else {
        const m = new RegExp(`\\${source.escapeChar}([ \\t]*)\\r?$`).exec(line);
        if (m) {
          // Continuation: shell needs the backslash right before the newline.
          const at = lineStart + m.index;
          for (let i = at; i < lineEnd; i++) out[i] = ' ';
          out[lineEnd - 1] = '\\';
        } else if (line.endsWith('\r')) {
          out[lineEnd - 1] = ' ';
        }
      }
    }
    first = false;
    lineStart = lineEnd + 1;
  }
  return out.join('');
}

/**
 * `RUN <<EOF`: the command line holds nothing but the heredoc, so BuildKit runs each
 * body as the script (a shebang picks its interpreter).
 */
export function isHeredocScript(source: ShellSource): boolean {
  const first = source.heredocBodies[0];
  return first !== undefined && source.text.slice(0, first.start).replace(/<<-?\s*(["']?)[\w.-]+\1/g, '').trim() === '';
}

export function shellScript(source: ShellSource): ShellScript {
  const key = `${source.escapeChar}\u0000${source.text}`;
  const hit = cache.get(key);
  if (hit) return shifted(hit, source.offset);
  const script: ShellScript = { commands: [], pipes: [], parsed: false, exec: false, end: -1, heredoc: source.heredocBodies.length > 0 };
  if (!shellParser()) return script; // not cached: the parser is still loading
  if (isHeredocScript(source)) {
    script.parsed = source.heredocBodies.every((h) => {
      const body = source.text.slice(h.start, h.end);
      if (/^#!/.test(body) && !/^#!\S*\b(sh|bash|ash|dash)\b/.test(body)) return true;
      return parseInto(body, h.start, script);
    });
  } else {
    script.parsed = parseInto(toShellText(source), 0, script);
  }
  if (script.end < 0) script.end = source.text.trimEnd().length;
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, script);
  return shifted(script, source.offset);
}

/** Exec form: the JSON strings are argv, with their source ranges. */
export function execScript(instruction: JSONInstruction, offsetOf: (line: number, character: number) => number): ShellScript {
  const argv = instruction.getJSONStrings().map((s) => {
    const r = s.getRange();
    return { raw: s.getValue(), value: s.getJSONValue(), start: offsetOf(r.start.line, r.start.character), end: offsetOf(r.end.line, r.end.character) };
  });
  if (argv.length === 0) return { ...emptyScript, exec: true };
  return {
    commands: [{ name: argv[0].value, argv, start: argv[0].start, end: argv[argv.length - 1].end, joinedBy: ';', inPipe: false }],
    pipes: [],
    parsed: true,
    exec: true,
    end: argv[argv.length - 1].end,
    heredoc: false,
  };
}

/** True when the instruction is written in JSON (exec) form. */
export function isExecForm(instruction: Instruction): boolean {
  return /^\s*\[/.test(instruction.getRawArgumentsContent() ?? '') && (instruction as JSONInstruction).getJSONStrings?.().length > 0;
}
