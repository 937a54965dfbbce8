/**
 * Seeded fuzzing of the language server over the wire: random and mutated Dockerfiles
 * go to dist/server.js --stdio, and every feature is asked about them at random places.
 * A crash, an error answer, a request over 1 s or a request the server had to cancel
 * is a finding: its input is saved under test/fixtures/dockerfiles/fuzz/, where
 * test/server/fuzzRegressions.test.ts replays it from then on.
 *
 *   npm run fuzz -- [--seed N] [--seconds S]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, repoRoot } from '../test/server/client';
import { dice, mutate as mutateText } from '../test/support/fuzzing';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const seed = option('seed', 20261123);
const seconds = option('seconds', 180);
const findingsDir = path.join(repoRoot, 'test', 'fixtures', 'dockerfiles', 'fuzz');

const { rand, pick, int } = dice(seed);

const keywords = ['FROM', 'RUN', 'COPY', 'ADD', 'ARG', 'ENV', 'LABEL', 'EXPOSE', 'WORKDIR', 'USER', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'STOPSIGNAL', 'VOLUME', 'MAINTAINER', 'from', 'Run', 'BOGUS'];
const pieces = [
  'alpine', 'alpine:3.20', 'AS', 'as', 'build', 'Build-Stage', 'build-stage-for-frontend-assets$', '--platform=$BUILDPLATFORM', '--platform=linux/amd64',
  '--mount=type=cache,target=/c', '--mount=type=secret,id=x', '--mount=', '--from=0', '--from=build', '--chmod=755', '--link', '--parents', '--exclude=*.md',
  '--checksum=sha256:abc', '--unpack=true', '--keep-git-dir', '--network=none', '--interval=5s', '$VAR', '${VAR}', '${VAR:-x}', '${', '$', '\\', '`',
  '["a", "b"]', "['a']", '[', ']', '"', "'", '<<EOF', 'EOF', '<<-"END"', 'key=value', 'key value', '80/TCP', '127.0.0.1:80:80', '#', '# check=skip=all',
  '# hadolint ignore=DL3008', '&&', '|', ';', '=', ':', '@sha256:', 'é', '日本', '\u0000', '\ud800', '\t', ' ', 'x'.repeat(300),
];

function randomLine(): string {
  const words = [pick(keywords)];
  for (let i = int(6); i > 0; i--) words.push(pick(pieces));
  return words.join(pick([' ', ' ', ' ', '  ', '\t', '']));
}

function randomDockerfile(): string {
  const lines: string[] = [];
  if (rand() < 0.3) lines.push(pick(['# syntax=docker/dockerfile:1', '# escape=`', '# check=error=true']));
  for (let i = 1 + int(40); i > 0; i--) lines.push(rand() < 0.1 ? '' : randomLine() + (rand() < 0.1 ? ' \\' : ''));
  return lines.join(rand() < 0.1 ? '\r\n' : '\n');
}

const mutations = {
  piece: () => pick(pieces),
  lineBreak: () => '\n',
  fragment: () => { const line = randomLine(); return line.repeat(1 + int(3)); },
  lookback: 50,
};
const mutate = (text: string) => mutateText(text, { rand, pick, int }, mutations);

const corpus = fs.readdirSync(path.join(repoRoot, 'test', 'fixtures', 'dockerfiles')).filter((name) => name.endsWith('.Dockerfile'))
  .map((name) => fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'dockerfiles', name), 'utf8'));

const methods = ['textDocument/completion', 'textDocument/hover', 'textDocument/signatureHelp', 'textDocument/documentSymbol', 'textDocument/semanticTokens/full',
  'textDocument/foldingRange', 'textDocument/documentHighlight', 'textDocument/definition', 'textDocument/references', 'textDocument/rename', 'textDocument/prepareRename',
  'textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/onTypeFormatting', 'textDocument/documentLink', 'textDocument/inlayHint', 'textDocument/codeLens', 'textDocument/codeAction'];

async function main(): Promise<void> {
  let client = await LspClient.start();
  // Let the workers boot and warm up first: start-up time is not a finding.
  client.open('file:///fuzz/ready/Dockerfile', 'FROM alpine\n');
  await client.waitForDiagnostics('file:///fuzz/ready/Dockerfile', () => true, 30_000);
  await client.request('textDocument/hover', { textDocument: { uri: 'file:///fuzz/ready/Dockerfile' }, position: { line: 0, character: 1 } });
  const deadline = Date.now() + seconds * 1000;
  let inputs = 0;
  let requests = 0;
  let slowest = 0;
  const findings: string[] = [];
  // Diagnostics run after the requests, so a cancellation log may name an earlier input.
  const texts = new Map<string, string>();
  const save = (text: string, reason: string, index = inputs) => {
    const file = path.join(findingsDir, `seed${seed}-${index}.Dockerfile`);
    fs.writeFileSync(file, text);
    findings.push(`${path.basename(file)}: ${reason}`);
    console.log(`finding: ${reason} -> ${path.relative(repoRoot, file)}`);
  };
  while (Date.now() < deadline) {
    const text = rand() < 0.5 && corpus.length > 0 ? mutate(pick(corpus)) : rand() < 0.5 ? mutate(randomDockerfile()) : randomDockerfile();
    const uri = `file:///fuzz/${inputs}/Dockerfile`;
    const lines = text.split('\n');
    texts.set(uri, text);
    if (texts.size > 200) texts.delete(texts.keys().next().value as string);
    client.open(uri, text);
    for (let i = 0; i < 8; i++) {
      const line = int(lines.length + 1);
      const character = int((lines[line]?.length ?? 0) + 2);
      const method = pick(methods);
      const position = { line, character };
      const range = { start: { line: 0, character: 0 }, end: position };
      try {
        const { ms } = await client.timed(method, { textDocument: { uri }, position, range, newName: 'renamed', ch: pick(['\\', '`', '\n']), options: { tabSize: 4, insertSpaces: true }, context: { diagnostics: [], includeDeclaration: true } });
        requests++;
        slowest = Math.max(slowest, ms);
        if (ms > 1000) save(text, `${method} took ${ms.toFixed(0)} ms at ${line}:${character}`);
      } catch (error) {
        save(text, `${method} failed at ${line}:${character}: ${String(error)}`);
      }
      if (client.child.exitCode !== null) {
        save(text, `server exited (${client.child.exitCode})`);
        client = await LspClient.start();
        break;
      }
    }
    for (const log of client.logs.splice(0)) {
      if (!/ran over|failed/.test(log)) continue;
      const named = /file:\/\/\/fuzz\/(\d+)\/Dockerfile/.exec(log);
      const culprit = named ? texts.get(named[0]) : undefined;
      save(culprit ?? text, log.split('\n')[0], named ? Number(named[1]) : inputs);
    }
    client.close(uri);
    inputs++;
    if (inputs % 100 === 0) console.log(`${inputs} inputs, ${requests} requests, slowest ${slowest.toFixed(0)} ms, ${findings.length} findings`);
  }
  await client.stop();
  console.log(`seed ${seed}: ${inputs} inputs, ${requests} requests in ${seconds} s; slowest request ${slowest.toFixed(0)} ms; ${findings.length} findings`);
  if (findings.length > 0) {
    for (const finding of findings) console.log(`  ${finding}`);
    process.exitCode = 1;
  }
}

void main();
