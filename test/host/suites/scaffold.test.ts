/**
 * Add Docker Files to Workspace in the real extension host: run from the explorer's
 * context menu on a fixture project, answering the platform and port questions (the
 * port's validation included), then run again to see it ask before replacing anything
 * and write nothing when declined, and replace all three files when agreed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AddDockerFilesResult } from '../../../src/commands/workspaceHandlers';
import { berth, extensionId, withAnswers, workspaceFolder } from '../support/berth';

const generated = ['Dockerfile', '.dockerignore', 'compose.yaml'];

describe('Add Docker Files to Workspace', function () {
  this.timeout(60_000);
  let dir: string;
  const read = () => Object.fromEntries(generated.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

  before(() => {
    const fixture = path.join(vscode.extensions.getExtension(extensionId)!.extensionPath, 'test', 'fixtures', 'scaffold', 'node-pnpm');
    dir = path.join(workspaceFolder().uri.fsPath, 'scaffold-node-pnpm');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(fixture, dir, { recursive: true });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a Dockerfile, .dockerignore and compose.yaml for the platform and port chosen, and opens the Dockerfile', async () => {
    const api = await berth();
    const result = await withAnswers(api, ['Node.js (pnpm)', 'Another port…', ['', 'web', '70000', '3100']], async () => {
      const value = await vscode.commands.executeCommand<AddDockerFilesResult | undefined>('berth.workspace.addDockerFiles', vscode.Uri.file(dir));
      const [platform, port, typed] = api.prompts.asked;
      assert.deepEqual(platform.choices?.slice(0, 2), ['Node.js (pnpm)', 'Python'], 'the detected platform first, then the others');
      assert.match(platform.detail ?? '', /Confirm the platform detected/);
      assert.deepEqual(port.choices, ['3000', 'Another port…']);
      assert.deepEqual(typed.validation, ['Type the port the app listens on.', 'A port is a whole number, like 8080.', 'A port is between 1 and 65535.', undefined]);
      return value;
    });
    assert.deepEqual(result, { folder: dir, written: generated });
    const files = read();
    assert.match(files.Dockerfile, /^# syntax=docker\/dockerfile:1\n/);
    assert.match(files.Dockerfile, /^FROM node:20\.\d+\.\d+-bookworm-slim AS build$/m);
    assert.match(files.Dockerfile, /pnpm install --frozen-lockfile/);
    assert.match(files.Dockerfile, /^EXPOSE 3100$/m);
    assert.match(files['compose.yaml'], /^ {2}catalog:$/m);
    assert.match(files['compose.yaml'], /- "3100:3100"/);
    assert.match(files['.dockerignore'], /^node_modules$/m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, path.join(dir, 'Dockerfile'));
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'dockerfile');
  });

  it('asks before replacing, names the files it would replace, and writes nothing when declined', async () => {
    const api = await berth();
    const before = read();
    const result = await withAnswers(api, ['Node.js (pnpm)', '3000', undefined], async () => {
      const value = await vscode.commands.executeCommand('berth.workspace.addDockerFiles', vscode.Uri.file(dir));
      const confirm = api.prompts.asked.at(-1);
      assert.equal(confirm?.kind, 'confirm');
      assert.match(confirm?.message ?? '', /already in scaffold-node-pnpm\. Replace them\?/);
      assert.match(confirm?.detail ?? '', /Dockerfile, \.dockerignore, compose\.yaml/);
      assert.deepEqual(confirm?.choices, ['Replace']);
      return value;
    });
    assert.equal(result, undefined);
    assert.deepEqual(read(), before, 'nothing changed');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('.berth-')), [], 'no temporary files left');
  });

  it('replaces all three files when the user agrees', async () => {
    const api = await berth();
    const result = await withAnswers(api, ['Node.js (pnpm)', '3000', 'Replace'], () => vscode.commands.executeCommand<AddDockerFilesResult | undefined>('berth.workspace.addDockerFiles', vscode.Uri.file(dir)));
    assert.deepEqual(result?.written, generated);
    const files = read();
    assert.match(files.Dockerfile, /^EXPOSE 3000$/m);
    assert.match(files['compose.yaml'], /- "3000:3000"/);
  });
});
