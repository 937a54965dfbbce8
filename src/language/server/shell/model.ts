/**
 * The shell model of a RUN instruction: the simple commands it runs, in source order,
 * with argv words whose quotes are resolved when the word is static. Offsets are into
 * the whole Dockerfile text, so a rule can point a diagnostic or an edit at one word.
 */

export type Joiner = '&&' | '||' | '|' | '|&' | ';';

export interface ShellWord {
  /** The word as written, quotes included. */
  raw: string;
  /** The word's value after quote removal; null when it depends on an expansion. */
  value: string | null;
  start: number;
  end: number;
}

export interface ShellCommand {
  /** argv[0]'s static value ('' when it is dynamic). */
  name: string;
  argv: ShellWord[];
  start: number;
  end: number;
  /** The operator between this command and the one before it. */
  joinedBy: Joiner;
  /** True when the command is one side of a pipe. */
  inPipe: boolean;
}

export interface ShellPipe {
  start: number;
  end: number;
  /** Whether `set -o pipefail` ran before this pipe in the same script. */
  pipefail: boolean;
}

export interface ShellScript {
  commands: ShellCommand[];
  pipes: ShellPipe[];
  /** False when the text is not valid shell; rules then stay silent. */
  parsed: boolean;
  /** Exec form (`RUN ["a", "b"]`): one command, no shell involved. */
  exec: boolean;
  /** Offset just after the last top-level statement, where a `&& cleanup` can be appended. */
  end: number;
  /** The body is (or contains) a heredoc script, so appending text at `end` is unsafe. */
  heredoc: boolean;
  /** Commands by basename, built on first use by `commandsNamed`. */
  byName?: Map<string, ShellCommand[]>;
}

export const emptyScript: ShellScript = { commands: [], pipes: [], parsed: false, exec: false, end: -1, heredoc: false };

/** Static argument values after argv[0], dynamic words skipped. */
export function args(cmd: ShellCommand): string[] {
  const out: string[] = [];
  for (let i = 1; i < cmd.argv.length; i++) {
    const value = cmd.argv[i].value;
    if (value !== null) out.push(value);
  }
  return out;
}

/**
 * Whether the command carries a flag, given its short letters (e.g. 'y', matched inside
 * clusters like `-qy`) and long names (e.g. 'yes', also matching `--yes=...`). Stops at `--`.
 */
export function hasFlag(cmd: ShellCommand, short: string, long: readonly string[] = []): boolean {
  for (const word of cmd.argv.slice(1)) {
    const v = word.value;
    if (v === null) continue;
    if (v === '--') break;
    if (v.startsWith('--')) {
      const name = v.slice(2).split('=')[0];
      if (long.includes(name)) return true;
    } else if (v.startsWith('-') && v.length > 1 && short !== '') {
      // A cluster like -qy: every letter is a flag. A value glued to a flag (-ofoo)
      // could contain the letter too; packaging tools rarely do that for -y.
      for (const ch of v.slice(1)) if (short.includes(ch)) return true;
    }
  }
  return false;
}

export interface Operand {
  word: ShellWord;
  value: string | null;
}

/**
 * The non-flag arguments after the subcommand word (argv index `from`), skipping the
 * values of flags that take one (given as '-t' or '--target-release').
 */
export function operands(cmd: ShellCommand, from: number, valueFlags: readonly string[] = []): Operand[] {
  const out: Operand[] = [];
  let afterDashDash = false;
  for (let i = from; i < cmd.argv.length; i++) {
    const word = cmd.argv[i];
    const v = word.value;
    if (!afterDashDash && v !== null && v.startsWith('-') && v.length > 1) {
      if (v === '--') {
        afterDashDash = true;
        continue;
      }
      if (!v.includes('=') && valueFlags.includes(v)) i++;
      continue;
    }
    out.push({ word, value: v });
  }
  return out;
}

/** Index of the first argument whose value is one of `words` (a subcommand), or -1. */
export function subcommandIndex(cmd: ShellCommand, words: readonly string[]): number {
  for (let i = 1; i < cmd.argv.length; i++) {
    const v = cmd.argv[i].value;
    if (v !== null && words.includes(v)) return i;
  }
  return -1;
}


/** Commands named one of `names` (argv[0]'s basename, so /usr/bin/apt-get counts), in source order. */
export function commandsNamed(script: ShellScript, names: readonly string[]): ShellCommand[] {
  let index = script.byName;
  if (!index) {
    // Every rule asks this of every RUN; index the script once.
    index = new Map();
    for (const c of script.commands) {
      const key = basename(c.name);
      const list = index.get(key);
      if (list) list.push(c);
      else index.set(key, [c]);
    }
    script.byName = index;
  }
  if (names.length === 1) return index.get(names[0]) ?? [];
  return names.flatMap((n) => index.get(n) ?? []).sort((a, b) => a.start - b.start);
}

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}
