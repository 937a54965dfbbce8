/**
 * `npm run check:l10n` (one of `npm test`'s checks): Berth is complete in Korean.
 *
 *   1. the code's strings: every l10n.t / vscode.l10n.t message in src/ (exported with
 *      @vscode/l10n-dev, as a translator's bundle.l10n.json would be) has its Korean in
 *      l10n/bundle.l10n.ko.json, the bundle has nothing the code no longer says, placeholders
 *      ({0}, `code`, command links) match, and its keys are sorted;
 *   2. the manifest: every string package.json shows is a %key% of package.nls.json, each key is
 *      used, package.nls.ko.json has the same keys, placeholders match (scripts/l10n/manifest.ts);
 *   3. strings never wrapped: text handed straight to an API that shows it (scripts/l10n/unwrapped.ts).
 *
 * Prints each problem, then `l10n: N problems` and exits 1 when there is one.
 *   node --import tsx scripts/l10n/check.ts [--missing]
 *       --missing also prints the untranslated messages as JSON (a start for the Korean bundle)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getL10nJson } from '@vscode/l10n-dev';
import { bundleProblems, manifestProblems } from './rules';
import { findUnwrapped } from './unwrapped';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** src/**\/*.ts, the webviews' page scripts included (they must not show text of their own either). */
function sourceFiles(): string[] {
  return (fs.readdirSync(path.join(root, 'src'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join('src', f))
    .sort();
}

async function main(): Promise<number> {
  const files = sourceFiles().map((file) => ({ file, contents: fs.readFileSync(path.join(root, file), 'utf8') }));
  const exported = await getL10nJson(files.map(({ contents }) => ({ contents, extension: '.ts' })));
  const korean = readJson('l10n/bundle.l10n.ko.json');
  const sections: [string, string[]][] = [
    [`the code's strings (${Object.keys(exported).length} exported, ${Object.keys(korean).length} in Korean)`, bundleProblems(exported, korean)],
    ['package.json and package.nls*.json', manifestProblems(readJson('package.json'), readJson('package.nls.json'), readJson('package.nls.ko.json'))],
    ['strings never wrapped in l10n.t', files.flatMap(({ file, contents }) => findUnwrapped(file, contents)).map((u) => `${u.file}:${u.line} ${u.where}: ${JSON.stringify(u.text)}`)],
  ];
  let total = 0;
  for (const [title, problems] of sections) {
    console.log(`l10n: ${title}: ${problems.length ? `${problems.length} problem(s)` : 'ok'}`);
    for (const problem of problems) console.log(`  ${problem}`);
    total += problems.length;
  }
  if (process.argv.includes('--missing')) {
    const missing = Object.fromEntries(Object.keys(exported).filter((k) => !(k in korean)).sort().map((k) => [k, '']));
    console.log(JSON.stringify(missing, null, 2));
  }
  console.log(`l10n: ${total} problem(s)`);
  return total ? 1 : 0;
}

void main().then((code) => (process.exitCode = code));
