import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArgvSyntaxError, joinArgv, splitArgv } from '../../../src/terminals/argv';

describe('splitArgv', () => {
  const cases: [string, string[]][] = [
    ['redis-cli', ['redis-cli']],
    ['ls -la /app', ['ls', '-la', '/app']],
    ['  ls\t -la  ', ['ls', '-la']],
    ['', []],
    ['sh -c "echo $HOME"', ['sh', '-c', 'echo $HOME']],
    ["sh -c 'echo \"hi\" | wc -c'", ['sh', '-c', 'echo "hi" | wc -c']],
    ['echo "a \\"quoted\\" word" \\$x', ['echo', 'a "quoted" word', '$x']],
    ['echo "back\\slash"', ['echo', 'back\\slash']],
    ['echo one\\ word', ['echo', 'one word']],
    ["echo ''", ['echo', '']],
    ['echo ""x', ['echo', 'x']],
    ["a'b'\"c\"d", ['abcd']],
    ['grep -e "" file', ['grep', '-e', '', 'file']],
    ['ls *.txt; rm -rf /', ['ls', '*.txt;', 'rm', '-rf', '/']],
    ['echo ünïcødé "日本"', ['echo', 'ünïcødé', '日本']],
    ['line \\\ncontinued', ['line', 'continued']],
  ];
  for (const [line, argv] of cases) {
    it(`splits ${JSON.stringify(line)}`, () => assert.deepEqual(splitArgv(line), argv));
  }

  it('rejects unterminated quotes and a trailing backslash', () => {
    assert.throws(() => splitArgv("echo 'oops"), ArgvSyntaxError);
    assert.throws(() => splitArgv('echo "oops'), ArgvSyntaxError);
    assert.throws(() => splitArgv('echo \\'), ArgvSyntaxError);
  });

  it('joins argv back into a line that splits to the same argv', () => {
    for (const argv of [['ls', '-la', '/app'], ['sh', '-c', "echo 'it''s' $HOME"], ['echo', ''], ['a b', 'c"d']]) {
      assert.deepEqual(splitArgv(joinArgv(argv)), argv);
    }
    assert.equal(joinArgv(['ls', '-la', '/app']), 'ls -la /app');
  });
});
