/**
 * The compose language server over the LSP wire (dist/composeServer.js --stdio): each
 * diagnostic and each kind of completion, hover, formatting, outline, links and rename,
 * and what it leaves to Red Hat's YAML extension when told the extension is there.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, composeServerScript, repoRoot, type Diagnostics } from './client';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'compose');
const projectUri = (name: string) => pathToFileURL(path.join(fixtures, 'project', name)).href;

let client: LspClient;
before(async () => {
  client = await LspClient.start({ script: composeServerScript, env: { BERTH_LS_TIMEOUT_MS: '5000' }, initializationOptions: { localImages: ['busybox:local', 'app:dev', { ref: 'registry.test/team/api:1.2' }] } });
});
after(async () => client.stop());

let opened = 0;
/** Opens `text` as a new compose file in the fixture project; resolves with its first diagnostics. */
async function open(text: string, name = `compose.${++opened}.yaml`): Promise<{ uri: string; diagnostics: Diagnostics['diagnostics'] }> {
  const uri = projectUri(name);
  client.open(uri, text, 'dockercompose');
  const published = await client.waitForDiagnostics(uri, (d) => d.version === 1, 20_000, true);
  return { uri, diagnostics: published.diagnostics };
}

const codes = (diagnostics: Diagnostics['diagnostics']) => diagnostics.map((d) => d.code);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));

async function complete(uri: string, text: string, needle: string, after = needle): Promise<string[]> {
  const line = lineOf(text, needle);
  assert.ok(line >= 0, `no line with ${needle}`);
  const character = text.split('\n')[line].indexOf(after) + after.length;
  const result = await client.request<{ items: Array<{ label: string }> }>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  return result.items.map((item) => item.label);
}

test('initialize announces the compose features', async () => {
  const fresh = await LspClient.start({ script: composeServerScript });
  try {
    const result = await fresh.request<{ capabilities: Record<string, unknown>; serverInfo: { name: string } }>('initialize', { processId: null, rootUri: null, capabilities: {} });
    for (const key of ['completionProvider', 'hoverProvider', 'documentFormattingProvider', 'documentSymbolProvider', 'documentLinkProvider', 'renameProvider']) assert.ok(result.capabilities[key], `capability ${key}`);
    assert.match(result.serverInfo.name, /Compose/);
  } finally {
    await fresh.stop();
  }
});

test('a clean file has no diagnostics; !reset and !override are accepted', async () => {
  const { diagnostics } = await open(`services:
  web:
    image: busybox:local
    command: !reset null
    ports: !override
      - "8080:80"
    environment:
      GREETING: \${GREETING:-hello}
      PRICE: "$$5"
    depends_on:
      db:
        condition: service_healthy
  db:
    image: busybox:local
`);
  assert.deepEqual(diagnostics, []);
});

test('YAML syntax errors are diagnostics at their line', async () => {
  const text = 'services:\n  web:\n    image: [busybox\n';
  const { diagnostics } = await open(text);
  assert.ok(diagnostics.some((d) => d.code === 'yaml-syntax'), JSON.stringify(diagnostics));
});

test('schema: an unknown key, a wrong type and an enum value outside the list', async () => {
  const text = 'services:\n  web:\n    imagee: busybox:local\n    privileged: maybe\n    depends_on:\n      db:\n        condition: when_ready\n  db:\n    image: busybox:local\n';
  const { diagnostics } = await open(text);
  const schema = diagnostics.filter((d) => d.code === 'schema');
  assert.ok(schema.some((d) => /"imagee" is not allowed here: did you mean "image"\?/.test(d.message) && d.range.start.line === 2), JSON.stringify(schema));
  assert.ok(schema.some((d) => /Expected true or false/.test(d.message) && d.range.start.line === 3), JSON.stringify(schema));
  assert.ok(schema.some((d) => /Expected one of "service_started"/.test(d.message) && d.range.start.line === 6), JSON.stringify(schema));
});

test('schema: keys newer than the vendored schema are accepted', async () => {
  const { diagnostics } = await open('name: demo\nservices:\n  web:\n    image: busybox:local\n    develop:\n      watch:\n        - action: sync\n          path: ./src\n          target: /src\n    build:\n      context: .\n      tags: ["app:dev"]\n      ssh: [default]\n    depends_on:\n      db:\n        restart: true\n  db:\n    image: busybox:local\n');
  assert.deepEqual(diagnostics.filter((d) => d.code === 'schema'), []);
});

