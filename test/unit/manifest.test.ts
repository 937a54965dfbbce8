/** package.json is the extension's table of contents: hold it equal to the code. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { commandTable } from '../../src/commands/table';
import type { Services } from '../../src/services';
import { configDefaults, configSection } from '../../src/config/schema';

const manifest = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('package.json', () => {
  it('contributes exactly the commands the table registers', () => {
    const table = Object.keys(commandTable({} as Services)).sort();
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, table);
  });

  it('gives every command a title, a category and a berth.<noun>.<verb> id', () => {
    for (const c of manifest.contributes.commands) {
      assert.match(c.command, /^berth\.[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/, c.command);
      assert.ok(c.title, `${c.command} has no title`);
      assert.equal(c.category, 'Berth', `${c.command} has no Berth category`);
    }
  });

  it('declares every setting with the default config.ts uses', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
    const declared = Object.keys(properties).map((k) => k.slice(configSection.length + 1)).sort();
    assert.deepEqual(declared, Object.keys(configDefaults).sort());
    for (const [key, value] of Object.entries(configDefaults)) {
      assert.deepEqual(properties[`${configSection}.${key}`].default, value, `default of ${configSection}.${key}`);
    }
  });

  it('names only commands that exist in menus', () => {
    const ids = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, { command?: string }[]>)) {
      for (const entry of entries) if (entry.command) assert.ok(ids.has(entry.command), `${menu} names unknown ${entry.command}`);
    }
  });
});
