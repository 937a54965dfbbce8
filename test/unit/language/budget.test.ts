/**
 * Time budgets, in CPU time of this process (wall time on a shared 2-core machine says
 * more about the neighbours than about us): the two dockerfile-language-service traps
 * and every feature at 1,000 and 10,000 lines, parse included once per version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../src/language/server/analyzer';
import { features } from '../../../src/language/server/features';
import { warmUp } from '../../../src/language/server/warmUp';
import { largeDockerfile, regexTrap, semanticTrap } from '../../server/inputs';

async function cpu(work: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const analyzer = new Analyzer();
const warm = warmUp(analyzer);

test('trap: the stage-name regex input is checked in well under a second', async () => {
  await warm;
  analyzer.sync('file:///regex', 1, regexTrap);
  const ms = await cpu(() => analyzer.handle('berth/diagnostics', 'file:///regex', {}));
  assert.ok(ms < 500, `${ms} ms`);
  const result = (await analyzer.handle('berth/diagnostics', 'file:///regex', {})) as Array<{ code: string }>;
  assert.ok(result.some((d) => d.code === 'InvalidStageName'));
});

test('trap: semantic tokens of 6,500 lines take well under a second', async () => {
  await warm;
  analyzer.sync('file:///semantic', 1, semanticTrap());
  const ms = await cpu(() => analyzer.handle('textDocument/semanticTokens/full', 'file:///semantic', {}));
  assert.ok(ms < 1000, `${ms} ms (parse included)`);
});

for (const [lines, budget] of [[1000, 50], [10_000, 300]] as const) {
  test(`every request on ${lines} lines stays under ${budget} ms once the version is parsed`, async () => {
    await warm;
    const uri = `file:///budget-${lines}`;
    analyzer.sync(uri, 1, largeDockerfile(lines));
    analyzer.doc(uri);
    const params = {
      textDocument: { uri }, position: { line: Math.floor(lines / 2), character: 2 },
      range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
      context: { diagnostics: [], includeDeclaration: true }, options: { tabSize: 4, insertSpaces: true }, ch: '\\', newName: 'renamed',
    };
    const over: string[] = [];
    for (const method of Object.keys(features)) {
      if (method === 'berth/test/spin' || method === 'completionItem/resolve' || method.startsWith('berth/diagnostics') || method === 'berth/lintPart' || method === 'berth/shellcheck') continue;
      await analyzer.handle(method, uri, params); // first run may compile code for this shape
      // The best of three: the process's CPU time includes V8's collector threads, and a
      // collection of earlier tests' garbage landing in one run (50 ms for a 3 ms folding
      // request, once, in a full run) says nothing about the feature. Slow code is slow
      // every time.
      let ms = Infinity;
      for (let run = 0; run < 3; run++) ms = Math.min(ms, await cpu(() => analyzer.handle(method, uri, params)));
      if (ms > budget) over.push(`${method}: ${ms.toFixed(0)} ms`);
    }
    assert.deepEqual(over, []);
  });
}
