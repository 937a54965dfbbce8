/**
 * parse.ts hands every caller the same argument objects of an instruction (only FROM's
 * are copied, because the library moves its image range). That is safe only while no
 * feature, rule or library function edits an argument. Here the arguments are frozen
 * (strict-mode code then throws on any edit; freezing FROM's copies changes nothing, so
 * sharing them would fail here) and every feature and rule runs over real Dockerfiles:
 * the answers must equal those computed before the freeze.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../../src/language/server/analyzer';
import { forgetParses } from '../../../src/language/server/parse';
import { features } from '../../../src/language/server/features';
import { initShellParser } from '../../../src/language/server/shell/parser';
import { hadolintCases } from './peers/hadolintCases';
import { buildkitCases } from './peers/buildkitCases';

const fixtures = path.resolve(__dirname, '..', '..', 'fixtures', 'dockerfiles');
const files = [
  fs.readFileSync(path.join(fixtures, 'multistage.Dockerfile'), 'utf8'),
  ...fs.readdirSync(path.join(fixtures, 'fuzz')).map((name) => fs.readFileSync(path.join(fixtures, 'fuzz', name), 'utf8')),
  // The peers' cases: every instruction kind, flags, heredocs, ONBUILD, odd spellings.
  ...new Set([...hadolintCases, ...buildkitCases].map((c) => c.dockerfile)),
];

/** Not answers about the document: a test hook, another program, and a request without one. */
const skipped = new Set(['berth/test/spin', 'berth/shellcheck', 'completionItem/resolve']);

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

async function everyAnswer(analyzer: Analyzer, uri: string, lines: number): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const method of Object.keys(features).filter((m) => !skipped.has(m))) {
    // A few positions spread over the file: every instruction kind is somewhere under one.
    for (const line of [0, Math.floor(lines / 3), Math.floor(lines / 2), lines - 2]) {
      const params = {
        textDocument: { uri }, position: { line, character: 5 }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
        context: { diagnostics: [], includeDeclaration: true }, options: { tabSize: 4, insertSpaces: true }, ch: '\\', newName: 'renamed', part: 'own',
      };
      answers.push({ method, line, answer: await analyzer.handle(method, uri, params) });
    }
  }
  return answers;
}

test('no feature, rule or library function edits the arguments parse.ts shares', async () => {
  await initShellParser();
  let total = 0;
  for (const [index, text] of files.entries()) {
    const uri = `file:///shared/${index}/Dockerfile`;
    const lines = text.split('\n').length;
    const run = async (freeze: boolean) => {
      // A fresh tree each time: an edit made during the first run would otherwise be
      // baked into the tree the second run freezes.
      forgetParses();
      const analyzer = new Analyzer();
      const failures: string[] = [];
      analyzer.log = (message) => failures.push(message);
      analyzer.sync(uri, 1, text);
      if (freeze) {
        for (const instruction of analyzer.doc(uri)!.dockerfile.getInstructions()) {
          // Private in the library's types; parse.ts wraps it on the prototype.
          for (const argument of (instruction as unknown as { getRawArguments(): object[] }).getRawArguments()) {
            deepFreeze(argument);
            total++;
          }
        }
      }
      const answers = await everyAnswer(analyzer, uri, lines);
      assert.deepEqual(failures, [], `file ${index}: a rule failed`);
      return answers;
    };
    const before = await run(false);
    assert.deepEqual(await run(true), before, `file ${index}: an answer changed with the shared arguments frozen`);
  }
  assert.ok(total > 2000, `only ${total} arguments were frozen`);
});
