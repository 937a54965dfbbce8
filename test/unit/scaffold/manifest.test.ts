/** Where Add Docker Files to Workspace is offered: the palette, a folder in the Explorer, the Containers and Images views' overflow menu. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';

const manifest = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
const nls = JSON.parse(fs.readFileSync(new URL('../../../package.nls.json', import.meta.url), 'utf8'));
const nlsKo = JSON.parse(fs.readFileSync(new URL('../../../package.nls.ko.json', import.meta.url), 'utf8'));
const id = 'berth.workspace.addDockerFiles';

describe('Add Docker Files to Workspace in package.json', () => {
  it('has a localized title in English and Korean', () => {
    const command = manifest.contributes.commands.find((c: { command: string }) => c.command === id);
    assert.equal(command?.title, `%${id}.title%`);
    assert.equal(nls[`${id}.title`], 'Add Docker Files to Workspace');
    assert.match(nlsKo[`${id}.title`], /Docker 파일/);
  });

  it('is on a folder\'s Explorer context menu and in the Containers and Images views\' overflow, and not hidden from the palette', () => {
    const explorer = manifest.contributes.menus['explorer/context'].filter((m: { command: string }) => m.command === id);
    assert.deepEqual(explorer.map((m: { when: string }) => m.when), ['explorerResourceIsFolder']);
    const title = manifest.contributes.menus['view/title'].filter((m: { command: string }) => m.command === id);
    assert.equal(title.length, 1);
    assert.doesNotMatch(title[0].group, /^navigation/, 'in the overflow, not the title bar');
    for (const view of ['berth.containers', 'berth.images']) assert.match(view, new RegExp(title[0].when.replace(/^view =~ \/(.*)\/$/, '$1')));
    assert.ok(!manifest.contributes.menus.commandPalette.some((m: { command: string }) => m.command === id));
  });
});
