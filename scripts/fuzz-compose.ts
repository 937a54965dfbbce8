/**
 * Seeded fuzzing of the compose language server (see test/server/composeFuzz.ts). Each
 * finding's input is saved under test/fixtures/compose/fuzz/, where the server tier
 * replays it from then on.
 *
 *   npm run fuzz:compose -- [--seed N] [--seconds S]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { composeFuzzFixtures, fuzzCompose } from '../test/server/composeFuzz';
import { repoRoot } from '../test/server/client';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const seed = option('seed', 20261207);
const seconds = option('seconds', 120);

async function main(): Promise<void> {
  const outcome = await fuzzCompose(seed, { seconds }, (o) => console.log(`${o.inputs} inputs, ${o.requests} requests, slowest ${o.slowestMs.toFixed(0)} ms, ${o.findings.length} findings`));
  console.log(`seed ${seed}: ${outcome.inputs} inputs, ${outcome.requests} requests in ${seconds} s; slowest request ${outcome.slowestMs.toFixed(0)} ms; ${outcome.findings.length} findings`);
  fs.mkdirSync(composeFuzzFixtures, { recursive: true });
  outcome.findings.forEach((finding, index) => {
    const file = path.join(composeFuzzFixtures, `seed${seed}-${index}.yaml`);
    fs.writeFileSync(file, finding.text);
    console.log(`  ${finding.reason} -> ${path.relative(repoRoot, file)}`);
  });
  if (outcome.findings.length) process.exitCode = 1;
}

void main();
