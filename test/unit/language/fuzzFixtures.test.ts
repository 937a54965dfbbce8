/** The fuzzer's findings, checked in-process in CPU time: each lints in well under a second. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../../src/language/server/analyzer';

const dir = path.resolve(__dirname, '..', '..', 'fixtures', 'dockerfiles', 'fuzz');

for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.Dockerfile')).sort()) {
  test(`fuzz fixture ${name}: diagnostics in under 1 s of CPU`, async () => {
    const analyzer = new Analyzer();
    analyzer.sync('file:///fuzz', 1, fs.readFileSync(path.join(dir, name), 'utf8'));
    const start = process.cpuUsage();
    const diagnostics = await analyzer.handle('berth/diagnostics', 'file:///fuzz', {});
    const used = process.cpuUsage(start);
    assert.ok(Array.isArray(diagnostics));
    assert.ok((used.user + used.system) / 1000 < 1000, `${(used.user + used.system) / 1000} ms`);
  });
}
