/** The localization check's rules (scripts/l10n): what they flag, what they let through. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { replaceWithKeys, visibleStrings } from '../../../scripts/l10n/manifest';
import { bundleProblems, invariants, manifestProblems } from '../../../scripts/l10n/rules';
import { findUnwrapped, isText } from '../../../scripts/l10n/unwrapped';

const readJson = (name: string) => JSON.parse(fs.readFileSync(new URL(`../../../${name}`, import.meta.url), 'utf8'));
const extensionFile = (body: string) => `import * as vscode from 'vscode';\n${body}\n`;
const flagged = (source: string) => findUnwrapped('x.ts', source).map((u) => `${u.where}: ${u.text}`);

describe('l10n check: strings never wrapped', () => {
  it('tells text from ids, flags, references and codicons', () => {
    for (const text of ['Containers', 'No containers yet.', 'Remove {0}?', '$(trash) Remove', 'ps -s']) assert.ok(isText(text), text);
    for (const code of ['notFound', 'nginx:latest', '--rm', 'berth.containers', '$(refresh)', '{0}', '127.0.0.1:5000/app:dev', '', 'x', 'Docker Hub', '$(globe) Podman']) assert.ok(!isText(code), code);
  });

  it('flags literals shown by messages, their buttons, quick picks, input boxes, trees, progress and status bar items', () => {
    const found = flagged(extensionFile(`
      void vscode.window.showErrorMessage('Cannot start the container.', 'Retry');
      void vscode.window.showQuickPick(['Keep it', 'Remove it'], { placeHolder: 'What now?', title: \`Remove \${name}\` });
      void vscode.window.showInputBox({ prompt: 'A name', validateInput: (v) => (v ? undefined : 'Enter a name') });
      const item = new vscode.TreeItem('Files'); item.description = 'read only, ' + size; item.tooltip = new vscode.MarkdownString('**Running** now');
      void vscode.window.withProgress({ location: 15, title: 'Pulling' }, async () => undefined);
      status.text = '$(vm) Engine down';
      const pick = { label: 'Run', detail: ok ? 'now' : 'Later on' };
      throw new EngineError('notFound', 'There is no such image.', 'Pull it first.');
    `));
    assert.deepEqual(found, [
      'showErrorMessage: Cannot start the container.', 'showErrorMessage: Retry',
      'showQuickPick: Keep it', 'showQuickPick: Remove it', 'placeHolder: What now?', 'title: Remove {}',
      'prompt: A name', 'validateInput: Enter a name',
      'new TreeItem: Files', 'description =: read only, ', 'new MarkdownString: **Running** now',
      'title: Pulling', 'text =: $(vm) Engine down',
      'label: Run', 'detail: Later on',
      'new EngineError: There is no such image.', 'new EngineError: Pull it first.',
    ]);
  });

  it('lets wrapped strings, non-text and l10n-ignore lines through', () => {
    const found = flagged(extensionFile(`
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot start {0}.', name), vscode.l10n.t('Retry'));
      const item = new vscode.TreeItem(container.name); item.description = \`\${image}:\${tag}\`; item.tooltip = l10n.t('Files');
      const pick = { label: '$(add)', description: 'nginx:latest', detail: message };
      // l10n-ignore: the product's name
      item.label = 'Berth';
      throw new EngineError('notFound', l10n.t('There is no such image.'));
    `));
    assert.deepEqual(found, []);
  });

  it('flags diagnostics, plain records shown as items, and errors in code without vscode; not status-bar-like text there', () => {
    const found = flagged(`
      problems.push({ range, message: 'A stage cannot COPY --from itself.' });
      const field = { kind: 'text', key: 'name', label: 'Name', prompt: 'Container name (--name)' };
      line.text = 'plain data, not a status bar item';
      throw new Error(\`No such container \${id}.\`);
    `);
    assert.deepEqual(found, ['message: A stage cannot COPY --from itself.', 'label: Name', 'prompt: Container name (--name)', 'new Error: No such container {}.']);
  });
});

describe('l10n check: the code bundle', () => {
  it('passes a complete, sorted bundle with the same placeholders', () => {
    assert.deepEqual(bundleProblems({ 'Remove {0}?': 'Remove {0}?', 'Start': 'Start' }, { 'Remove {0}?': '{0}을(를) 제거할까요?', 'Start': '시작' }), []);
  });

  it('names the missing, the unused, the empty, placeholders that differ and an unsorted file', () => {
    const problems = bundleProblems(
      { 'Remove {0}?': 'Remove {0}?', 'Stop {0} of {1}': 'Stop {0} of {1}', 'Pause': 'Pause', 'Hint/for translators': { message: 'Hint', comment: ['for translators'] } },
      { 'Stop {0} of {1}': '{1}의 {0} 중지', 'Remove {0}?': '제거할까요?', 'Old text': '옛 문장', 'Hint/for translators': ' ' },
    );
    assert.deepEqual(problems, [
      'no Korean for "Pause" in l10n/bundle.l10n.ko.json',
      'l10n/bundle.l10n.ko.json: the Korean for "Remove {0}?" lacks {0}',
      'l10n/bundle.l10n.ko.json translates "Old text", which no l10n.t call in src/ uses',
      'l10n/bundle.l10n.ko.json has an empty translation for "Hint/for translators"',
      'l10n/bundle.l10n.ko.json is not sorted by key (first out of place: "Stop {0} of {1}"); keys are kept sorted so branches merge',
    ]);
  });

  it('keeps command links, setting links and code spans as invariants', () => {
    assert.deepEqual(invariants('No images. [Pull](command:berth.images.pullReference) or set `#berth.host#` to {0}'), ['#berth.host#', '(command:berth.images.pullReference)', '`#berth.host#`', '{0}']);
  });
});

describe('l10n check: package.json', () => {
  const manifest = () => ({
    description: '%extension.description%',
    contributes: {
      commands: [{ command: 'berth.a.start', title: '%berth.a.start.title%', category: '%category%' }, { command: 'berth.a.stop', title: 'Stop', category: '%category%' }],
      views: { berth: [{ id: 'berth.a', name: '%view.berth.a.name%' }] },
      configuration: { properties: { 'berth.x': { type: 'string', enum: ['a', 'b c'], enumDescriptions: ['%config.berth.x.enumDescriptions.a%', '%config.berth.x.enumDescriptions.b_c%'], markdownDescription: '%config.berth.x.description%' } } },
    },
  });
  const english = { 'extension.description': 'Berth', 'berth.a.start.title': 'Start', category: 'Berth', 'view.berth.a.name': 'A', 'config.berth.x.enumDescriptions.a': 'A', 'config.berth.x.enumDescriptions.b_c': 'B C', 'config.berth.x.description': 'See `#berth.host#`' };

  it('names a literal with the key it should have, an unused key and keys missing on either side', () => {
    const korean = { ...english, 'config.berth.x.description': '`#berth.host#`를 보세요', 'view.berth.a.name': undefined, extra: '추가' } as Record<string, unknown>;
    delete korean['view.berth.a.name'];
    const problems = manifestProblems(manifest(), { ...english, unused: 'Unused' }, korean);
    assert.deepEqual(problems, [
      'package.json contributes.commands[1].title is the literal "Stop": use "%berth.a.stop.title%" with the English in package.nls.json and the Korean in package.nls.ko.json',
      'package.nls.ko.json has no Korean for "view.berth.a.name"',
      'package.nls.json defines "unused", which package.json does not use',
      'package.nls.ko.json has no Korean for "unused"',
      'package.nls.ko.json defines "extra", which package.nls.json does not',
    ]);
  });

  it('converts literals to %key% by the convention, leaving placeholders alone', () => {
    const m = manifest();
    assert.deepEqual(replaceWithKeys(m), { 'berth.a.stop.title': 'Stop' });
    assert.equal(m.contributes.commands[1].title, '%berth.a.stop.title%');
    assert.deepEqual(visibleStrings(m).map((v) => v.key).filter((k) => k.startsWith('config')), ['config.berth.x.description', 'config.berth.x.enumDescriptions.a', 'config.berth.x.enumDescriptions.b_c']);
  });

  it('holds the real package.json complete in English and Korean', () => {
    assert.deepEqual(manifestProblems(readJson('package.json'), readJson('package.nls.json'), readJson('package.nls.ko.json')), []);
  });
});
