/**
 * CopyIgnoredFile warns exactly when the build leaves a file out: the lint and the build
 * context share one .dockerignore matcher. Patterns where a hand-written matcher went
 * wrong (`[!a]` negated classes, `\` escapes) are checked path by path against the
 * filter that decides what the engine receives.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignoreFilter } from '../../../src/engine/buildContext';
import { lint } from './helpers';

const patterns = [['[!a]bc'], ['a\\*b'], ['a\\b'], ['**/*.log', '!keep/*.log'], ['secrets', '!secrets/public'], ['[a-c]?x']];
// Plain paths (the rule leaves glob sources alone, as COPY expands them itself).
const paths = ['abc', 'bbc', '!bc', 'axb', 'a\\b', 'a/b', 'ab', 'x.log', 'deep/x.log', 'keep/x.log', 'secrets', 'secrets/key', 'secrets/public', 'bzx', 'dzx'];

function lintWarns(dockerignore: string[], source: string): boolean {
  const text = `FROM alpine\nCOPY ${JSON.stringify([source, '/dest/'])}\n`;
  return lint(text, { dockerignore }).some((d) => d.code === 'CopyIgnoredFile');
}

describe('.dockerignore: the lint agrees with the build', () => {
  for (const lines of patterns) {
    it(`${JSON.stringify(lines)}: warns exactly for the paths the build leaves out`, () => {
      const sent = ignoreFilter(lines.join('\n'));
      const disagreements = paths.filter((p) => lintWarns(lines, p) === sent(p)).map((p) => `${p}: build ${sent(p) ? 'sends' : 'leaves out'}, lint ${lintWarns(lines, p) ? 'warns' : 'is quiet'}`);
      assert.deepEqual(disagreements, []);
    });
  }

  it('reads [!a] as the docker CLI does (Go filepath.Match: a class of "!" and "a", not a negation), and a\\*b as the literal a*b', () => {
    assert.deepEqual(['abc', '!bc', 'bbc'].map(ignoreFilter('[!a]bc')), [false, false, true]);
    assert.deepEqual(['a*b', 'axb', 'a\\b'].map(ignoreFilter('a\\*b')), [false, true, true]);
    assert.equal(lintWarns(['[!a]bc'], 'abc'), true);
    assert.equal(lintWarns(['[!a]bc'], 'bbc'), false);
  });
});
