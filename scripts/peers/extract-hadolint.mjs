// Reads hadolint's rule specs (test/Hadolint/Rule/DL*Spec.hs and PragmaSpec.hs) from a git
// directory and writes their cases as data: the Dockerfile, the rule, what hadolint expects
// (at least one finding, none, or an exact count), whether it is the ONBUILD variant, and
// the config the case runs with. Only facts are carried over; the table is ours.
//
//   node scripts/peers/extract-hadolint.mjs GIT_DIR > test/unit/language/peers/hadolintCases.ts
import { execFileSync } from 'node:child_process';

const gitDir = process.argv[2];
if (!gitDir) throw new Error('usage: extract-hadolint.mjs GIT_DIR');
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const commit = git('rev-parse', 'HEAD').trim();
const files = git('ls-tree', '-r', '--name-only', 'HEAD', 'test/Hadolint').split('\n')
  .filter((f) => /Rule\/DL\d+Spec\.hs$/.test(f) || f.endsWith('/PragmaSpec.hs'));

/** Haskell source → tokens: strings (decoded), words, punctuation; comments dropped. */
function tokenize(source) {
  const tokens = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\n') { line++; i++; lineStart = i; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (source.startsWith('--', i)) { while (i < source.length && source[i] !== '\n') i++; continue; }
    const column = i - lineStart;
    if (c === '"') {
      let value = '';
      i++;
      while (source[i] !== '"') {
        if (source[i] === '\\') {
          const next = source[i + 1];
          if (/\s/.test(next)) { // a string gap: backslash, whitespace, backslash
            i++;
            while (source[i] !== '\\') { if (source[i] === '\n') { line++; lineStart = i + 1; } i++; }
            i++;
            continue;
          }
          const simple = { n: '\n', t: '\t', '"': '"', '\\': '\\', "'": "'", r: '\r' }[next];
          if (simple === undefined) throw new Error(`escape \\${next} at line ${line}`);
          value += simple;
          i += 2;
          continue;
        }
        value += source[i++];
      }
      i++;
      tokens.push({ kind: 'string', value, line, column });
      continue;
    }
    const word = /^[?A-Za-z_][A-Za-z0-9_'.]*/.exec(source.slice(i, i + 200));
    if (word) { tokens.push({ kind: 'word', value: word[0], line, column }); i += word[0].length; continue; }
    const number = /^\d+/.exec(source.slice(i, i + 20));
    if (number) { tokens.push({ kind: 'number', value: Number(number[0]), line, column }); i += number[0].length; continue; }
    tokens.push({ kind: 'punct', value: c, line, column });
    i++;
  }
  return tokens;
}

