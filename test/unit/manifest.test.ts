/** package.json is the extension's table of contents: hold it equal to the code. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandTable } from '../../src/commands/table';
import type { Services } from '../../src/services';
import { configDefaults, configSection } from '../../src/config/schema';
import { containerScheme } from '../../src/files/paths';
import { localizedManifest } from '../support/manifest';

// Titles and categories as the English UI shows them (package.json holds %key% placeholders).
const manifest = localizedManifest();

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

  it('needs a trusted workspace for every command but Show Log (Restricted Mode offers no engine action)', () => {
    const untrusted = manifest.contributes.commands
      .filter((c: { enablement?: string }) => c.enablement !== 'isWorkspaceTrusted')
      .map((c: { command: string }) => c.command);
    assert.deepEqual(untrusted, ['berth.log.show']);
  });

  it('declares every setting with the default config.ts uses', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
    const declared = Object.keys(properties).map((k) => k.slice(configSection.length + 1)).sort();
    assert.deepEqual(declared, Object.keys(configDefaults).sort());
    for (const [key, value] of Object.entries(configDefaults)) {
      assert.deepEqual(properties[`${configSection}.${key}`].default, value, `default of ${configSection}.${key}`);
    }
  });

  it('offers Run in the Containers view, in its title bar and when it is empty', () => {
    const titleBar = manifest.contributes.menus['view/title'] as { command: string; when: string; group: string }[];
    assert.ok(titleBar.some((m) => m.command === 'berth.images.run' && m.when === 'view == berth.containers' && m.group.startsWith('navigation')));
    const empty = (manifest.contributes.viewsWelcome as { view: string; contents: string; when?: string }[]).find((w) => w.view === 'berth.containers' && w.when === '!berth.engineUnreachable');
    assert.match(empty?.contents ?? '', /\(command:berth\.images\.run\)/);
  });

  it('names exec and attach where a learner of the CLI looks for them', () => {
    const titles = new Map((manifest.contributes.commands as { command: string; title: string }[]).map((c) => [c.command, c.title]));
    assert.match(titles.get('berth.containers.attachShell') ?? '', /\bexec\b/);
    assert.match(titles.get('berth.containers.exec') ?? '', /\bexec\b/);
    assert.match(titles.get('berth.containers.attach') ?? '', /\battach\b/);
    assert.doesNotMatch(titles.get('berth.containers.attachShell') ?? '', /attach/i, 'a shell is an exec, not an attach');
  });

  it('keeps exec and attach in the Korean titles too (Korean tutorials name the CLI commands)', () => {
    const korean = localizedManifest('ko');
    const titles = new Map((korean.contributes.commands as { command: string; title: string }[]).map((c) => [c.command, c.title]));
    assert.match(titles.get('berth.containers.attachShell') ?? '', /\bexec\b/);
    assert.match(titles.get('berth.containers.attach') ?? '', /\battach\b/);
    assert.equal(titles.get('berth.containers.start'), '컨테이너 시작');
  });

  it('names only commands that exist in menus', () => {
    const ids = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, { command?: string }[]>)) {
      for (const entry of entries) if (entry.command) assert.ok(ids.has(entry.command), `${menu} names unknown ${entry.command}`);
    }
  });

  it('activates for a container file opened before anything else woke Berth (a reload with one open)', () => {
    for (const scheme of [containerScheme, 'berth-volume', 'berth-layer']) assert.ok(manifest.activationEvents.includes(`onFileSystem:${scheme}`), `onFileSystem:${scheme} is not an activation event`);
  });
});
