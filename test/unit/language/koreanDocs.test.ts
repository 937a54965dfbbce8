/**
 * Every rule page has its Korean page in docs/rules/ko (diagnostics link there when VS
 * Code's display language is Korean): the code and a Korean title, which rule family it
 * is, a link back to the full English page, and a Korean summary of what it checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const docs = path.resolve(__dirname, '..', '..', '..', 'docs', 'rules');
const hangul = /[\uac00-\ud7a3]/;

for (const name of fs.readdirSync(docs).filter((file) => file.endsWith('.md'))) {
  const code = name.slice(0, -'.md'.length);
  test(`docs/rules/ko/${name}`, () => {
    const file = path.join(docs, 'ko', name);
    assert.ok(fs.existsSync(file), `docs/rules/${name} has no Korean page`);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const title = new RegExp(`^# ${code}: (.+)$`).exec(lines[0]);
    assert.ok(title && hangul.test(title[1]), `a Korean title after "# ${code}: " (got "${lines[0]}")`);
    assert.ok(lines.includes(`${lines[2].split('입니다.')[0]}입니다. 예시와 이유, 설정 방법은 [영어 문서](../${name})에 있습니다.`), 'the family and the link to the English page');
    const summary = lines.slice(lines.indexOf('## 검사 내용') + 1).join('\n').trim();
    assert.ok(lines.includes('## 검사 내용') && hangul.test(summary), 'a Korean summary under "## 검사 내용"');
  });
}

test('no Korean page without its English page', () => {
  const english = new Set(fs.readdirSync(docs));
  const orphans = fs.readdirSync(path.join(docs, 'ko')).filter((file) => !english.has(file));
  assert.deepEqual(orphans, []);
});
