/** Prints the peer tables' score and every failing case: node --import tsx test/unit/language/peers/score.ts */
import { initShellParser } from '../../../../src/language/server/shell/parser';
import { hadolintCases } from './hadolintCases';
import { buildkitCases } from './buildkitCases';
import { buildkitCaseId, hadolintCaseId, runBuildkitCase, runHadolintCase, type Outcome } from './run';

export function score(outcomes: Outcome[]) {
  const sum = (pick: (o: Outcome) => number) => outcomes.reduce((total, o) => total + pick(o), 0);
  return {
    findings: sum((o) => o.expected), matched: sum((o) => o.matched),
    silentInputs: outcomes.filter((o) => o.peerSilent).length, silentToo: outcomes.filter((o) => o.berthSilent).length,
    passed: outcomes.filter((o) => o.pass).length, cases: outcomes.length,
  };
}

async function main() {
  await initShellParser();
  const h = hadolintCases.map((c) => ({ id: hadolintCaseId(c), c, o: runHadolintCase(c) }));
  const b = buildkitCases.map((c) => ({ id: buildkitCaseId(c), c, o: runBuildkitCase(c) }));
  for (const { id, c, o } of h) if (!o.pass && process.argv.includes('-v')) console.log(`H ${id} ${c.rule}${c.onbuild ? ' onbuild' : ''} expect=${c.expect} found=[${o.found.join(' ')}] ${c.name} :: ${JSON.stringify(c.dockerfile)}${c.config ? ' ' + JSON.stringify(c.config) : ''}`);
  for (const { id, c, o } of b) if (!o.pass && process.argv.includes('-v')) console.log(`B ${id} want=[${c.warnings.map((w) => `${w.rule}@${w.line}`).join(' ')}] found=[${o.found.join(' ')}] :: ${JSON.stringify(c.dockerfile)}`);
  console.log('hadolint', score(h.map((x) => x.o)));
  console.log('buildkit', score(b.map((x) => x.o)));
  console.log('both', score([...h, ...b].map((x) => x.o)));
}

if (require.main === module) void main();
