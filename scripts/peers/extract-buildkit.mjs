// Reads BuildKit's lint tests (frontend/dockerfile/dockerfile_check_test.go) from a git
// directory and writes each checkLinterWarnings call as data: the Dockerfile, the
// .dockerignore, the frontend attributes (build args) and the warnings BuildKit expects
// (rule and line). Linux values are taken where a test has Unix and Windows variants.
//
//   node scripts/peers/extract-buildkit.mjs GIT_DIR > test/unit/language/peers/buildkitCases.ts
import { execFileSync } from 'node:child_process';

const gitDir = process.argv[2];
if (!gitDir) throw new Error('usage: extract-buildkit.mjs GIT_DIR');
const file = 'frontend/dockerfile/dockerfile_check_test.go';
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const commit = git('rev-parse', 'HEAD').trim();
const source = git('show', `HEAD:${file}`);

function tokenize(text) {
  const tokens = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (text.startsWith('//', i)) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const value = text.slice(i + 1, end);
      tokens.push({ kind: 'string', value, line });
      line += value.split('\n').length - 1;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', value: JSON.parse(text.slice(i, j + 1)), line });
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i, i + 200));
    if (word) { tokens.push({ kind: 'word', value: word[0], line }); i += word[0].length; continue; }
    const number = /^\d+/.exec(text.slice(i, i + 20));
    if (number) { tokens.push({ kind: 'number', value: Number(number[0]), line }); i += number[0].length; continue; }
    if (text.startsWith(':=', i)) { tokens.push({ kind: 'punct', value: ':=', line }); i += 2; continue; }
    tokens.push({ kind: 'punct', value: c, line });
    i++;
  }
  return tokens;
}

const tokens = tokenize(source);
let position = 0;
let functionName = '';
const strings = new Map();
const cases = [];
const unread = [];

/** A Go string expression: literals, names bound to strings, []byte(), fmt.Appendf / fmt.Sprintf with %s, UnixOrWindows (Unix side). */
function stringExpression() {
  const token = tokens[position];
  if (token.kind === 'string') { position++; return token.value; }
  if (token.value === '[' && tokens[position + 1].value === ']' && tokens[position + 2].value === 'byte') {
    position += 4; // [ ] byte (
    const value = stringExpression();
    expect(')');
    return value;
  }
  if (token.value === 'integration.UnixOrWindows') {
    position += 2;
    const unix = stringExpression();
    expect(',');
    stringExpression();
    if (tokens[position].value === ',') position++;
    expect(')');
    return unix;
  }
  if (token.value === 'fmt.Appendf' || token.value === 'fmt.Sprintf') {
    position += 2;
    if (token.value === 'fmt.Appendf') { position++; expect(','); } // nil,
    const format = stringExpression();
    const args = [];
    while (tokens[position].value === ',') {
      position++;
      if (tokens[position].value === ')') break;
      args.push(stringExpression());
    }
    expect(')');
    let index = 0;
    return format.replace(/%s/g, () => args[index++]);
  }
  if (token.kind === 'word' && strings.has(token.value)) { position++; return strings.get(token.value); }
  throw new Error(`cannot read ${token.value} at line ${token.line}`);
}

function expect(value) {
  if (tokens[position].value !== value) throw new Error(`expected ${value}, found ${tokens[position].value} at line ${tokens[position].line}`);
  position++;
}

/** Skips a balanced {...} or (...) starting at `position`, returning the index after it. */
function skipBalanced(index) {
  const open = tokens[index].value;
  const close = { '{': '}', '(': ')', '[': ']' }[open];
  let depth = 0;
  for (let i = index; i < tokens.length; i++) {
    if (tokens[i].value === open) depth++;
    if (tokens[i].value === close && --depth === 0) return i + 1;
  }
  throw new Error('unbalanced');
}

/** The warnings list: `{ ...RuleName: "X", ...Line: N }` entries or makeLintWarning("CMD", N) calls. */
function warnings(end) {
  const found = [];
  let current;
  for (; position < end; position++) {
    const token = tokens[position];
    if (token.value === 'RuleName') current = { rule: tokens[position + 2].value };
    if (token.value === 'Line' && tokens[position + 1].value === ':' && current) { current.line = tokens[position + 2].value; found.push(current); current = undefined; }
    if (token.value === 'makeLintWarning') found.push({ rule: 'MultipleInstructionsDisallowed', line: tokens[position + 4].value });
  }
  return found;
}

for (position = 0; position < tokens.length; position++) {
  const token = tokens[position];
  if (token.value === 'func' && tokens[position + 1].kind === 'word') { functionName = tokens[position + 1].value; strings.clear(); continue; }
  if (token.kind === 'word' && (tokens[position + 1]?.value === ':=' || tokens[position + 1]?.value === '=')) {
    const start = position;
    position += 2;
    try {
      strings.set(token.value, stringExpression());
    } catch {
      // not a string binding
    }
    position = Math.max(start, position - 1);
    continue;
  }
  if (token.value !== 'checkLinterWarnings' || tokens[position - 1]?.value === 'func') continue;
  const line = token.line;
  try {
    // checkLinterWarnings(t, sb, &lintTestParams{ ... })
    while (tokens[position].value !== '{') position++;
    const end = skipBalanced(position) - 1;
    position++;
    const entry = { test: functionName, line, dockerfile: undefined, warnings: [] };
    while (position < end) {
      const field = tokens[position].value;
      if (tokens[position + 1]?.value !== ':') { position++; continue; }
      position += 2;
      if (field === 'Dockerfile') entry.dockerfile = stringExpression();
      else if (field === 'DockerIgnore') entry.dockerignore = stringExpression();
      else if (field === 'FrontendAttrs') {
        const close = skipBalanced(position + 5) - 1; // map [ string ] string {
        position += 6;
        entry.frontendAttrs = {};
        while (position < close) {
          const key = stringExpression();
          expect(':');
          entry.frontendAttrs[key] = stringExpression();
          if (tokens[position].value === ',') position++;
        }
        position = close + 1;
      } else if (field === 'Warnings') {
        const close = skipBalanced(position + 3); // [ ] expectedLintWarning {
        entry.warnings = warnings(close);
        position = close;
      } else {
        // Fields Berth has no counterpart for (build errors, the unmarshalled "all targets" list).
        while (position < end && tokens[position].value !== ',') {
          position = ['{', '(', '['].includes(tokens[position].value) ? skipBalanced(position) : position + 1;
        }
      }
    }
    if (entry.dockerfile === undefined) throw new Error('no Dockerfile');
    cases.push(entry);
    position = end;
  } catch (error) {
    unread.push(`${functionName}:${line}: ${error.message}`);
  }
}

process.stdout.write(`/**
 * BuildKit's own lint tests as data, from moby/buildkit at commit
 * ${commit} (${file}), Linux values where a test has Unix and Windows variants.
 * Each case: the Dockerfile, the .dockerignore, the build's frontend attributes, and
 * the warnings BuildKit reports (rule and 1-based line); none listed means none.
 * Generated by scripts/peers/extract-buildkit.mjs.
 */
import type { BuildkitPeerCase } from './types';

export const buildkitCommit = '${commit}';

export const buildkitCases: BuildkitPeerCase[] = [
${cases.map((c) => `  ${JSON.stringify(c)},`).join('\n')}
];
`);
if (unread.length) process.stderr.write(`${unread.length} calls not read:\n${unread.join('\n')}\n`);
process.stderr.write(`${cases.length} cases\n`);
