/** Every BuildKit and Berth rule has its page in docs/rules, with the parts a reader needs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildkitRules } from '../../../src/language/server/rules/buildkit';
import { berthRules } from '../../../src/language/server/rules/berth';

const docs = path.resolve(__dirname, '..', '..', '..', 'docs', 'rules');
const severityWords: Record<string, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'hint', off: 'off' };

for (const rule of [...buildkitRules, ...berthRules, { code: 'InvalidStageName', defaultSeverity: 'error' }]) {
  test(`docs/rules/${rule.code}.md`, () => {
    const page = fs.readFileSync(path.join(docs, `${rule.code}.md`), 'utf8');
    assert.match(page, new RegExp(`^# ${rule.code}\\n`));
    for (const section of ['## What it reports', '## Why', '## Bad', '## Good']) assert.ok(page.includes(section), `${section} in ${rule.code}.md`);
    assert.ok(page.includes(`Default severity: **${severityWords[rule.defaultSeverity]}**`), 'severity matches the rule');
  });
}
