/**
 * What hadolint's rules share, computed once per parsed Dockerfile: offsets ↔ positions,
 * build stages, and the shell model of every RUN. The rule contract hands each rule
 * the same `dockerfile` object, so the model is cached on it (a WeakMap, so an old
 * document version is dropped with its AST).
 */
import * as l10n from '@vscode/l10n';
import type { From, Instruction, JSONInstruction, Onbuild, Run } from 'dockerfile-ast';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { emptyScript, type ShellScript } from '../../shell/model';
import { shellParser } from '../../shell/parser';
import { execScript, shellScript, type ShellSource } from '../../shell/run';
import type { Finding, QuickFix, Rule, RuleContext, RuleSeverity } from '../types';

export interface Stage {
  index: number;
  /**
   * Null for the implicit stage of a fragment: a Dockerfile without any FROM (a snippet,
   * an ONBUILD trigger list) is linted as one stage, as hadolint does.
   */
  from: From | null;
  /** The `AS name` alias, lowercased as BuildKit compares them; null when unnamed. */
  name: string | null;
  /** Instructions after the FROM, up to the next FROM. */
  instructions: Instruction[];
  /** The earlier stage this one is built on (`FROM build AS test`), if any. */
  parent: Stage | null;
  /** The same instructions grouped by keyword, so rules need not rescan them. */
  byKeyword: Map<string, Instruction[]>;
}

export interface Flag {
  name: string;
  value: string;
}

/**
 * Where an instruction's arguments are, found by scanning the text once. dockerfile-ast
 * re-tokenizes the instruction on every getArguments()/getFlags()/getArgumentsRange()
 * call, which dominated the cost of linting a large file.
 */
export interface Body {
  /** Offset of the first argument after the flags. */
  start: number;
  /** Offset of the instruction's end. */
  end: number;
  flags: Flag[];
  /** JSON (exec) form: `[` starts the arguments. */
  json: boolean;
}

export interface RunInfo {
  instruction: Run;
  body: Body;
  stage: Stage | null;
  script: ShellScript;
  /** False when SHELL switched to something that is not a POSIX shell (pwsh, cmd). */
  posix: boolean;
  /** The argv of the SHELL in effect (empty for the default `/bin/sh -c`). */
  shell: string[];
  onbuild: boolean;
}

export interface Doc {
  context: RuleContext;
  withShell: boolean;
  text: string;
  stages: Stage[];
  runs: RunInfo[];
  /** Instructions before the first FROM (ARGs, or mistakes DL3061 reports). */
  preamble: Instruction[];
  offsetAt(position: Position): number;
  positionAt(offset: number): Position;
  range(start: number, end: number): Range;
  /** Per-document memo for facts several rules share (see `memo`). */
  memo: Map<string, unknown>;
  bodies: Map<Instruction, Body>;
}

const docs = new WeakMap<object, Doc>();

export function docOf(context: RuleContext): Doc {
  let doc = docs.get(context.dockerfile);
  // A model built while the shell parser was loading has no shell facts; rebuild it once ready.
  if (!doc || doc.text !== context.text || (!doc.withShell && shellParser() !== null)) {
    doc = build(context);
    docs.set(context.dockerfile, doc);
  } else if (doc.context !== context) {
    // Same text, a new lint (the settings or .hadolint.yaml may have changed): the parse
    // and shell model still hold, facts computed from the old context do not.
    doc.context = context;
    doc.memo.clear();
  }
  return doc;
}

