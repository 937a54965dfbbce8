// Turns what the extension host wrote (host-results.json) and what the workbench logged
// into the launcher's report and verdict.
import * as fs from 'node:fs';

/** Reads the runner's results; undefined when the host never wrote them. */
export function readResults(file) {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function printResults(results) {
  console.log(`\nhost tests (VS Code ${results.vscodeVersion}):`);
  for (const test of results.tests) {
    const time = test.durationMs === undefined ? '' : ` (${test.durationMs} ms)`;
    console.log(`  ${{ passed: 'ok  ', skipped: 'SKIP' }[test.state] ?? 'FAIL'} ${test.title}${time}`);
  }
  const skipped = results.tests.filter((test) => test.state === 'skipped').length;
  if (skipped) console.log(`  ${skipped} skipped (not counted as passed)`);
  for (const failure of results.failures) console.log(`\n  FAIL ${failure.title}\n${indent(failure.error, '    ')}`);
}

/** The workbench's and extension host's errors, minus the gallery lookups that fail offline by design. */
export function printErrors(errors) {
  // The workbench logs each error twice or three times (console and log service) with CSS markers.
  const cleaned = errors.map((line) => line.replace(/^%c\s*ERR color: #\w+ /, ''));
  const relevant = [...new Set(cleaned)].filter((line) => !noise.some((pattern) => pattern.test(line)));
  if (!relevant.length) return;
  console.log(`\nworkbench / extension host errors (${relevant.length}):`);
  for (const line of relevant.slice(0, 50)) console.log(indent(line, '  '));
  if (relevant.length > 50) console.log(`  ... ${relevant.length - 50} more in the workbench log`);
}

// The machines reach no marketplace or GitHub: these lookups fail on every run and say nothing
// about Berth. Failed resource loads are logged with their URL in workbench.log ([http] lines).
const noise = [/open-vsx|marketplace|gallery/i, /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ENOTFOUND|EAI_AGAIN/, /^Failed to load resource:/, /^\[berth-host\] /m];

function indent(text, prefix) {
  return String(text).split('\n').map((line) => prefix + line).join('\n');
}
