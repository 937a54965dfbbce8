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

function unescapeBare(text: string): string {
  return text.replace(/\\\n/g, '').replace(/\\(.)/g, '$1');
}

/** The word's value after quote removal, or null when it depends on an expansion. */
export function staticValue(node: Node): string | null {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'command_name':
      return node.namedChildCount === 0 ? unescapeBare(node.text) : node.namedChildCount === 1 ? staticValue(node.namedChildren[0]!) : null;
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string': {
      if (node.namedChildren.some((c) => c!.type !== 'string_content')) return null;
      return node.text.slice(1, -1).replace(/\\([$`"\\\n])/g, '$1');
    }
    case 'concatenation': {
      let out = '';
      for (const child of node.namedChildren) {
        const v = staticValue(child!);
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    default:
      return null;
  }
}

function toWord(node: Node, base: number): ShellWord {
  return { raw: node.text, value: staticValue(node), start: base + node.startIndex, end: base + node.endIndex };
}

function toCommand(node: Node, base: number): ShellCommand | null {
  const name = node.childForFieldName('name');
  if (!name) return null;
  const argv = [toWord(name, base), ...node.childrenForFieldName('argument').map((a) => toWord(a!, base))];
  return { name: argv[0].value ?? '', argv, start: argv[0].start, end: argv[argv.length - 1].end, joinedBy: ';', inPipe: false };
}

/** Whether a heredoc body is a script: its command is a shell reading stdin (no -c). */
function feedsShell(body: Node): boolean {
  const statement = body.parent?.parent;
  const command = statement?.type === 'redirected_statement' ? statement.childForFieldName('body') : null;
  if (!command || command.type !== 'command') return false;
  const cmd = toCommand(command, 0);
  return cmd !== null && shells.includes(basename(cmd.name)) && !cmd.argv.some((w) => w.value === '-c');
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

    const commands: ShellCommand[] = [];
    const pipes: ShellPipe[] = [];
    const pipefailAt: number[] = [];
    const heredocs: Node[] = [];
    let pending: Joiner = ';';
    const cursor = tree.walk();
    for (;;) {
      const type = cursor.nodeType;
      if (!cursor.nodeIsNamed) {
        if (joinerTypes.has(type)) pending = type as Joiner;
      } else if (type === 'command') {
        const cmd = toCommand(cursor.currentNode, base);
        if (cmd) {
          cmd.joinedBy = pending;
          pending = ';';
          commands.push(cmd);
          const values = cmd.argv.map((w) => w.value);
          if (basename(cmd.name) === 'set' && values.includes('pipefail') && values.some((v) => v !== null && /^[-+][a-zA-Z]*o$/.test(v))) pipefailAt.push(cmd.end);
        }
      } else if (type === 'pipeline') {
        pipes.push({ start: base + cursor.startIndex, end: base + cursor.endIndex, pipefail: false });
      } else if (type === 'heredoc_body') {
        const node = cursor.currentNode;
        if (feedsShell(node)) heredocs.push(node);
      }
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          cursor.delete();
          return finish(into, commands, pipes, pipefailAt, heredocs.map((h) => ({ start: h.startIndex, end: h.endIndex })), src, base);
        }
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