function build(context: RuleContext): Doc {
  const text = context.text;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offsetAt = (p: Position) => Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const positionAt = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - lineStarts[lo] };
  };
  const doc: Doc = {
    context,
    withShell: shellParser() !== null,
    text,
    stages: [],
    runs: [],
    preamble: [],
    offsetAt,
    positionAt,
    range: (start, end) => ({ start: positionAt(start), end: positionAt(end) }),
    memo: new Map(),
    bodies: new Map(),
  };

  const scriptOf = (run: Instruction) => instructionScript(doc, run);

  let stage: Stage | null = null;
  const lastShell = new Map<Stage, string[]>();
  let posix = true;
  let shell: string[] = [];
  for (const instruction of context.dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const from = instruction as From;
      const name = from.getBuildStage()?.toLowerCase() ?? null;
      const image = from.getImageName()?.toLowerCase() ?? '';
      stage = { index: doc.stages.length, from, name, instructions: [], parent: doc.stages.find((s) => s.name !== null && s.name === image) ?? null, byKeyword: new Map() };
      doc.stages.push(stage);
      // A stage built on an earlier one inherits its SHELL.
      shell = stage.parent ? (lastShell.get(stage.parent) ?? []) : [];
      posix = isPosix(shell);
      continue;
    }
    if (stage) {
      stage.instructions.push(instruction);
      const same = stage.byKeyword.get(keyword);
      if (same) same.push(instruction);
      else stage.byKeyword.set(keyword, [instruction]);
    } else doc.preamble.push(instruction);
    if (keyword === 'SHELL') {
      shell = (instruction as unknown as JSONInstruction).getJSONStrings?.().map((s) => s.getJSONValue()) ?? [];
      posix = isPosix(shell);
      if (stage) lastShell.set(stage, shell);
    } else if (keyword === 'RUN') {
      doc.runs.push({ instruction: instruction as Run, body: bodyOf(doc, instruction), stage, script: scriptOf(instruction as Run), posix, shell, onbuild: false });
    } else if (keyword === 'ONBUILD') {
      const trigger = (instruction as Onbuild).getTriggerInstruction();
      if (trigger && trigger.getKeyword() === 'RUN') {
        doc.runs.push({ instruction: trigger as Run, body: bodyOf(doc, trigger), stage, script: scriptOf(trigger as Run), posix, shell, onbuild: true });
      }
    }
  }
  if (doc.stages.length === 0) fragmentStage(doc);
  return doc;
}

/** A file with no FROM at all: its instructions form one stage, so the stage rules see them. */
function fragmentStage(doc: Doc): void {
  const instructions = doc.preamble.filter((i) => i.getKeyword() !== 'ARG');
  if (instructions.length === 0) return;
  const stage: Stage = { index: 0, from: null, name: null, instructions, parent: null, byKeyword: new Map() };
  for (const instruction of instructions) {
    const same = stage.byKeyword.get(instruction.getKeyword());
    if (same) same.push(instruction);
    else stage.byKeyword.set(instruction.getKeyword(), [instruction]);
  }
  doc.stages.push(stage);
  for (const run of doc.runs) run.stage = stage;
}

/**
 * The shell model of any instruction body (RUN, or shell-form CMD/ENTRYPOINT). Heredoc
 * bodies are left alone by the Dockerfile → shell rewrite because the shell parses them.
 */
export function instructionScript(doc: Doc, instruction: Instruction): ShellScript {
  const body = bodyOf(doc, instruction);
  if (body.json && (instruction as JSONInstruction).getJSONStrings?.().length) {
    return execScript(instruction as JSONInstruction, (line, character) => doc.offsetAt({ line, character }));
  }
  const source = shellSourceOf(doc, instruction);
  return source ? shellScript(source) : emptyScript;
}

/** A shell-form body as the shell model and ShellCheck read it; undefined when empty. */
export function shellSourceOf(doc: Doc, instruction: Instruction): ShellSource | undefined {
  const body = bodyOf(doc, instruction);
  if (body.start >= body.end) return undefined;
  const text = doc.text.slice(body.start, body.end);
  const heredocs = text.includes('<<') ? ((instruction as Run).getHeredocs?.() ?? []) : [];
  const heredocBodies = heredocs.flatMap((h) => {
    const content = h.getContentRange();
    const delimiter = h.getDelimiterRange();
    const end = delimiter ? doc.offsetAt({ line: delimiter.start.line, character: 0 }) : doc.offsetAt(content?.end ?? h.getStartRange().end);
    return content ? [{ start: doc.offsetAt({ line: content.start.line, character: 0 }) - body.start, end: end - body.start }] : [];
  });
  return { text, offset: body.start, heredocBodies, escapeChar: doc.context.dockerfile.getEscapeCharacter() };
}

const flagged = new Set(['RUN', 'COPY', 'ADD', 'FROM', 'HEALTHCHECK']);

