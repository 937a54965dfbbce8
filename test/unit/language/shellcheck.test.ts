/**
 * The ShellCheck family against Debian's real `shellcheck` (0.9; scripts/test-env.sh
 * installs it): positions on continued lines, the hadolint pragma, heredocs, SHELL,
 * exported ARG/ENV names, batching into few processes, time-outs, the missing binary.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { defaultLintSettings, type LintSettings } from '../../../src/language/protocol';
import { parseDockerfile } from '../../../src/language/server/parse';
import { initShellParser } from '../../../src/language/server/shell/parser';
import { lintSetup } from '../../../src/language/server/rules';
import { emptyHadolintConfig } from '../../../src/language/server/rules/hadolintConfig';
import { clearShellcheckCache, findShellcheck, shellcheckDiagnostics, type ShellcheckOutcome } from '../../../src/language/server/rules/shellcheck';
import { runShellcheck } from '../../../src/language/server/rules/shellcheck/runner';
import { dialectOf, shellcheckScripts } from '../../../src/language/server/rules/shellcheck/scripts';

const binary = findShellcheck(undefined);

function check(text: string, options: { lint?: Partial<LintSettings>; timeoutMs?: number; batchSize?: number } = {}): Promise<ShellcheckOutcome> {
  const { context, options: engine } = lintSetup({
    text, dockerfile: parseDockerfile(text), file: undefined, workspaceFolders: [], images: [], enginePlatform: undefined,
    lint: { ...defaultLintSettings, ...options.lint }, docsBase: 'docs/rules/', hadolint: emptyHadolintConfig,
  });
  return shellcheckDiagnostics(context, { ...engine, setting: options.lint?.shellcheckPath, run: { timeoutMs: options.timeoutMs ?? 20_000, batchSize: options.batchSize ?? 64 } });
}

/** `SC2086@2:9` per finding: code, then the 0-based line and character it starts at. */
const at = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).sort();

before(async () => {
  assert.ok(binary, 'shellcheck is not on PATH: install Debian\'s package (apt-get install shellcheck; scripts/test-env.sh up does it)');
  await initShellParser();
});

