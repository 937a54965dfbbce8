/**
 * Shell text → ShellScript, from tree-sitter-bash's syntax tree. One pass of a tree
 * cursor finds commands, the operators between them and pipes; words get their static
 * value (quotes removed) when nothing in them expands. Heredoc bodies fed to a shell
 * (`bash <<EOF`) are parsed as scripts too, because that is what runs.
 */
import type { Node } from 'web-tree-sitter';
import { basename, type Joiner, type ShellCommand, type ShellPipe, type ShellScript, type ShellWord } from './model';
import { shellParser } from './parser';

const joinerTypes = new Set(['&&', '||', '|', '|&', ';']);
const shells = ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh'];

/**
 * Quote removal on a word's source text (tree-sitter found its boundaries): single and
 * double quotes and backslashes are resolved; any expansion ($, `) makes it dynamic.
 * Working on text avoids creating a WebAssembly-backed node object per word.
 */
export function unquote(raw: string): string | null {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === '\\') {
      if (raw[i + 1] !== '\n') out += raw[i + 1] ?? '';
      i += 2;
    } else if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      if (close < 0) return null;
      out += raw.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        const d = raw[i];
        if (d === '$' || d === '`') return null;
        if (d === '\\' && '$`"\\\n'.includes(raw[i + 1] ?? '')) {
          if (raw[i + 1] !== '\n') out += raw[i + 1];
          i += 2;
        } else {
          out += d;
          i++;
        }
      }
      i++;
    } else if (c === '$' || c === '`') {
      return null;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function word(src: string, start: number, end: number, base: number): ShellWord {
  const raw = src.slice(start, end);
  return { raw, value: unquote(raw), start: base + start, end: base + end };
}

function toCommand(argv: ShellWord[]): ShellCommand {
  return { name: argv[0].value ?? '', argv, start: argv[0].start, end: argv[argv.length - 1].end, joinedBy: ';', inPipe: false };
}

/** Whether a heredoc body is a script: its command is a shell reading stdin (no -c). */
function feedsShell(body: Node): boolean {
  const statement = body.parent?.parent;
  const command = statement?.type === 'redirected_statement' ? statement.childForFieldName('body') : null;
  const name = command?.type === 'command' ? command.childForFieldName('name') : null;
  if (!command || !name) return false;
  const args = command.childrenForFieldName('argument').map((a) => unquote(a!.text));
  return shells.includes(basename(unquote(name.text) ?? '')) && !args.includes('-c');
}

/** Parses `src` (which starts at document offset `base`) and appends what it finds to `into`. */
export function parseInto(src: string, base: number, into: ShellScript): boolean {
  const parser = shellParser();
  const tree = parser?.parse(src);
  if (!tree) return false;
  try {
    const root = tree.rootNode;
    if (root.hasError) return false;
    // Appended cleanups go after the last statement, before any trailing comment.
    const statements = root.namedChildren.filter((c) => c!.type !== 'comment');
    const last = statements[statements.length - 1];
    if (into.end < 0 && last) into.end = base + last.endIndex;

    const pipes: ShellPipe[] = [];
    const pipefailAt: number[] = [];
    const heredocs: { start: number; end: number }[] = [];
    let pending: Joiner = ';';
    // Commands being collected, innermost last, with the cursor depth of their node.
    const open: { depth: number; argv: ShellWord[]; join: Joiner }[] = [];
    const close = (upTo: number) => {
      while (open.length > 0 && open[open.length - 1].depth >= upTo) {
        const { argv, join } = open.pop()!;
        if (argv.length === 0) continue;
        const cmd = toCommand(argv);
        cmd.joinedBy = join;
        const values = argv.map((w) => w.value);
        if (basename(cmd.name) === 'set' && values.includes('pipefail') && values.some((v) => v !== null && /^[-+][a-zA-Z]*o$/.test(v))) pipefailAt.push(cmd.end);
        cmds.push(cmd);
      }
    };
    const cmds: ShellCommand[] = [];
    const cursor = tree.walk();
    let depth = 0;
    for (;;) {
      const type = cursor.nodeType;
      const top = open[open.length - 1];
      if (top && top.depth === depth - 1) {
        const field = cursor.currentFieldName;
        if (field === 'name' || field === 'argument') top.argv.push(word(src, cursor.startIndex, cursor.endIndex, base));
      }
      if (!cursor.nodeIsNamed) {
        if (joinerTypes.has(type)) pending = type as Joiner;
      } else if (type === 'command') {
        // The joiner belongs to the command the operator precedes; commands inside
        // this one (command substitutions) come later in document order.
        open.push({ depth, argv: [], join: pending });
        pending = ';';
      } else if (type === 'pipeline') {
        pipes.push({ start: base + cursor.startIndex, end: base + cursor.endIndex, pipefail: false });
      } else if (type === 'heredoc_body') {
        const node = cursor.currentNode;
        if (feedsShell(node)) heredocs.push({ start: node.startIndex, end: node.endIndex });
      }
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      close(depth);
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          cursor.delete();
          close(0);
          return finish(into, cmds, pipes, pipefailAt, heredocs, src, base);
        }
        depth--;
        close(depth);
      }
    }
  } finally {
    tree.delete();
  }
}

function finish(into: ShellScript, commands: ShellCommand[], pipes: ShellPipe[], pipefailAt: number[], heredocs: { start: number; end: number }[], src: string, base: number): boolean {
  // A pipe is covered when a `set -o pipefail` ended before it started.
  for (const pipe of pipes) pipe.pipefail = pipefailAt.some((end) => end <= pipe.start);
  for (const cmd of commands) cmd.inPipe = pipes.some((p) => cmd.start >= p.start && cmd.end <= p.end);
  into.commands.push(...commands);
  into.pipes.push(...pipes);
  for (const h of heredocs) {
    into.heredoc = true;
    parseInto(src.slice(h.start, h.end), base + h.start, into);
  }
  into.commands.sort((a, b) => a.start - b.start);
  return true;
}
