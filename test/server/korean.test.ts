/**
 * The language servers in Korean, over the LSP wire (dist/server.js and
 * dist/composeServer.js --stdio), started as the extension starts them when VS Code's
 * display language is Korean: `l10nBundle` in initializationOptions points at
 * l10n/bundle.l10n.ko.json. Diagnostics (our rules' and dockerfile-utils'), hovers
 * (dockerfile-language-service's), code action titles and the compose checks must come
 * out in Korean, and rule links go to the Korean rule pages (docs/rules/ko); a server
 * started without a bundle stays byte-for-byte English.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, composeServerScript, repoRoot, type Diagnostics } from './client';

const bundleFile = path.join(repoRoot, 'l10n', 'bundle.l10n.ko.json');
const bundle = JSON.parse(fs.readFileSync(bundleFile, 'utf8')) as Record<string, string>;
const l10nBundle = pathToFileURL(bundleFile).href;

/** The Korean of `key` with its placeholders filled, as @vscode/l10n fills them. */
function korean(key: string, ...args: Array<string | number>): string {
  const text = bundle[key];
  assert.ok(text, `the Korean bundle has no "${key}"`);
  return text.replace(/\{(\d+)\}/g, (all, index: string) => (args[Number(index)] === undefined ? all : String(args[Number(index)])));
}

const dockerfile = 'FROM busybox:local\nWORKDIR app\nCMD echo hi\nFORM x\n';

let workspace: string;
let ko: LspClient;
let en: LspClient;
let koCompose: LspClient;

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-korean-'));
  const env = { BERTH_LS_TIMEOUT_MS: '10000' };
  [ko, en, koCompose] = await Promise.all([
    LspClient.start({ rootPath: workspace, env, initializationOptions: { l10nBundle } }),
    LspClient.start({ rootPath: workspace, env }),
    LspClient.start({ script: composeServerScript, rootPath: workspace, env, initializationOptions: { l10nBundle } }),
  ]);
});
after(async () => {
  await Promise.all([ko.stop(), en.stop(), koCompose.stop()]);
  fs.rmSync(workspace, { recursive: true, force: true });
});

async function lint(client: LspClient, name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostics['diagnostics'] }> {
  const file = path.join(workspace, name);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  client.open(uri, text);
  const published = await client.waitForDiagnostics(uri, (d) => d.version === 1);
  return { uri, diagnostics: published.diagnostics };
}

const byCode = (diagnostics: Diagnostics['diagnostics'], code: string) => {
  const found = diagnostics.find((d) => d.code === code);
  assert.ok(found, `no ${code} in [${diagnostics.map((d) => d.code).join(' ')}]`);
  return found;
};

test('Dockerfile diagnostics in Korean: a rule of ours and a check of dockerfile-utils', async () => {
  const { diagnostics } = await lint(ko, 'Dockerfile.ko', dockerfile);
  const workdir = byCode(diagnostics, 'DL3000');
  assert.equal(workdir.message, korean('WORKDIR {0} is relative to whatever the directory was before; write {1}.', 'app', '/app'));
  // The link goes to the Korean rule page, which exists next to the English one.
  assert.equal(workdir.codeDescription?.href, pathToFileURL(path.join(repoRoot, 'docs', 'rules', 'ko', 'DL3000.md')).href);
  assert.equal(byCode(diagnostics, 'DL3025').message, korean('Shell form runs {0} under /bin/sh -c, so the process is not PID 1 and misses signals; use JSON form.', 'CMD'));
  // The library's own message, through its translated template: the instruction name filled in by the library.
  const unknown = diagnostics.find((d) => d.source === 'dockerfile-utils' && d.range.start.line === 3);
  assert.ok(unknown, 'dockerfile-utils reports the unknown instruction');
  assert.equal(unknown.message, korean('Unknown instruction: {0}', 'FORM'));
});

test('without a bundle the same diagnostics stay in English', async () => {
  const { diagnostics } = await lint(en, 'Dockerfile.en', dockerfile);
  const workdir = byCode(diagnostics, 'DL3000');
  assert.equal(workdir.message, 'WORKDIR app is relative to whatever the directory was before; write /app.');
  assert.equal(workdir.codeDescription?.href, pathToFileURL(path.join(repoRoot, 'docs', 'rules', 'DL3000.md')).href);
  const unknown = diagnostics.find((d) => d.source === 'dockerfile-utils' && d.range.start.line === 3);
  assert.equal(unknown?.message, 'Unknown instruction: FORM');
});

test('hover over FROM in Korean, with the library example and link kept', async () => {
  const { uri } = await lint(ko, 'Dockerfile.hover', dockerfile);
  const hover = await ko.request<{ contents: { kind: string; value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
  const value = hover?.contents.value ?? '';
  assert.ok(value.includes(korean('Set the `baseImage` to use for subsequent instructions. `FROM` must be the first instruction in a `Dockerfile`.')), value);
  assert.ok(value.includes(`[${korean('Online documentation')}](https://docs.docker.com/`), value);
  assert.doesNotMatch(value, /Set the `baseImage`/);
});

test('code action titles in Korean: the rule fix and the ignore action', async () => {
  const { uri, diagnostics } = await lint(ko, 'Dockerfile.actions', dockerfile);
  const diagnostic = byCode(diagnostics, 'DL3025');
  const actions = await ko.request<Array<{ title: string }>>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  const titles = actions.map((action) => action.title);
  assert.ok(titles.includes(korean('Use JSON (exec) form')), titles.join(' | '));
  assert.ok(titles.includes(korean('Ignore {0} for this line', 'DL3025')), titles.join(' | '));
});

test('compose diagnostics and key hover in Korean', async () => {
  const text = 'services:\n  web:\n    image: busybox:local\n    depends_on: [db]\n';
  const file = path.join(workspace, 'compose.yaml');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  koCompose.open(uri, text, 'dockercompose');
  const published = await koCompose.waitForDiagnostics(uri, (d) => d.version === 1, 20_000, true);
  const undefinedService = published.diagnostics.find((d) => d.code === 'undefined-service');
  assert.ok(undefinedService, `no undefined-service in [${published.diagnostics.map((d) => d.code).join(' ')}]`);
  assert.equal(undefinedService.message, korean('Service "{0}" (in {1} of "{2}") is not defined in this file.', 'db', 'depends_on', 'web'));
  const hover = await koCompose.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 5 } });
  assert.equal(hover?.contents.value, `**image**\n\n${korean('The image to run (`name:tag`). With `build`, the name the built image gets.')}`);
});
