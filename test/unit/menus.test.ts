/**
 * Which menu items a row or a view title gets, read from package.json's `when` clauses
 * with the context keys VS Code sets (view, viewItem): a row shows only the actions that
 * apply to it, and a view's title only its own buttons.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';

interface MenuEntry { command: string; when?: string; group?: string }
const manifest = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };

/** Evaluates the when-clause forms package.json uses: `&&`, `||`, `!key`, `key`, `==`, `!=`, `=~ /re/`. */
function holds(when: string | undefined, keys: Record<string, string | boolean>): boolean {
  if (!when) return true;
  return when.split('||').some((any) => any.split('&&').every((term) => {
    const t = term.trim();
    const match = /^([\w.]+)\s*(==|!=|=~)\s*(.+)$/.exec(t);
    if (!match) return t.startsWith('!') ? !keys[t.slice(1)] : Boolean(keys[t]);
    const [, key, op, raw] = match;
    const value = String(keys[key] ?? '');
    if (op === '=~') {
      const re = /^\/(.*)\/([a-z]*)$/.exec(raw.trim());
      assert.ok(re, `not a regular expression: ${raw}`);
      return new RegExp(re[1], re[2]).test(value);
    }
    return op === '==' ? value === raw.trim() : value !== raw.trim();
  }));
}

const commandsFor = (menu: string, keys: Record<string, string | boolean>): string[] =>
  manifest.contributes.menus[menu].filter((e) => holds(e.when, keys)).map((e) => e.command);

describe('menus', () => {
  it('offers Run… and Create… on image rows, never on their layer rows', () => {
    for (const viewItem of ['image.tagged', 'image.digestOnly', 'image.dangling']) {
      const commands = commandsFor('view/item/context', { view: 'berth.images', viewItem });
      assert.ok(commands.includes('berth.images.run') && commands.includes('berth.images.create'), viewItem);
    }
    for (const viewItem of ['image.layer', 'image.layer.empty', 'imageRepo', 'imageRepo.untagged']) {
      const commands = commandsFor('view/item/context', { view: 'berth.images', viewItem });
      assert.deepEqual(commands.filter((c) => /^berth\.images\.(run|create|runInteractive|push|tag|remove|inspect|save)$/.test(c)), [], viewItem);
    }
  });

  it('offers the log view on every container row and on compose project groups only', () => {
    for (const viewItem of ['container.running', 'container.exited', 'container.paused.compose']) {
      assert.ok(commandsFor('view/item/context', { view: 'berth.containers', viewItem }).includes('berth.containers.showLogView'), viewItem);
    }
    assert.ok(commandsFor('view/item/context', { view: 'berth.containers', viewItem: 'containerGroup.composeProject.running' }).includes('berth.containerGroup.showLogView'));
    for (const viewItem of ['containerGroup.state', 'containerGroup.image']) {
      assert.ok(!commandsFor('view/item/context', { view: 'berth.containers', viewItem }).includes('berth.containerGroup.showLogView'), viewItem);
    }
  });

  it('gives each view one refresh button, and it refreshes that view', () => {
    const refreshes = (view: string) => commandsFor('view/title', { view }).filter((c) => /refresh/i.test(c));
    for (const view of ['berth.containers', 'berth.images', 'berth.networks', 'berth.volumes']) assert.deepEqual(refreshes(view), ['berth.explorer.refresh'], view);
    assert.deepEqual(refreshes('berth.registries'), ['berth.registries.refresh']);
    assert.deepEqual(refreshes('berth.compose'), ['berth.compose.refresh']);
  });

  it('offers compose actions that fit each row\'s state, and no Up on a project that does not parse', () => {
    const compose = (viewItem: string) => [...new Set(commandsFor('view/item/context', { view: 'berth.compose', viewItem }))].map((c) => c.replace('berth.compose.', '')).sort();
    assert.deepEqual(compose('composeProject.running'), ['build', 'chooseEnvFile', 'down', 'logs', 'pause', 'pull', 'restart', 'showConfig', 'stop', 'unpause', 'up', 'upSelect']);
    assert.deepEqual(compose('composeProject.down'), ['build', 'chooseEnvFile', 'pull', 'showConfig', 'up', 'upSelect']);
    assert.deepEqual(compose('composeProject.invalid'), []);
    assert.deepEqual(compose('composeService.notCreated'), ['build', 'pull', 'up', 'upSelect']);
    assert.deepEqual(compose('composeService.exited'), ['build', 'logs', 'pull', 'restart', 'start', 'up', 'upSelect']);
    assert.deepEqual(compose('composeProfile.partial'), ['build', 'logs', 'pause', 'pull', 'restart', 'start', 'stop', 'unpause', 'up', 'upSelect']);
    assert.deepEqual(compose('composeContainer.running'), []);
  });
});

describe('Engines view menus', () => {
  const on = (viewItem: string) => commandsFor('view/item/context', { view: 'berth.engines', viewItem }).filter((c) => c.startsWith('berth.engines.'));

  it('offers Use on every row but the current one, and Pin or Unpin by whether it is pinned', () => {
    assert.deepEqual(new Set(on('engine.context.default.current.cli')), new Set(['berth.engines.pin', 'berth.engines.inspect']));
    assert.deepEqual(new Set(on('engine.context.pinned')), new Set(['berth.engines.use', 'berth.engines.unpin', 'berth.engines.useInCli', 'berth.engines.inspect', 'berth.engines.remove']));
    assert.deepEqual(new Set(on('engine.endpoint.unreachable')), new Set(['berth.engines.use', 'berth.engines.pin', 'berth.engines.inspect', 'berth.engines.remove']));
  });

  it('never offers to remove the default context or the engine in use, nor the docker CLI switch on its own context', () => {
    for (const viewItem of ['engine.context.default', 'engine.context.default.pinned', 'engine.context.current', 'engine.endpoint.current.pinned']) assert.ok(!on(viewItem).includes('berth.engines.remove'), viewItem);
    assert.ok(!on('engine.context.cli').includes('berth.engines.useInCli'));
    assert.ok(!on('engine.endpoint').includes('berth.engines.useInCli'), 'an added endpoint is not a context');
  });

  it('offers Unpin on a pinned engine\'s group in the explorer, not on the current engine\'s', () => {
    const group = (viewItem: string) => commandsFor('view/item/context', { view: 'berth.volumes', viewItem });
    assert.ok(group('engineGroup.pinned.unreachable').includes('berth.engines.unpin'));
    assert.ok(!group('engineGroup.primary').includes('berth.engines.unpin'));
    assert.ok(group('engineGroup.primary').includes('berth.volumes.create'));
  });
});
