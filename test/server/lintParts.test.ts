/**
 * The lint over the wire (dist/server.js): published in parts with berth/lintProgress,
 * ShellCheck (Debian's real one) last, its absence told once, and every finding still
 * arriving when the CPU is starved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { LspClient, type Diagnostics } from './client';
import { largeDockerfile } from './inputs';

const sample = 'FROM debian:12\nRUN apt-get update && apt-get install curl && echo $name \\\n    && ls `pwd`\nCMD echo hi\n';
const codes = (d: Diagnostics) => d.diagnostics.map((x) => `${String(x.code)}@${x.range.start.line}:${x.range.start.character}`).sort();

test('the quick checks come first, ShellCheck last, and the complete set says so', async () => {
  const client = await LspClient.start();
  try {
    const uri = 'file:///project/parts/Dockerfile';
    client.open(uri, sample);
    const complete = await client.waitForDiagnostics(uri);
    const all = codes(complete);
    const seen = client.sets.filter((s) => s.uri === uri).map((s) => ({ complete: s.complete, codes: codes({ uri, diagnostics: s.diagnostics }) }));
    // hadolint's DL3008/DL3009/DL3015, BuildKit's JSONArgsRecommended, ShellCheck at its columns.
    for (const code of ['DL3008@1:38', 'JSONArgsRecommended@3:0', 'SC2154@1:51', 'SC2086@1:51', 'SC2046@2:10', 'SC2006@2:10']) assert.ok(all.includes(code), `${code} in ${all.join(' ')}`);
    assert.ok(seen.length >= 2, 'published in parts');
    assert.equal(seen.at(-1)?.complete, true);
    assert.ok(seen.slice(0, -1).every((s) => !s.complete), 'only the last set is complete');
    assert.ok(!seen[0].codes.some((c) => c.startsWith('SC')), 'ShellCheck is not in the first set');
    assert.deepEqual(client.progress.get(uri)?.unchecked, []);
  } finally {
    await client.stop();
  }
});

test('without ShellCheck one message says how to get it, once, and the set names it unchecked', async () => {
  const client = await LspClient.start({ initializationOptions: { lint: { shellcheckPath: '/nonexistent/shellcheck' } } });
  try {
    for (const name of ['a', 'b']) {
      const uri = `file:///project/missing/${name}.Dockerfile`;
      client.open(uri, sample);
      const complete = await client.waitForDiagnostics(uri);
      assert.ok(complete.diagnostics.some((d) => d.code === 'DL3008'), 'the other rules still run');
      assert.ok(!complete.diagnostics.some((d) => String(d.code).startsWith('SC')));
      assert.deepEqual(client.progress.get(uri)?.unchecked, ['ShellCheck']);
    }
    const told = client.shown.filter((m) => /ShellCheck/.test(m));
    assert.equal(told.length, 1, told.join('\n'));
    assert.match(told[0], /berth\.shellcheck\.path.*apt-get install shellcheck|apt-get install shellcheck.*berth\.shellcheck\.path/);
  } finally {
    await client.stop();
  }
});

test('on a starved CPU, with the smallest time budget, every finding still arrives', async () => {
  const text = `${largeDockerfile(600)}${sample}`;
  const uri = 'file:///project/starved/Dockerfile';
  const reference = await LspClient.start();
  let expected: string[];
  try {
    reference.open(uri, text);
    expected = codes(await reference.waitForDiagnostics(uri, () => true, 120_000));
    assert.ok(expected.length > 50, `${expected.length} findings`);
  } finally {
    await reference.stop();
  }
  assert.equal(spawnSync('taskset', ['--version']).status, 0, 'taskset (util-linux) is needed to pin the busy loop and the server to one core');
  // A busy loop pinned to core 0, and the server pinned there too: it gets about half a core.
  const hog = spawn('taskset', ['-c', '0', process.execPath, '-e', 'for (;;) {}'], { stdio: 'ignore' });
  const starved = await LspClient.start({ env: { BERTH_LS_LINT_BUDGET_MS: '1' } });
  try {
    assert.equal(spawnSync('taskset', ['-a', '-p', '-c', '0', String(starved.child.pid)]).status, 0);
    starved.open(uri, text);
    const complete = await starved.waitForDiagnostics(uri, () => true, 240_000);
    assert.deepEqual(codes(complete), expected);
    assert.deepEqual(starved.progress.get(uri)?.unchecked, []);
  } finally {
    await starved.stop();
    hog.kill('SIGKILL');
  }
});