describe('ShellCheck in RUN', () => {
  it('reports at the Dockerfile line and column, across continuations and comment lines', async () => {
    const text = [
      'FROM debian:12',
      'RUN echo $foo && \\',
      '    # a comment line Docker drops',
      '    ls `pwd` \\',
      '\t  "é" $bar',
    ].join('\n') + '\n';
    const { diagnostics, unfinished, missing } = await check(text);
    assert.equal(missing, undefined);
    assert.equal(unfinished, 0);
    assert.deepEqual(at(diagnostics), ['SC2006@3:7', 'SC2046@3:7', 'SC2086@1:9', 'SC2086@4:7', 'SC2154@1:9', 'SC2154@4:7']);
    const quote = diagnostics.find((d) => d.code === 'SC2086' && d.range.start.line === 1)!;
    assert.deepEqual(quote.range.end, { line: 1, character: 13 });
    assert.equal(quote.source, 'shellcheck');
    assert.equal(quote.codeDescription?.href, 'https://www.shellcheck.net/wiki/SC2086');
    // ShellCheck's own fix becomes a quick fix with edits at Dockerfile positions.
    const fix = (quote.data as { fixes: Array<{ edits: Array<{ range: { start: { line: number; character: number } }; newText: string }> }> }).fixes[0];
    assert.deepEqual(fix.edits.map((e) => `${e.range.start.line}:${e.range.start.character}${e.newText}`), ['1:9"', '1:13"']);
  });

  it('counts ARG and ENV names of the stage and its base stages as set', async () => {
    const text = 'FROM debian:12 AS base\nENV home=/opt\nFROM base\nARG version\nRUN echo "$home" "$version" "$other"\n';
    const { diagnostics } = await check(text);
    assert.deepEqual(at(diagnostics), ['SC2154@4:29']);
  });

  it('honours # hadolint ignore=SC… for the next instruction, global ignores and berth.lint.severity', async () => {
    const text = 'FROM debian:12\n# hadolint ignore=SC2086,SC2154\nRUN echo $a\nRUN echo $b\n';
    assert.deepEqual(at((await check(text)).diagnostics), ['SC2086@3:9', 'SC2154@3:9']);
    assert.deepEqual(at((await check(`# hadolint global ignore=SC2154\n${text}`)).diagnostics), ['SC2086@4:9']);
    const severity = await check(text, { lint: { severity: { SC2154: 'off', SC2086: 'error' } } });
    assert.deepEqual(severity.diagnostics.map((d) => `${String(d.code)} ${d.severity}`), ['SC2086 1']);
  });

  it('checks heredoc scripts in their own interpreter, and heredocs inside a command line', async () => {
    const text = [
      'FROM debian:12',
      'RUN <<EOF',
      'echo $one',
      'EOF',
      'RUN <<EOF',
      '#!/usr/bin/env python3',
      'print($two)',
      'EOF',
      'RUN <<EOF',
      '#!/bin/bash',
      '[[ -n $three ]] && echo ok',
      'EOF',
      'RUN cat <<EOF > /etc/motd && echo $four',
      'hello $five',
      'EOF',
    ].join('\n') + '\n';
    const { diagnostics } = await check(text);
    // Python is not checked; [[ ]] is fine in bash (in sh it is SC3010); cat's heredoc (unquoted EOF) expands $five.
    assert.deepEqual(at(diagnostics), ['SC2086@12:34', 'SC2086@2:5', 'SC2154@12:34', 'SC2154@13:6', 'SC2154@2:5']);
  });

  it('uses the shell SHELL set (inherited by stages built on it), and skips non-POSIX shells', async () => {
    const bashism = 'RUN [[ -n "$HOME" ]] && echo ok\n';
    assert.deepEqual(at((await check(`FROM debian:12\n${bashism}`)).diagnostics), ['SC3010@1:4']);
    assert.deepEqual(at((await check(`FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\n${bashism}`)).diagnostics), []);
    assert.deepEqual(at((await check(`FROM mcr.microsoft.com/powershell\nSHELL ["pwsh", "-Command"]\nRUN echo $x\n`)).diagnostics), []);
    assert.deepEqual(at((await check('FROM debian:12\nRUN ["sh", "-c", "echo $x"]\n')).diagnostics), [], 'exec form runs no shell of ours');
    assert.equal(dialectOf(['/bin/busybox', 'sh', '-c']), 'sh');
    assert.equal(dialectOf(['/usr/bin/env', 'bash', '-c']), 'bash');
    assert.equal(dialectOf(['/bin/zsh', '-c']), undefined);
  });

  it('checks a big Dockerfile with a handful of processes, not one per RUN', async () => {
    clearShellcheckCache();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sc-test-'));
    const log = path.join(folder, 'runs');
    // A real ShellCheck behind a wrapper that counts how often it is started.
    const wrapper = path.join(folder, 'shellcheck');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho run >> '${log}'\nexec '${binary}' "$@"\n`, { mode: 0o755 });
    try {
      const runs = Array.from({ length: 300 }, (_, i) => `RUN echo $value${i}`).join('\n');
      const { diagnostics, unfinished } = await check(`FROM debian:12\n${runs}\n`, { lint: { shellcheckPath: wrapper } });
      assert.equal(unfinished, 0);
      assert.equal(diagnostics.filter((d) => d.code === 'SC2154').length, 300);
      assert.equal(fs.readFileSync(log, 'utf8').trim().split('\n').length, Math.ceil(300 / 64));
      // An edit to one RUN checks only that one again.
      await check(`FROM debian:12\n${runs.replace('$value7', '"$value7"')}\n`, { lint: { shellcheckPath: wrapper } });
      assert.equal(fs.readFileSync(log, 'utf8').trim().split('\n').length, Math.ceil(300 / 64) + 1);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reports scripts whose process ran past the time limit as unfinished, not as clean', async () => {
    clearShellcheckCache();
    const text = 'FROM debian:12\nRUN echo $a\nRUN echo $b\n';
    const { context } = lintSetup({ text, dockerfile: parseDockerfile(text), file: undefined, workspaceFolders: [], images: [], enginePlatform: undefined, lint: defaultLintSettings, docsBase: '', hadolint: emptyHadolintConfig });
    const result = await runShellcheck(binary!, shellcheckScripts(context), { timeoutMs: 1, batchSize: 64 });
    assert.equal(result.kind, 'done');
    assert.deepEqual(result.kind === 'done' && result.comments, [undefined, undefined]);
    assert.equal((await check(text, { timeoutMs: 1 })).unfinished, 2);
  });

  it('says how to get ShellCheck when there is none, and finds nothing instead of guessing', async () => {
    const missing = await check('FROM debian:12\nRUN echo $x\n', { lint: { shellcheckPath: '/nonexistent/shellcheck' } });
    assert.deepEqual(missing.diagnostics, []);
    assert.match(missing.missing ?? '', /could not be run from `\/nonexistent\/shellcheck`.*apt-get install shellcheck/);
    assert.equal(findShellcheck(undefined, { PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'berth-empty-')) }), undefined);
    // No RUN to check: no need for the binary, so no message.
    assert.equal((await check('FROM debian:12\n', { lint: { shellcheckPath: '/nonexistent/shellcheck' } })).missing, undefined);
  });
});
