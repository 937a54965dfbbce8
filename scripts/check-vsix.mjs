// The package tier: proves dist/berth.vsix is what users should get.
//   1. its files are exactly the bundle (the stats panel's page included), the shell parser's WebAssembly, the rule pages,
//      media, the manifest's documents and translations (no source, tests, maps or node_modules), and
//      package.json's `main` is among them; every rule page in docs/rules is there;
//   2. installed with `code-server --install-extension` into a fresh extensions folder, it
//      activates and reaches the engine (the host launcher in --vsix mode).
// Last line: `package: N passed, N failed`.
//
//   npm run test:package        (packages first)
//   node scripts/check-vsix.mjs [dist/berth.vsix] [--contents-only]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const vsix = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, 'dist', 'berth.vsix'));

// vsce writes the manifest's documents under fixed names (readme.md, changelog.md, LICENSE.txt).
const required = ['extension.vsixmanifest', '[Content_Types].xml', 'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/dist/extension.js', 'extension/dist/languageClient.js', 'extension/dist/composeModel.js', 'extension/dist/server.js', 'extension/dist/serverWorker.js', 'extension/dist/composeServer.js',
  // The Dockerfile server's workers start through it when the extension gives a code cache folder.
  'extension/dist/serverWorkerLoader.js',
  // The compose server bundles the Compose specification's schema (Apache-2.0): its licence travels with it.
  'extension/dist/compose-spec-LICENSE.txt',
  // The stats panel's page: its script (uPlot bundled in) and style, the only files its webview loads.
  'extension/dist/statsView.js', 'extension/dist/statsView.css',
  // The log view's webview script (src/logs/webview), loaded from the extension's own folder.
  'extension/dist/logView.js',
  // The language server loads these from its own folder (src/language/server/shell/parser.ts).
  'extension/dist/web-tree-sitter.wasm', 'extension/dist/tree-sitter-bash.wasm',
  // Diagnostics link to the extension's own rule pages.
  ...fs.readdirSync(path.join(root, 'docs', 'rules')).filter((name) => name.endsWith('.md')).map((name) => `extension/docs/rules/${name}`),
  // Their Korean pages, linked instead when VS Code's display language is Korean.
  ...fs.readdirSync(path.join(root, 'docs', 'rules', 'ko')).filter((name) => name.endsWith('.md')).map((name) => `extension/docs/rules/ko/${name}`),
  // package.json's strings in English and each language, and the code's bundles (l10n/bundle.l10n.<language>.json).
  ...fs.readdirSync(root).filter((name) => /^package\.nls(\.[\w-]+)?\.json$/.test(name)).map((name) => `extension/${name}`),
  ...fs.readdirSync(path.join(root, 'l10n')).filter((name) => name.endsWith('.json')).map((name) => `extension/l10n/${name}`)];
const allowed = [/^extension\/media\/[\w./-]+$/];

/** Entry names from a zip's central directory; enough of the format for a listing. */
function zipEntries(file) {
  const data = fs.readFileSync(file);
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    names.push(data.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function checkContents(results) {
  const names = zipEntries(vsix);
  console.log(`package: ${path.relative(root, vsix)} holds ${names.length} files:\n${names.map((n) => `  ${n}`).join('\n')}`);
  const missing = required.filter((name) => !names.includes(name));
  results.push(['holds the bundle, shell parser, rule pages, manifest, translations and documents', missing.length ? `missing ${missing.join(', ')}` : undefined]);
  const unexpected = names.filter((name) => !required.includes(name) && !allowed.some((pattern) => pattern.test(name)));
  results.push(['holds nothing else (no source, tests, maps, node_modules)', unexpected.length ? `unexpected ${unexpected.join(', ')} (fix .vscodeignore)` : undefined]);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const main = `extension/${path.posix.normalize(manifest.main)}`;
  results.push([`main (${manifest.main}) is packaged`, names.includes(main) ? undefined : `${main} is not in the .vsix`]);
}

/** Runs the host launcher against the installed .vsix and returns its pass/fail counts. */
function checkInstalled() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'host', 'run-host-tests.mjs'), '--vsix', vsix, '--label', 'package-host'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => {
      const match = [...output.matchAll(/^package-host: (\d+) passed, (\d+) failed$/gm)].at(-1);
      if (!match) resolve({ passed: 0, failed: 1, problem: `the host launcher printed no result (exit ${code})` });
      else resolve({ passed: Number(match[1]), failed: Number(match[2]) + (code !== 0 && match[2] === '0' ? 1 : 0) });
    });
  });
}

async function main() {
  const results = [];
  if (!fs.existsSync(vsix)) {
    results.push(['the .vsix exists', `${path.relative(root, vsix)} is missing: run \`npm run package\``]);
  } else {
    try {
      checkContents(results);
    } catch (error) {
      results.push(['the .vsix can be read', error.message]);
    }
  }
  for (const [what, problem] of results) console.log(`  ${problem ? 'FAIL' : 'ok  '} ${what}${problem ? `: ${problem}` : ''}`);
  let passed = results.filter(([, problem]) => !problem).length;
  let failed = results.length - passed;
  if (!args.includes('--contents-only') && fs.existsSync(vsix)) {
    const installed = await checkInstalled();
    if (installed.problem) console.log(`package: ERROR ${installed.problem}`);
    passed += installed.passed;
    failed += installed.failed;
  }
  console.log(`package: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
