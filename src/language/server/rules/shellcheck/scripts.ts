/**
 * The scripts ShellCheck reads from a Dockerfile, the way hadolint hands them over: each
 * RUN body in the shell in effect (SHELL, inherited from the base stage), with the
 * stage's ARG and ENV names exported first so that they count as set (SC2154). A
 * `RUN <<EOF` heredoc is its own script; other heredocs stay inside the command line,
 * where the shell reads them too. Exec-form RUNs and non-POSIX shells (pwsh, cmd, and
 * shells ShellCheck does not know, like zsh) are not checked.
 *
 * The body is the Dockerfile text rewritten to shell text of the same length
 * (shell/run.ts), so an offset into it is an offset into the Dockerfile: that is how
 * ShellCheck's line and column come back to the right place on continued lines.
 */
import type { Arg, Env, Instruction } from 'dockerfile-ast';
import { isHeredocScript, toShellText } from '../../shell/run';
import type { RuleContext } from '../types';
import { docOf, shellSourceOf, type RunInfo, type Stage } from '../hadolint/context';

export type Dialect = 'sh' | 'bash' | 'dash' | 'ksh';

export interface ShellcheckScript {
  dialect: Dialect;
  /** The `export NAME=1` lines ShellCheck reads before the body. */
  prelude: string;
  /** Same length as the Dockerfile text it stands for, starting at `offset`. */
  body: string;
  /** Document offset of body[0]. */
  offset: number;
}

/** What ShellCheck is asked to read: the prelude, then the body. */
export function scriptText(script: ShellcheckScript): string {
  return script.prelude + script.body;
}

const dialects: Record<string, Dialect> = { sh: 'sh', ash: 'sh', busybox: 'sh', bash: 'bash', dash: 'dash', ksh: 'ksh', mksh: 'ksh', ksh93: 'ksh' };

/** The ShellCheck dialect of a SHELL argv (`[]` is Docker's default `/bin/sh -c`); undefined when it cannot check it. */
export function dialectOf(shell: readonly string[]): Dialect | undefined {
  if (shell.length === 0) return 'sh';
  const name = (path: string) => path.replace(/\\/g, '/').split('/').pop()?.replace(/\.exe$/i, '').toLowerCase() ?? '';
  let program = name(shell[0]);
  if (program === 'env' && shell[1]) program = name(shell[1]);
  if (program === 'busybox' && shell[1]) program = name(shell[1]);
  return dialects[program];
}

/** A heredoc script's own interpreter: its shebang when it has one, else the shell in effect. */
function heredocDialect(body: string, inEffect: Dialect | undefined): Dialect | undefined {
  const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(body);
  return shebang ? dialectOf(shebang[2] && /\/env$/.test(shebang[1]) ? [shebang[2]] : [shebang[1]]) : inEffect;
}

function namesSetBy(instruction: Instruction): string[] {
  const keyword = instruction.getKeyword();
  if (keyword === 'ARG') return (instruction as Arg).getProperties().map((p) => p.getName());
  if (keyword === 'ENV') return (instruction as Env).getProperties().map((p) => p.getName());
  return [];
}

/** ARG and ENV names set before `run` in its stage, and everything its base stages set. */
function namesInScope(run: RunInfo): string[] {
  const names = new Set<string>();
  const line = run.instruction.getRange().start.line;
  const chain: Stage[] = [];
  for (let stage = run.stage; stage && !chain.includes(stage); stage = stage.parent) chain.unshift(stage);
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      if (stage === run.stage && instruction.getRange().start.line >= line) break;
      for (const name of namesSetBy(instruction)) names.add(name);
    }
  }
  return [...names].filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)).sort();
}

/** Every script ShellCheck should read in this Dockerfile, in document order. */
export function shellcheckScripts(context: RuleContext): ShellcheckScript[] {
  const doc = docOf(context);
  const scripts: ShellcheckScript[] = [];
  for (const run of doc.runs) {
    if (!run.posix || run.script.exec) continue;
    const source = shellSourceOf(doc, run.instruction);
    if (!source) continue;
    const inEffect = dialectOf(run.shell);
    const names = namesInScope(run);
    const prelude = names.map((name) => `export ${name}=1\n`).join('');
    if (isHeredocScript(source)) {
      for (const heredoc of source.heredocBodies) {
        const body = source.text.slice(heredoc.start, heredoc.end);
        const dialect = heredocDialect(body, inEffect);
        if (dialect && body.trim()) scripts.push({ dialect, prelude, body, offset: source.offset + heredoc.start });
      }
      continue;
    }
    if (inEffect) scripts.push({ dialect: inEffect, prelude, body: toShellText(source), offset: source.offset });
  }
  return scripts;
}