function parseConfig(text) {
  const config = {};
  const registries = /allowedRegistries\s*=\s*\[([^\]]*)\]/.exec(text);
  if (registries) config.trustedRegistries = [...registries[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  const schema = /labelSchema\s*=\s*Map\.fromList\s*\[(.*?)\]\s*(,|\})/s.exec(text);
  if (schema) {
    const types = { RawText: 'text', Url: 'url', Spdx: 'spdx', SemVer: 'semver', Email: 'email', GitHash: 'hash', Rfc3339: 'rfc3339' };
    config.labelSchema = Object.fromEntries([...schema[1].matchAll(/\("([^"]+)",\s*(?:Rule\.)?(\w+)\)/g)].map((m) => [m[1], types[m[2]] ?? m[2]]));
  }
  if (/strictLabels\s*=\s*True/.test(text)) config.strictLabels = true;
  return config;
}

const helpers = { ruleCatches: ['some', false], ruleCatchesNot: ['none', false], onBuildRuleCatches: [1, true], onBuildRuleCatchesNot: ['none', true] };
const cases = [];
const unread = [];

for (const file of files) {
  const source = git('show', `HEAD:${file}`);
  const tokens = tokenize(source);
  const bindings = new Map();
  let fileConfig = {};
  let config = {};
  let name = '';
  let describe = '';
  let position = 0;

  /** Evaluates a Dockerfile expression at `position`: a string, a bound name, Text.unlines of a list, in parentheses or after `$`. */
  function expression() {
    let token = tokens[position];
    if (token.value === '$') token = tokens[++position];
    if (token.value === '(') {
      position++;
      const value = expression();
      if (tokens[position].value !== ')') throw new Error(`expected ) at ${file}:${tokens[position].line}`);
      position++;
      return value;
    }
    if (token.kind === 'string') { position++; return token.value; }
    if (token.value === 'Text.unlines') {
      position++;
      const list = listOrName();
      return list.map((item) => `${item}\n`).join('');
    }
    if (token.value === '[') return listOrName();
    if (token.kind === 'word' && bindings.has(token.value)) { position++; return bindings.get(token.value); }
    throw new Error(`cannot read ${JSON.stringify(token.value)} at ${file}:${token.line}`);
  }
  function listOrName() {
    const token = tokens[position];
    if (token.value === '$') { position++; return listOrName(); }
    if (token.kind === 'word') { position++; const bound = bindings.get(token.value); if (!Array.isArray(bound)) throw new Error(`${token.value} is not a list at ${file}:${token.line}`); return bound; }
    if (token.value !== '[') throw new Error(`expected a list at ${file}:${token.line}`);
    position++;
    const items = [];
    while (tokens[position].value !== ']') {
      if (tokens[position].value === ',') { position++; continue; }
      if (tokens[position].kind !== 'string') throw new Error(`list item ${tokens[position].value} at ${file}:${tokens[position].line}`);
      items.push(tokens[position++].value);
    }
    position++;
    return items;
  }

  for (position = 0; position < tokens.length; position++) {
    const token = tokens[position];
    if (token.kind !== 'word') continue;
    if (token.value === 'describe' && tokens[position + 1]?.kind === 'string') describe = tokens[position + 1].value;
    if (token.value === 'it' && tokens[position + 1]?.kind === 'string') {
      name = tokens[position + 1].value;
      config = fileConfig;
      continue;
    }
    if (token.value === 'let' && tokens[position + 1]?.value === '?config') {
      // The binding runs to the next `let`, `it`, `describe` or helper call.
      let end = position + 3;
      while (end < tokens.length && !['let', 'it', 'describe', 'in', ...Object.keys(helpers)].includes(tokens[end].value)) end++;
      const text = source.split('\n').slice(token.line - 1, tokens[end - 1].line).join('\n');
      const parsed = parseConfig(text);
      if (token.column <= 2) fileConfig = parsed;
      config = parsed;
      position = end - 1;
      continue;
    }
    if (token.value === 'let' && tokens[position + 1]?.kind === 'word' && tokens[position + 2]?.value === '=') {
      // A let block may bind several names, one after the other.
      position++;
      while (tokens[position]?.kind === 'word' && tokens[position + 1]?.value === '=' && tokens[position].value !== 'in') {
        const bound = tokens[position].value;
        position += 2;
        try {
          bindings.set(bound, expression());
        } catch (error) {
          unread.push(`${file}: ${error.message}`);
          break;
        }
      }
      position--;
      continue;
    }
    const helper = helpers[token.value];
    const counted = token.value === 'assertChecks';
    if (!helper && !counted) continue;
    const start = position;
    try {
      let rule;
      let expect;
      let onbuild = false;
      let dockerfile;
      if (helper) {
        rule = tokens[++position].value;
        if (tokens[position].kind === 'word') rule = bindings.get(rule);
        position++;
        dockerfile = expression();
        [expect, onbuild] = helper;
      } else {
        position++;
        dockerfile = expression();
        // (failsWith N "CODE")
        while (tokens[position].value !== 'failsWith' && position < start + 6) position++;
        if (tokens[position].value !== 'failsWith') throw new Error(`assertChecks without failsWith at ${file}:${token.line}`);
        expect = tokens[position + 1].value;
        rule = tokens[position + 2].value;
      }
      if (typeof dockerfile !== 'string') throw new Error(`a list where a Dockerfile was expected at ${file}:${token.line}`);
      cases.push({ spec: file.replace(/^.*\//, ''), line: token.line, name: name || describe, rule, dockerfile, expect, ...(onbuild ? { onbuild } : {}), ...(Object.keys(config).length ? { config } : {}) });
    } catch (error) {
      unread.push(`${file}:${token.line}: ${error.message}`);
    }
    position = Math.max(position - 1, start);
  }
}

const header = `/**
 * hadolint's own rule tests as data, from hadolint/hadolint at commit
 * ${commit} (test/Hadolint/Rule/DL*Spec.hs and PragmaSpec.hs).
 * Each case: the Dockerfile, the rule, and what hadolint expects: 'some' (at least one
 * finding), 'none', or an exact count; \`onbuild\` cases wrap every RUN in ONBUILD, as its
 * onBuildRuleCatches helpers do. Generated by scripts/peers/extract-hadolint.mjs.
 */
import type { HadolintPeerCase } from './types';

export const hadolintCommit = '${commit}';

export const hadolintCases: HadolintPeerCase[] = [
${cases.map((c) => `  ${JSON.stringify(c)},`).join('\n')}
];
`;
process.stdout.write(header);
if (unread.length) process.stderr.write(`${unread.length} calls not read:\n${unread.join('\n')}\n`);
process.stderr.write(`${cases.length} cases from ${files.length} files\n`);
