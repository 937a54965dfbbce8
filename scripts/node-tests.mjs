// Runs one plain-Node tier (unit, server or engine) with node's test runner: the spec reporter
// for people, a TAP copy in test-results/<tier>.tap for counting, and a last line
// `<tier>: N passed, N failed` that scripts/test.sh reads.
//
//   node scripts/node-tests.mjs unit [node test options, e.g. --test-name-pattern=Store]
//   node scripts/node-tests.mjs engine --label engine-podman --exclude test/engine/x.test.ts:why
//                                     # the same tier under another name (its result line and TAP file),
//                                     # so two runs against different engines can run side by side
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [tier, ...rest] = process.argv.slice(2);
/** `--label NAME` and `--exclude FILE:REASON` (repeatable) take a value; the rest goes to node --test. */
function takeOptions(args) {
  const taken = { label: undefined, excluded: [], extra: [] };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--label') taken.label = args[++i];
    else if (args[i] === '--exclude') {
      const [file, ...reason] = args[++i].split(':');
      taken.excluded.push({ file: path.normalize(file), reason: reason.join(':') });
    } else taken.extra.push(args[i]);
  }
  return taken;
}
const options = takeOptions(rest);
const label = options.label ?? tier;
const extra = options.extra;
// The engine tier shares one engine; files run one at a time so their containers never race.
// The server tier spawns dist/server.js (built beforehand) and measures it, so one file at a time too.
// --test-force-exit: once every test of a file has finished, a handle left open (seen: the
// features file idling after its server had exited) cannot hold the tier until CI's limit.
const tierOptions = { unit: [], server: ['--test-concurrency=1', '--test-force-exit'], engine: ['--test-concurrency=1', '--test-force-exit'] };

function main() {
  if (!(tier in tierOptions)) return fail(`usage: node scripts/node-tests.mjs ${Object.keys(tierOptions).join('|')} [node --test options]`);
  const listed = listTests(path.join(root, 'test', tier));
  // A file left out of a run is said, with why, every time: never skipped silently.
  for (const { file, reason } of options.excluded) {
    if (!listed.some((f) => path.relative(root, f) === file)) return fail(`--exclude names ${file}, which is not a test file of test/${tier}`);
    console.log(`${label}: not run here: ${file} (${reason})`);
  }
  const files = listed.filter((f) => !options.excluded.some((e) => path.relative(root, f) === e.file));
  if (!files.length) return fail(`no test files (*.test.ts) under test/${tier}`);
  const tap = path.join(root, 'test-results', `${label}.tap`);
  fs.mkdirSync(path.dirname(tap), { recursive: true });
  fs.rmSync(tap, { force: true });
  const args = ['--import', 'tsx', '--test', ...tierOptions[tier],
    // TAP goes through stderr, not straight to a file: with --test-force-exit the runner exits
    // before a file reporter has flushed, while writes to a pipe are synchronous on Linux.
    '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=stderr',
    ...extra, ...files.map((f) => path.relative(root, f))];
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], maxBuffer: 1 << 30 });
  fs.writeFileSync(tap, run.stderr ?? '');
  const counts = fs.existsSync(tap) ? countTap(fs.readFileSync(tap, 'utf8')) : undefined;
  if (!counts) return fail(`node's test runner wrote no summary to ${path.relative(root, tap)} (exit ${run.status ?? run.signal})`);
  const failed = counts.fail + counts.cancelled + (run.status !== 0 && counts.fail + counts.cancelled === 0 ? 1 : 0);
  if (counts.skipped || counts.todo) console.log(`${label}: ${counts.skipped} skipped, ${counts.todo} todo (not counted as passed)`);
  if (failed > counts.fail + counts.cancelled) console.log(`${label}: the test runner exited with ${run.status ?? run.signal} although no test failed`);
  console.log(`${label}: ${counts.pass} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

/** The TAP reporter ends with `# pass N`, `# fail N`, ... lines; undefined if the run died before. */
function countTap(text) {
  const read = (key) => {
    const matches = [...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
    return matches.length ? Number(matches.at(-1)[1]) : undefined;
  };
  const counts = Object.fromEntries(['pass', 'fail', 'cancelled', 'skipped', 'todo'].map((k) => [k, read(k)]));
  return counts.pass === undefined || counts.fail === undefined ? undefined : { cancelled: 0, skipped: 0, todo: 0, ...counts };
}

function listTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(dir, f)).sort();
}

function fail(message) {
  console.error(`${label ?? 'tests'}: ERROR ${message}`);
  console.log(`${label ?? 'tests'}: 0 passed, 1 failed`);
  return 1;
}

process.exitCode = main();
