/**
 * Generated Docker files against Berth's own language servers, over the LSP wire: for
 * every scaffold fixture and every platform detection offers for it, the Dockerfile gets
 * no diagnostic at default settings (ShellCheck included: the set must say nothing went
 * unchecked) and the compose.yaml none from the compose server. The files are written
 * beside a copy of the fixture, so the .dockerignore the lint reads is the generated one.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assumed, detectFolder } from '../../src/scaffold/detect';
import { generateFiles } from '../../src/scaffold/templates';
import { platforms, type Detected } from '../../src/scaffold/types';
import { writeAll } from '../../src/scaffold/write';
import { LspClient, composeServerScript, repoRoot } from './client';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'scaffold');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-scaffold-'));
let dockerfileServer: LspClient;
let composeServer: LspClient;

before(async () => {
  [dockerfileServer, composeServer] = await Promise.all([LspClient.start({ rootPath: work }), LspClient.start({ script: composeServerScript, rootPath: work })]);
});
after(async () => {
  await Promise.all([dockerfileServer.stop(), composeServer.stop()]);
  fs.rmSync(work, { recursive: true, force: true });
});

const describe = (d: { code?: string | number; message: string; range: { start: { line: number } } }, text: string) =>
  `${String(d.code)} line ${d.range.start.line + 1}: ${d.message}\n    ${text.split('\n')[d.range.start.line] ?? ''}`;

/** Writes the set for `candidate` into `folder` and asserts both servers find nothing in it. */
async function assertClean(label: string, folder: string, name: string, candidate: Detected): Promise<void> {
  const files = generateFiles(name, candidate, candidate.port);
  await writeAll(folder, files);
  const dockerfile = files.find((f) => f.path === 'Dockerfile')!.content;
  const compose = files.find((f) => f.path === 'compose.yaml')!.content;

  const dockerfileUri = pathToFileURL(path.join(folder, 'Dockerfile')).href;
  dockerfileServer.open(dockerfileUri, dockerfile);
  const linted = await dockerfileServer.waitForDiagnostics(dockerfileUri, (d) => d.version === 1);
  assert.deepEqual(dockerfileServer.progress.get(dockerfileUri)?.unchecked, [], `some checks (ShellCheck?) did not run for ${label}`);
  assert.deepEqual(linted.diagnostics.map((d) => describe(d, dockerfile)), [], `${label} (${candidate.facts.platform}) Dockerfile:\n${dockerfile}`);

  const composeUri = pathToFileURL(path.join(folder, 'compose.yaml')).href;
  composeServer.open(composeUri, compose, 'dockercompose');
  const checked = await composeServer.waitForDiagnostics(composeUri, (d) => d.version === 1, 20_000, true);
  assert.deepEqual(checked.diagnostics.map((d) => describe(d, compose)), [], `${label} compose.yaml:\n${compose}`);
}

test('the servers here do report findings (so "none" below means none)', async () => {
  const folder = path.join(work, 'control');
  fs.mkdirSync(folder);
  const dockerfileUri = pathToFileURL(path.join(folder, 'Dockerfile')).href;
  dockerfileServer.open(dockerfileUri, 'FROM node:latest\nRUN echo $name\n');
  const linted = await dockerfileServer.waitForDiagnostics(dockerfileUri, (d) => d.version === 1);
  const codes = linted.diagnostics.map((d) => String(d.code));
  assert.ok(codes.includes('DL3007') && codes.includes('SC2154'), codes.join(' '));
  const composeUri = pathToFileURL(path.join(folder, 'compose.yaml')).href;
  composeServer.open(composeUri, 'services:\n  web:\n    imag: busybox:local\n', 'dockercompose');
  const checked = await composeServer.waitForDiagnostics(composeUri, (d) => d.version === 1, 20_000, true);
  assert.ok(checked.diagnostics.length > 0, 'the compose server flags an unknown key');
});

for (const fixture of fs.readdirSync(fixtures).sort()) {
  test(`the files generated for ${fixture} pass Berth's Dockerfile lint and the compose server`, async () => {
    const project = await detectFolder(path.join(fixtures, fixture));
    assert.ok(project.candidates.length > 0, `nothing detected in ${fixture}`);
    for (const [index, candidate] of project.candidates.entries()) {
      const folder = path.join(work, `${fixture}-${index}-${candidate.facts.platform}`);
      fs.cpSync(path.join(fixtures, fixture), folder, { recursive: true });
      await assertClean(fixture, folder, project.name, candidate);
    }
  });
}

test('the files for a platform chosen without evidence (its usual layout) pass too', async () => {
  for (const platform of platforms) {
    const folder = path.join(work, `assumed-${platform}`);
    fs.mkdirSync(folder);
    await assertClean(`assumed ${platform}`, folder, 'app', assumed(platform, 'app'));
  }
});
