import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { docOf } from '../../../../src/language/server/rules/hadolint/context';
import { unquote } from '../../../../src/language/server/shell/parse';
import { contextFor } from './helpers';

function runs(text: string) {
  return docOf(contextFor(text)).runs.map((r) => r.script);
}

test('commands, argv with quotes resolved, joiners and exact word ranges', () => {
  const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y "curl" \'wget\'=1.2 $PKG || true; echo done | tee log\n';
  const [script] = runs(text);
  assert.ok(script.parsed);
  assert.deepEqual(script.commands.map((c) => c.name), ['apt-get', 'apt-get', 'true', 'echo', 'tee']);
  assert.deepEqual(script.commands.map((c) => c.joinedBy), [';', '&&', '||', ';', '|']);
  const install = script.commands[1];
  assert.deepEqual(install.argv.map((w) => w.value), ['apt-get', 'install', '-y', 'curl', 'wget=1.2', null]);
  assert.equal(text.slice(install.argv[3].start, install.argv[3].end), '"curl"');
  assert.deepEqual(script.commands.map((c) => c.inPipe), [false, false, false, true, true]);
  assert.equal(script.pipes.length, 1);
  assert.equal(script.pipes[0].pipefail, false);
});

test('line continuations, comment lines inside them and CRLF keep document offsets', () => {
  const text = 'FROM debian:12\r\nRUN apt-get update \\\r\n# a comment\r\n\r\n    && apt-get install -y curl\r\n';
  const [script] = runs(text);
  assert.ok(script.parsed);
  const install = script.commands[1];
  assert.equal(install.joinedBy, '&&');
  assert.equal(text.slice(install.argv[3].start, install.argv[3].end), 'curl');
});

test('the backtick escape directive is understood', () => {
  const text = '# escape=`\nFROM debian:12\nRUN apt-get update `\n    && apt-get install -y curl\n';
  const [script] = runs(text);
  assert.ok(script.parsed);
  assert.deepEqual(script.commands.map((c) => c.name), ['apt-get', 'apt-get']);
});

test('heredoc bodies run by the shell are parsed as scripts', () => {
  const text = 'FROM debian:12\nRUN <<EOF\nset -o pipefail\napt-get update\ncurl -s x | sh\nEOF\nRUN python3 <<EOF\nimport os\nEOF\nRUN bash <<-EOT\n\tcd /tmp\nEOT\n';
  const [first, second, third] = runs(text);
  assert.deepEqual(first.commands.map((c) => c.name), ['set', 'apt-get', 'curl', 'sh']);
  assert.equal(first.pipes[0].pipefail, true);
  assert.ok(first.heredoc);
  assert.deepEqual(second.commands.map((c) => c.name), ['python3']);
  assert.deepEqual(third.commands.map((c) => c.name), ['bash', 'cd']);
  const cd = third.commands[1];
  assert.equal(text.slice(cd.start, cd.end), 'cd /tmp');
});

test('exec form is argv already, with JSON string ranges', () => {
  const text = 'FROM debian:12\nRUN ["apt-get", "install", "curl"]\n';
  const [script] = runs(text);
  assert.ok(script.exec);
  assert.deepEqual(script.commands[0].argv.map((w) => w.value), ['apt-get', 'install', 'curl']);
  assert.equal(text.slice(script.commands[0].argv[2].start, script.commands[0].argv[2].end), '"curl"');
});

test('pipefail set earlier in the script covers later pipes only', () => {
  const [script] = runs('FROM a\nRUN a | b; set -euo pipefail; c | d\n');
  assert.deepEqual(script.pipes.map((p) => p.pipefail), [false, true]);
});

test('invalid shell is reported as unparsed, not thrown', () => {
  const [script] = runs('FROM a\nRUN echo "unterminated\n');
  assert.equal(script.parsed, false);
  assert.equal(script.commands.length, 0);
});

test('non-ASCII text before a word does not shift its range', () => {
  const text = 'FROM a\nRUN echo "héllo wörld" && apt-get install curl\n';
  const [script] = runs(text);
  const curl = script.commands[1].argv[2];
  assert.equal(text.slice(curl.start, curl.end), 'curl');
});

test('ONBUILD RUN triggers are modelled too', () => {
  const doc = docOf(contextFor('FROM a\nONBUILD RUN cd /x && make\n'));
  assert.equal(doc.runs.length, 1);
  assert.ok(doc.runs[0].onbuild);
  assert.deepEqual(doc.runs[0].script.commands.map((c) => c.name), ['cd', 'make']);
  assert.ok(DockerfileParser);
});

test('a RUN moved by an edit above it keeps exact word ranges (the parse is cached by text)', () => {
  const body = 'RUN apt-get install -y curl\n';
  const before = `FROM a\n${body}`;
  const after = `FROM a\nLABEL x=y\n# moved\n${body}`;
  for (const text of [before, after, before]) {
    const [script] = runs(text);
    const curl = script.commands[0].argv[3];
    assert.equal(text.slice(curl.start, curl.end), 'curl');
  }
});

test('quote removal: static words resolve, expansions make a word dynamic', () => {
  assert.equal(unquote(`"a\\$b"`), 'a$b');
  assert.equal(unquote('c\\ d'), 'c d');
  assert.equal(unquote(`x"y"z'q'`), 'xyzq');
  assert.equal(unquote('"$HOME"/x'), null);
  assert.equal(unquote("$'t'"), null);
  assert.equal(unquote('`date`'), null);
});