/** The instruction's arguments: skips the keyword, line continuations and `--flag=value` options. */
export function bodyOf(doc: Doc, instruction: Instruction): Body {
  const known = doc.bodies.get(instruction);
  if (known) return known;
  const text = doc.text;
  const escape = doc.context.dockerfile.getEscapeCharacter();
  const end = doc.offsetAt(instruction.getRange().end);
  let i = doc.offsetAt(instruction.getInstructionRange().end);
  const flags: Flag[] = [];
  const hasFlags = flagged.has(instruction.getKeyword());
  for (;;) {
    while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n' || (text[i] === escape && /^.[ \t]*\r?\n/.test(text.slice(i, i + 40))))) i++;
    if (!hasFlags || !text.startsWith('--', i)) break;
    let j = i;
    while (j < end && !/\s/.test(text[j])) j++;
    const token = text.slice(i + 2, j);
    const eq = token.indexOf('=');
    flags.push({ name: eq < 0 ? token : token.slice(0, eq), value: eq < 0 ? '' : token.slice(eq + 1) });
    i = j;
  }
  const body: Body = { start: Math.min(i, end), end, flags, json: text[i] === '[' };
  doc.bodies.set(instruction, body);
  return body;
}

/** Computes a fact once per document, for facts several rules share. */
export function memo<T>(doc: Doc, key: string, compute: () => T): T {
  if (!doc.memo.has(key)) doc.memo.set(key, compute());
  return doc.memo.get(key) as T;
}

function isPosix(shell: string[]): boolean {
  return shell.length === 0 || !/(pwsh|powershell|cmd)(\.exe)?$/i.test(shell[0]);
}

/** A hadolint rule: metadata plus a check over the shared Doc. */
export function rule(code: string, title: string, defaultSeverity: RuleSeverity | 'off', check: (doc: Doc) => Finding[]): Rule {
  return { code, source: 'hadolint', title, defaultSeverity, check: (context) => check(docOf(context)) };
}

/** Findings from RUNs whose shell the model understands (parsed, POSIX shell). */
export function shellRule(code: string, title: string, defaultSeverity: RuleSeverity, check: (run: RunInfo, doc: Doc) => Finding[]): Rule {
  return rule(code, title, defaultSeverity, (doc) => doc.runs.filter((r) => r.posix && r.script.parsed).flatMap((r) => check(r, doc)));
}

export function edit(doc: Doc, start: number, end: number, newText: string): TextEdit {
  return { range: doc.range(start, end), newText };
}

export function fix(title: string, ...edits: TextEdit[]): QuickFix {
  return { title, edits };
}

/**
 * Targets of `RUN --mount=type=cache,target=...` and `type=tmpfs` flags, for rules such a
 * mount satisfies: either way nothing written there stays in the layer.
 */
export function cacheMounts(run: RunInfo): string[] {
  return run.body.flags
    .filter((f) => f.name === 'mount' && /(^|,)type=(cache|tmpfs)(,|$)/.test(f.value))
    .map((f) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value)?.[1] ?? '')
    .filter((t) => t !== '');
}

/** A fix that appends `&& command` after the RUN's last statement (not for exec form or heredocs). */
export function appendCleanup(doc: Doc, run: RunInfo, command: string): QuickFix[] {
  if (run.script.exec || run.script.heredoc || run.script.end < 0) return [];
  const range = run.instruction.getRange();
  const joiner = range.start.line === range.end.line ? ' && ' : ' \\\n    && ';
  return [fix(l10n.t('Append `&& {0}`', command), edit(doc, run.script.end, run.script.end, `${joiner}${command}`))];
}

/** The source text of a range, escapes and quotes as written. */
export function rawText(doc: Doc, range: Range): string {
  return doc.text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
}

export function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/s, '$2');
}

/** A Unix absolute path, a variable (unknown, so given the benefit), or a Windows one: `C:\\`, `c:/`, `\\share`. */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|\$|[a-zA-Z]:([\\/]|$)|\\)/.test(path);
}

/** A stage whose layers end up in an image someone runs: the last one, or one a later FROM builds on. */
export function shipped(doc: Doc, stage: Stage | null): boolean {
  if (!stage) return true;
  return stage.index === doc.stages.length - 1 || doc.stages.some((s) => s.parent === stage);
}

/** Stages that start with a FROM (all but a fragment's implicit stage). */
export function builtStages(doc: Doc): Array<Stage & { from: From }> {
  return doc.stages.filter((s): s is Stage & { from: From } => s.from !== null);
}

/** Where a finding about a whole stage goes: its FROM, or a fragment's first instruction. */
export function stageRange(stage: Stage): Range {
  return (stage.from ?? stage.instructions[0]).getRange();
}

/** Instructions of a stage with the given keyword, in order. */
export function inStage(stage: Stage, keyword: string): Instruction[] {
  return stage.byKeyword.get(keyword) ?? [];
}
