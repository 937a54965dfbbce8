/**
 * The rule list against hadolint's current codes, and every docs page against its rule:
 * the page exists, and its Bad example triggers the rule while its Good example does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { hadolintRules } from '../../../../src/language/server/rules/hadolint';
import type { RuleContext } from '../../../../src/language/server/rules/types';
import { expectFixedClean, lint } from './helpers';

const docsDir = path.join(__dirname, '..', '..', '..', '..', 'docs', 'rules');

/** hadolint removed DL3005, DL3017, DL3031 and DL3039 (upgrades inside images are allowed now); DL4002 is unassigned. */
const retired = ['DL3005', 'DL3017', 'DL3031', 'DL3039', 'DL4002'];

test('the rule list is hadolint DL1001, DL3000–DL3067 and DL4000–DL4006, minus retired codes', () => {
  const expected = ['DL1001', ...Array.from({ length: 68 }, (_, i) => `DL${3000 + i}`), ...Array.from({ length: 7 }, (_, i) => `DL${4000 + i}`)].filter((c) => !retired.includes(c));
  assert.deepEqual(hadolintRules.map((r) => r.code), expected);
  for (const rule of hadolintRules) {
    assert.equal(rule.source, 'hadolint');
    assert.ok(rule.title.length > 0);
  }
});

/** Configuration the examples assume (the page says so in a comment). */
const config: Record<string, Partial<RuleContext>> = {
  DL3026: { trustedRegistries: ['registry.corp.example'] },
  DL3049: { labelSchema: { maintainer: 'text' } },
  DL3050: { labelSchema: { maintainer: 'text' }, strictLabels: true } as Partial<RuleContext>,
  DL3051: { labelSchema: { maintainer: 'text' } },
  DL3052: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
  DL3053: { labelSchema: { 'org.opencontainers.image.created': 'rfc3339' } },
  DL3054: { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' } },
  DL3055: { labelSchema: { 'org.opencontainers.image.revision': 'hash' } },
  DL3056: { labelSchema: { 'org.opencontainers.image.version': 'semver' } },
  DL3058: { labelSchema: { maintainer: 'email' } },
};

function example(page: string, heading: string): string {
  const m = new RegExp(`## ${heading}\\n\\n\`\`\`dockerfile\\n([\\s\\S]*?)\`\`\``).exec(page);
  assert.ok(m, `${heading} example`);
  return m[1];
}

for (const rule of hadolintRules) {
  test(`docs/rules/${rule.code}.md: the Bad example triggers, the Good one does not`, () => {
    const file = path.join(docsDir, `${rule.code}.md`);
    assert.ok(existsSync(file), `${file} exists`);
    const page = readFileSync(file, 'utf8');
    assert.ok(page.startsWith(`# ${rule.code}: ${rule.title}\n`), 'title line');
    assert.ok(page.includes(`default severity **${rule.defaultSeverity}**`), 'severity');
    const extra = config[rule.code] ?? {};
    assert.ok(lint(rule.code, example(page, 'Bad'), extra).length > 0, 'Bad example triggers');
    assert.deepEqual(lint(rule.code, example(page, 'Good'), extra).map((f) => f.message), [], 'Good example is clean');
    // A page that documents a quick fix: the Bad example gets one, and applying fixes leaves the rule clean.
    if (page.includes('## Quick fix')) {
      assert.ok(lint(rule.code, example(page, 'Bad'), extra).every((f) => (f.fixes?.length ?? 0) > 0), 'every finding offers the fix');
      expectFixedClean(rule.code, example(page, 'Bad'), extra);
    }
  });
}
