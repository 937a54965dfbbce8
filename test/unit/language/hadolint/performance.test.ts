/**
 * All hadolint rules over a generated 1,000-line Dockerfile. Prints the time; asserts
 * only a generous bound, since the machine is shared. Every RUN text is unique (the
 * index is part of it) so the per-text shell cache does not flatter the numbers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { hadolintRules } from '../../../../src/language/server/rules/hadolint';
import { contextFor } from './helpers';

function generate(lines: number, salt: string): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:12'];
  let i = 0;
  while (out.length < lines) {
    i++;
    if (i % 40 === 1) out.push(`FROM debian:12 AS stage${i}${salt}`, 'WORKDIR /app', 'LABEL org.opencontainers.image.version=1.0.0');
    switch (i % 8) {
      case 0:
        out.push(`RUN apt-get update \\`, `    && apt-get install -y --no-install-recommends curl=7.${i} ca-certificates \\`, `    && rm -rf /var/lib/apt/lists/*`);
        break;
      case 1:
        out.push(`RUN pip install --no-cache-dir requests==2.${i} flask`);
        break;
      case 2:
        out.push(`RUN curl -fsSL https://example.com/${salt}${i}.sh | bash -s -- --flag "${i}"`);
        break;
      case 3:
        out.push('RUN <<EOF', 'set -eu', `echo ${salt}${i} > /tmp/x`, `cd /tmp && tar -xzf a${i}.tgz`, 'EOF');
        break;
      case 4:
        out.push(`COPY src${i}/ ./src${i}/`, `ENV VAR${i}=${i} PATH=/opt/${i}:$PATH`);
        break;
      case 5:
        out.push(`RUN apk add --no-cache bash=5.${i} && npm install -g typescript@5.${i}`);
        break;
      case 6:
        out.push(`RUN for f in a b c; do echo "$f${i}"; done && if [ -f /x${i} ]; then useradd -u 1${i} u; fi`);
        break;
      default:
        out.push(`EXPOSE ${8000 + (i % 1000)}`, `# comment ${i}`);
    }
  }
  out.push('USER 1000', 'CMD ["app"]');
  return out.slice(0, lines).join('\n') + '\n';
}

/** Wall time, and CPU time of this process: on a shared, loaded machine the latter is the steadier number. */
function lintAll(text: string): { ms: number; cpu: number; findings: number } {
  const context = contextFor(text);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let findings = 0;
  for (const rule of hadolintRules) findings += rule.check(context).length;
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000, findings };
}

const show = (r: { ms: number; cpu: number }) => `${r.ms.toFixed(1)} ms (cpu ${r.cpu.toFixed(1)} ms)`;

test('all hadolint rules over a 1,000-line Dockerfile', () => {
  const first = generate(1000, 'a');
  assert.equal(first.split('\n').length - 1, 1000);
  const parseStart = performance.now();
  DockerfileParser.parse(first);
  const parseMs = performance.now() - parseStart;
  const cold = lintAll(first);
  // Fresh texts (nothing cached); the minimum is the run least disturbed by other processes.
  const runs = ['b', 'c', 'd', 'e', 'f', 'g', 'h'].map((salt) => lintAll(generate(1000, salt)));
  const byCpu = [...runs].sort((x, y) => x.cpu - y.cpu);
  const cached = lintAll(generate(1000, 'h'));
  console.log(
    `hadolint rules, 1,000 lines (${hadolintRules.length} rules): first lint ${show(cold)}; new text: best ${show(byCpu[0])}, median ${show(byCpu[3])}; ` +
      `re-lint of the same text ${show(cached)}; ${runs[0].findings} findings; dockerfile-ast parse ${parseMs.toFixed(1)} ms (shared, not counted)`,
  );
  assert.ok(runs[0].findings > 0);
  // Generous sanity bound on CPU time only: wall time on a shared 2-core machine says more about the neighbours.
  assert.ok(byCpu[0].cpu < 1000, 'sanity bound');
});
