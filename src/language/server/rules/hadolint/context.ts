/**
 * What hadolint's rules share, computed once per parsed Dockerfile: offsets ↔ positions,
 * build stages, and the shell model of every RUN. The rule contract hands each rule
 * the same `dockerfile` object, so the model is cached on it (a WeakMap, so an old
 * document version is dropped with its AST).
 */
import type { From, Instruction, JSONInstruction, Onbuild, Run } from 'dockerfile-ast';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { emptyScript, type ShellScript } from '../../shell/model';
import { execScript, isExecForm, shellScript } from '../../shell/run';
import type { Finding, QuickFix, Rule, RuleContext, RuleSeverity } from '../types';

export interface Stage {
  index: number;
  from: From;
  /** The `AS name` alias, lowercased as BuildKit compares them; null when unnamed. */
  name: string | null;
  /** Instructions after the FROM, up to the next FROM. */
  instructions: Instruction[];
  /** The earlier stage this one is built on (`FROM build AS test`), if any. */
  parent: Stage | null;
}

export interface RunInfo {
  instruction: Run;
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
  text: string;
  stages: Stage[];
  runs: RunInfo[];
  /** Instructions before the first FROM (ARGs, or mistakes DL3061 reports). */
  preamble: Instruction[];
  offsetAt(position: Position): number;
  positionAt(offset: number): Position;
  range(start: number, end: number): Range;
}

const docs = new WeakMap<object, Doc>();

export function docOf(context: RuleContext): Doc {
  let doc = docs.get(context.dockerfile);
  if (!doc || doc.text !== context.text) {
    doc = build(context);
    docs.set(context.dockerfile, doc);
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
    text,
    stages: [],
    runs: [],
    preamble: [],
    offsetAt,
    positionAt,
    range: (start, end) => ({ start: positionAt(start), end: positionAt(end) }),
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
      stage = { index: doc.stages.length, from, name, instructions: [], parent: doc.stages.find((s) => s.name !== null && s.name === image) ?? null };
      doc.stages.push(stage);
      // A stage built on an earlier one inherits its SHELL.
      shell = stage.parent ? (lastShell.get(stage.parent) ?? []) : [];
      posix = isPosix(shell);
      continue;
    }
    if (stage) stage.instructions.push(instruction);
    else doc.preamble.push(instruction);
    if (keyword === 'SHELL') {
      shell = (instruction as unknown as JSONInstruction).getJSONStrings?.().map((s) => s.getJSONValue()) ?? [];
      posix = isPosix(shell);
      if (stage) lastShell.set(stage, shell);
    } else if (keyword === 'RUN') {
      doc.runs.push({ instruction: instruction as Run, stage, script: scriptOf(instruction as Run), posix, shell, onbuild: false });
    } else if (keyword === 'ONBUILD') {
      const trigger = (instruction as Onbuild).getTriggerInstruction();
      if (trigger && trigger.getKeyword() === 'RUN') {
        doc.runs.push({ instruction: trigger as Run, stage, script: scriptOf(trigger as Run), posix, shell, onbuild: true });
      }
    }
  }
  return doc;
}

/**
 * The shell model of any instruction body (RUN, or shell-form CMD/ENTRYPOINT). Heredoc
 * bodies are left alone by the Dockerfile → shell rewrite because the shell parses them.
 */
export function instructionScript(doc: Doc, instruction: Instruction): ShellScript {
  if (isExecForm(instruction)) return execScript(instruction as JSONInstruction, (line, character) => doc.offsetAt({ line, character }));
  const args = instruction.getArgumentsRange();
  if (!args) return emptyScript;
  const start = doc.offsetAt(args.start);
  const end = doc.offsetAt(instruction.getRange().end);
  const heredocs = (instruction as Run).getHeredocs?.() ?? [];
  const heredocBodies = heredocs.flatMap((h) => {
    const body = h.getContentRange();
    return body ? [{ start: doc.offsetAt({ line: body.start.line, character: 0 }) - start, end: doc.offsetAt(h.getDelimiterRange()?.end ?? body.end) - start }] : [];
  });
  return shellScript({ text: doc.text.slice(start, end), offset: start, heredocBodies, escapeChar: doc.context.dockerfile.getEscapeCharacter() });
}

function isPosix(shell: string[]): boolean {
  return shell.length === 0 || !/(pwsh|powershell|cmd)(\.exe)?$/i.test(shell[0]);
}

/** A hadolint rule: metadata plus a check over the shared Doc. */
export function rule(code: string, title: string, defaultSeverity: RuleSeverity, check: (doc: Doc) => Finding[]): Rule {
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

/** Targets of `RUN --mount=type=cache,target=...` flags, for rules a cache mount satisfies. */
export function cacheMounts(run: Run): string[] {
  return run
    .getFlags()
    .filter((f) => f.getName() === 'mount' && /(^|,)type=cache(,|$)/.test(f.getValue() ?? ''))
    .map((f) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.getValue() ?? '')?.[1] ?? '')
    .filter((t) => t !== '');
}

/** A fix that appends `&& command` after the RUN's last statement (not for exec form or heredocs). */
export function appendCleanup(doc: Doc, run: RunInfo, command: string): QuickFix[] {
  if (run.script.exec || run.script.heredoc || run.script.end < 0) return [];
  const range = run.instruction.getRange();
  const joiner = range.start.line === range.end.line ? ' && ' : ' \\\n    && ';
  return [fix(`Append \`&& ${command}\``, edit(doc, run.script.end, run.script.end, `${joiner}${command}`))];
}

/** Instructions of a stage with the given keyword. */
export function inStage(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.getKeyword() === keyword);
}