test('a service named in depends_on, links or extends that does not exist', async () => {
  const text = 'services:\n  web:\n    image: busybox:local\n    depends_on: [db, cache]\n    links:\n      - "queue:q"\n  job:\n    extends: ghost\n  db:\n    image: busybox:local\n';
  const { diagnostics } = await open(text);
  const undefinedServices = diagnostics.filter((d) => d.code === 'undefined-service');
  assert.deepEqual(undefinedServices.map((d) => /"(\w+)"/.exec(d.message)?.[1]).sort(), ['cache', 'ghost', 'queue']);
  const queue = undefinedServices.find((d) => d.message.includes('queue'))!;
  assert.equal(queue.range.start.line, lineOf(text, 'queue:q'));
  assert.equal(queue.range.start.character, text.split('\n')[lineOf(text, 'queue:q')].indexOf('queue'));
});

test('an override file may name the services, networks and volumes of its base file', async () => {
  const uri = pathToFileURL(path.join(fixtures, 'override', 'compose.override.yaml')).href;
  client.open(uri, 'services:\n  web:\n    image: busybox:local\n    depends_on: [api, worker, nowhere]\n    networks: [backend]\n    volumes: ["cache:/cache"]\n', 'dockercompose');
  const { diagnostics } = await client.waitForDiagnostics(uri, () => true, 20_000, true);
  assert.deepEqual(diagnostics.map((d) => d.message), ['Service "nowhere" (in depends_on of "web") is not defined in this file.']);
});

