import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveShell } from '../../../src/terminals/shellChoice';

describe('resolveShell', () => {
  const has = (...paths: string[]) => async (path: string) => paths.includes(path);

  it('runs the berth.shell setting as argv when set', async () => {
    assert.deepEqual(await resolveShell('/bin/zsh -l', has('/bin/bash')), ['/bin/zsh', '-l']);
  });

  it('prefers bash when the container has it, wherever it lives', async () => {
    assert.deepEqual(await resolveShell('', has('/bin/bash')), ['/bin/bash']);
    assert.deepEqual(await resolveShell('  ', has('/usr/bin/bash')), ['/usr/bin/bash']);
  });

  it('falls back to sh', async () => {
    assert.deepEqual(await resolveShell('', has()), ['/bin/sh']);
  });
});
