/**
 * The import check (`npm run check:imports`, dependency-cruiser with .dependency-cruiser.cjs)
 * can fail: run on a small fixture it reports a cycle made only of type imports and a
 * vscode import in the engine layer and in the language server, and nothing else.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../..');
const fixture = path.join(root, 'test/fixtures/import-rules');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** dependency-cruiser on the fixture with Berth's config: the `err` reporter is the one the npm script uses. */
function cruise(outputType: 'err' | 'json'): { status: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [
    path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
    'src', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', outputType,
  ], { cwd: fixture, encoding: 'utf8' });
  assert.ok(run.stdout, `dependency-cruiser printed nothing: ${run.stderr}`);
  return { status: run.status, stdout: run.stdout };
}

describe('the import check', () => {
  const violations = (JSON.parse(cruise('json').stdout) as { summary: { violations: Violation[] } }).summary.violations;

  it('fails on the fixture, as npm test runs it', () => {
    const { status, stdout } = cruise('err');
    assert.notEqual(status, 0);
    assert.match(stdout, /3 dependency violations/);
  });

  it('finds the cycle of type-only imports, and no other cycle', () => {
    const cycles = violations.filter((v) => v.rule.name === 'no-cycle');
    assert.equal(cycles.length, 1);
    assert.deepEqual([cycles[0].from, cycles[0].to].sort(), ['src/cycleA.ts', 'src/cycleB.ts']);
  });

  it('finds vscode in the engine layer and in the language server, type imports included', () => {
    const vscode = violations.filter((v) => v.rule.name === 'no-vscode-in-engine-or-server').map((v) => v.from).sort();
    assert.deepEqual(vscode, ['src/engine/usesVscode.ts', 'src/language/server/usesVscode.ts']);
  });

  it('says nothing about a file that imports in one direction', () => {
    assert.ok(!violations.some((v) => v.from === 'src/fine.ts'));
  });
});