test('a network, volume, secret or config that is not declared', async () => {
  const text = 'services:\n  web:\n    image: busybox:local\n    networks: [front, back, default]\n    volumes:\n      - data:/data\n      - ./src:/src\n      - type: volume\n        source: logs\n        target: /logs\n    secrets: [token]\n    configs:\n      - source: settings\nnetworks:\n  front: {}\nvolumes:\n  data: {}\n';
  const { diagnostics } = await open(text);
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${/"([\w.]+)"/.exec(d.message)?.[1]}`).sort(), ['undeclared-config settings', 'undeclared-network back', 'undeclared-secret token', 'undeclared-volume logs']);
});

test('the same host port published twice', async () => {
  const text = 'services:\n  web:\n    image: busybox:local\n    ports:\n      - "8080:80"\n      - "127.0.0.1:9000-9002:9000-9002"\n  api:\n    image: busybox:local\n    ports:\n      - target: 80\n        published: 8080\n      - "9001:9001/udp"\n      - "127.0.0.1:9001:9001"\n';
  const { diagnostics } = await open(text);
  const duplicates = diagnostics.filter((d) => d.code === 'duplicate-host-port');
  assert.deepEqual(duplicates.map((d) => d.range.start.line), [lineOf(text, 'published: 8080') - 1, lineOf(text, '127.0.0.1:9001:9001')]);
  assert.match(duplicates[0].message, /Host port 8080\/tcp is already published by service "web" \(line 5\)/);
});

test('a build.target that is not a stage of the Dockerfile', async () => {
  const text = 'services:\n  web:\n    build:\n      context: .\n      target: prod\n  ok:\n    build:\n      context: .\n      target: release\n';
  const { diagnostics } = await open(text);
  const targets = diagnostics.filter((d) => d.code === 'unknown-build-target');
  assert.equal(targets.length, 1, JSON.stringify(diagnostics));
  assert.equal(targets[0].range.start.line, 4);
  assert.match(targets[0].message, /"prod" is not a stage of Dockerfile: its stages are "base", "test", "release"/);
});

test('malformed ${VAR:-default} interpolation', async () => {
  const text = 'services:\n  web:\n    image: "busybox:${TAG:-local"\n    environment:\n      A: ${}\n      B: ${1ST}\n      C: ${NAME:x}\n      D: ${OUTER:-${INNER:?set INNER}}\n';
  const { diagnostics } = await open(text);
  const bad = diagnostics.filter((d) => d.code === 'invalid-interpolation');
  assert.deepEqual(bad.map((d) => d.range.start.line), [2, 4, 5, 6]);
  assert.equal(bad[0].range.start.character, text.split('\n')[2].indexOf('${TAG'));
});

test('completion: service names in depends_on, links, volumes_from and extends', async () => {
  const text = 'services:\n  web:\n    image: busybox:local\n    depends_on:\n      - \n    links: [\n  db:\n    extends: \n  cache:\n    image: busybox:local\n';
  const { uri } = await open(text.replace('links: [', 'links: []'));
  client.change(uri, text);
  assert.deepEqual((await complete(uri, text, '      - ')).sort(), ['cache', 'db']);
  assert.deepEqual((await complete(uri, text, 'links: [')).sort(), ['cache', 'db']);
  assert.deepEqual((await complete(uri, text, 'extends: ')).sort(), ['cache', 'web']);
});

test('completion: service names as keys of the mapping form of depends_on', async () => {
  const text = 'services:\n  web:\n    image: busybox:local\n    depends_on:\n      \n  db:\n    image: busybox:local\n';
  const { uri } = await open(text);
  const labels = (await client.request<{ items: Array<{ label: string }> }>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 6 } })).items.map((item) => item.label);
  assert.deepEqual(labels, ['db']);
});

test('completion: declared network and volume names', async () => {
  const text = 'services:\n  web:\n    image: busybox:local\n    networks:\n      - \n    volumes:\n      - \nnetworks:\n  front:\n  back:\nvolumes:\n  data:\n';
  const { uri } = await open(text);
  const lines = text.split('\n');
  const at = async (line: number) => (await client.request<{ items: Array<{ label: string; textEditText?: string }> }>('textDocument/completion', { textDocument: { uri }, position: { line, character: lines[line].length } })).items;
  assert.deepEqual((await at(4)).map((item) => item.label).sort(), ['back', 'front']);
  // The declared volume first (as `data:`, ready for the container path), then the long form's keys.
  const volumes = (await at(6)).map((item) => item.textEditText ?? item.label);
  assert.equal(volumes[0], 'data:');
  assert.ok(volumes.includes('type: ') && !volumes.includes('front'), volumes.join(','));
});

test('completion: one edit range for the list when the client takes it (VS Code does), a range on each item when it does not', async () => {
  const text = 'services:\n  web:\n    image: busybox:local\n    \n';
  const position = { line: 3, character: 4 };
  type Answer = { itemDefaults?: { editRange?: unknown }; items: Array<{ label: string; textEditText?: string; textEdit?: { range: unknown; newText: string } }> };
  const { uri } = await open(text);
  const shared = await client.request<Answer>('textDocument/completion', { textDocument: { uri }, position });
  const range = { start: position, end: position };
  assert.deepEqual(shared.itemDefaults?.editRange, range);
  const restart = shared.items.find((item) => item.label === 'restart');
  assert.deepEqual([restart?.textEditText, restart?.textEdit], ['restart: ', undefined]);
  const plain = await LspClient.start({ script: composeServerScript, plainCompletion: true });
  try {
    plain.open(uri, text, 'dockercompose');
    const answer = await plain.request<Answer>('textDocument/completion', { textDocument: { uri }, position });
    assert.equal(answer.itemDefaults, undefined);
    assert.deepEqual(answer.items.find((item) => item.label === 'restart')?.textEdit, { range, newText: 'restart: ' });
    assert.deepEqual(answer.items.map((item) => item.label), shared.items.map((item) => item.label), 'the same items either way');
  } finally {
    await plain.stop();
  }
});

test('completion: local images after image:', async () => {
  const text = 'services:\n  web:\n    image: \n';
  const { uri } = await open(text);
  assert.deepEqual(await complete(uri, text, 'image: '), ['busybox:local', 'app:dev', 'registry.test/team/api:1.2']);
});

test('completion: Dockerfile stage names after build.target', async () => {
  const text = 'services:\n  web:\n    build:\n      context: .\n      target: \n';
  const { uri } = await open(text);
  assert.deepEqual(await complete(uri, text, 'target: '), ['base', 'test', 'release']);
});

test('completion: the specification\'s keys and enum values', async () => {
  const text = 'services:\n  web:\n    ima\n    pull_policy: \n';
  const { uri } = await open(text);
  const keys = await complete(uri, text, '    ima');
  for (const key of ['image', 'build', 'depends_on', 'healthcheck', 'develop']) assert.ok(keys.includes(key), `${key} in ${keys.join(',')}`);
  const policies = await complete(uri, text, 'pull_policy: ');
  for (const value of ['always', 'never', 'missing', 'build']) assert.ok(policies.includes(value), `${value} in ${policies.join(',')}`);
});

test('hover: a key\'s meaning and a referenced service', async () => {
  const text = 'services:\n  web:\n    image: busybox:local\n    depends_on: [db]\n  db:\n    image: postgres:16\n';
  const { uri } = await open(text);
  const key = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 6 } });
  assert.match(key.contents.value, /depends_on/);
  const service = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 18 } });
  assert.match(service.contents.value, /Service `db`.*postgres:16/);
});

test('formatting re-indents with the editor\'s tab size and keeps comments and tags', async () => {
  const text = 'services:\n   # the front end\n   web:\n       image: busybox:local   # pinned\n       command: !reset null\n';
  const { uri } = await open(text);
  const edits = await client.request<Array<{ newText: string }>>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, 'services:\n  # the front end\n  web:\n    image: busybox:local # pinned\n    command: !reset null\n');
});

test('outline: top-level keys with their services, networks and volumes', async () => {
  const { uri } = await open('services:\n  web:\n    image: busybox:local\n  db:\n    build: .\nnetworks:\n  front:\nvolumes:\n  data:\n');
  const symbols = await client.request<Array<{ name: string; children?: Array<{ name: string; detail?: string }> }>>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => [s.name, (s.children ?? []).map((c) => `${c.name}${c.detail ? `=${c.detail}` : ''}`)]), [['services', ['web=busybox:local', 'db=build']], ['networks', ['front']], ['volumes', ['data']]]);
});

test('links: the Dockerfile of a build and env files', async () => {
  const text = 'services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile\n    env_file:\n      - app.env\n      - missing.env\n  short:\n    build: .\n';
  const { uri } = await open(text);
  const links = await client.request<Array<{ target: string; range: { start: { line: number } } }>>('textDocument/documentLink', { textDocument: { uri } });
  assert.deepEqual(links.map((l) => [l.range.start.line, path.basename(new URL(l.target).pathname)]), [[4, 'Dockerfile'], [6, 'app.env'], [9, 'Dockerfile']]);
});

test('rename a service: its key and every reference', async () => {
  const text = 'services:\n  web:\n    image: busybox:local\n    depends_on: [db]\n    links: ["db:database"]\n  db:\n    image: busybox:local\n  sidecar:\n    network_mode: "service:db"\n    volumes_from: [db]\n';
  const { uri } = await open(text);
  const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: { line: 3, character: 18 } });
  assert.equal(prepared.placeholder, 'db');
  const edit = await client.request<{ changes: Record<string, Array<{ range: { start: { line: number; character: number } }; newText: string }>> }>('textDocument/rename', { textDocument: { uri }, position: { line: 5, character: 3 }, newName: 'postgres' });
  const edits = edit.changes[uri];
  assert.deepEqual(edits.map((e) => `${e.range.start.line}:${e.range.start.character}`).sort(), ['3:17', '4:13', '5:2', '8:27', '9:19']);
  assert.ok(edits.every((e) => e.newText === 'postgres'));
  await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: { line: 5, character: 3 }, newName: 'no spaces' }), /not a valid service name/);
});

test('with the YAML extension present: no schema or syntax diagnostics, key completion, key hover, formatting or outline of ours', async () => {
  const yamlOn = await LspClient.start({ script: composeServerScript, initializationOptions: { yamlOverlap: { syntaxDiagnostics: true, schemaDiagnostics: true, keyCompletion: true, keyHover: true, formatting: true, symbols: true } } });
  try {
    const uri = projectUri('compose.yaml-extension.yaml');
    const text = 'services:\n  web:\n    imagee: x\n    depends_on: [ghost]\n    ima\n';
    yamlOn.open(uri, text, 'dockercompose');
    const { diagnostics } = await yamlOn.waitForDiagnostics(uri, () => true, 20_000, true);
    assert.deepEqual(codes(diagnostics), ['undefined-service']);
    const keys = await yamlOn.request<{ items: unknown[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 7 } });
    assert.deepEqual(keys.items, []);
    const hover = await yamlOn.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 5 } });
    assert.equal(hover, null);
  } finally {
    await yamlOn.stop();
  }
});

test('with the YAML extension formatting and outlining, the server announces neither (VS Code would ask which formatter to use)', async () => {
  const fresh = await LspClient.start({ script: composeServerScript });
  try {
    const init = await fresh.request<{ capabilities: Record<string, unknown> }>('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { yamlOverlap: { formatting: true, symbols: true } } });
    assert.equal(init.capabilities.documentFormattingProvider, false);
    assert.equal(init.capabilities.documentSymbolProvider, false);
    assert.ok(init.capabilities.completionProvider);
  } finally {
    await fresh.stop();
  }
});

test('a realistic file using anchors, merge keys, long forms and tags has no diagnostics', async () => {
  const text = fs.readFileSync(path.join(fixtures, 'corpus', 'features.yaml'), 'utf8');
  const { diagnostics } = await open(text);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
});
