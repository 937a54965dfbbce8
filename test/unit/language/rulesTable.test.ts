import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { readmeWithTable } from '../../../scripts/rules-table';

describe('README rules table', () => {
  it('lists exactly the rules the server runs (regenerate with `node --import tsx scripts/rules-table.ts --write`)', () => {
    const readme = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    assert.equal(readme, readmeWithTable(readme));
  });
});
