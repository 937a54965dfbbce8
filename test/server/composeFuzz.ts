/**
 * Seeded fuzzing of the compose language server over the wire: random and mutated compose
 * files go to dist/composeServer.js --stdio and every feature is asked about them at
 * random places. A crash, an error answer (other than a refused rename), a request the
 * server had to cancel, or a worker that failed is a finding. Used by
 * scripts/fuzz-compose.ts (long runs, findings saved) and by the server tier (a short run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dice, mutate as mutateText } from '../support/fuzzing';
import { LspClient, composeServerScript, repoRoot } from './client';

export const composeFuzzFixtures = path.join(repoRoot, 'test', 'fixtures', 'compose', 'fuzz');

const keys = ['services', 'networks', 'volumes', 'secrets', 'configs', 'name', 'include', 'x-common', 'image', 'build', 'context', 'dockerfile', 'target', 'depends_on', 'links', 'extends', 'service',
  'file', 'ports', 'published', 'host_ip', 'environment', 'env_file', 'command', 'healthcheck', 'test', 'deploy', 'replicas', 'volumes_from', 'network_mode', 'profiles', 'restart', 'condition', '<<', 'bogus', 'web', 'db', ''];
const values = ['busybox:local', '.', './Dockerfile', 'db', 'web', 'ghost', '"8080:80"', '8080:80', '127.0.0.1:9000-9005:9000-9005', '[::1]:80:80', '"${PORT:-80}:80"', '${', '${}', '${A:-${B', '$$',
  'service:db', 'container:x', 'data:/data', './src:/src', 'true', 'no', '~', 'null', '!reset null', '!override', '!reset []', '&anchor', '*anchor', '[db, web]', '{a: 1}', '[', '{', '"', "'", '|', '>-',
  '- x', '#comment', 'service_healthy', '1.5', '-1', '0x1F', '日本', '\t', 'é', 'x'.repeat(200)];

export function composeGenerator(seed: number): { next(): string } {
  const roll = dice(seed);
  const { rand, pick, int } = roll;
  const corpus = fs.existsSync(path.join(repoRoot, 'test', 'fixtures', 'compose', 'corpus'))
    ? fs.readdirSync(path.join(repoRoot, 'test', 'fixtures', 'compose', 'corpus')).map((name) => fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'compose', 'corpus', name), 'utf8'))
    : [];
  const randomFile = () => {
    const lines: string[] = [];
    let indent = 0;
    for (let i = 1 + int(50); i > 0; i--) {
      indent = Math.max(0, Math.min(10, indent + pick([-2, 0, 0, 2, 2, -4])));
      const pad = ' '.repeat(indent);
      const shape = int(5);
      if (shape === 0) lines.push(`${pad}${pick(keys)}:`);
      else if (shape === 1) lines.push(`${pad}${pick(keys)}: ${pick(values)}`);
      else if (shape === 2) lines.push(`${pad}- ${pick(values)}`);
      else if (shape === 3) lines.push(`${pad}- ${pick(keys)}: ${pick(values)}`);
      else lines.push(rand() < 0.5 ? '' : `${pad}${pick(values)}`);
    }
    return lines.join(rand() < 0.1 ? '\r\n' : '\n');
  };
  const mutations = {
    piece: () => pick(values),
    lineBreak: () => '\n' + ' '.repeat(int(8)),
    fragment: () => `${pick(keys)}: `,
    lookback: 80,
  };
  const mutate = (text: string) => mutateText(text, roll, mutations);
  return { next: () => (corpus.length && rand() < 0.5 ? mutate(pick(corpus)) : rand() < 0.5 ? mutate(randomFile()) : randomFile()) };
}

const methods = ['textDocument/completion', 'textDocument/hover', 'textDocument/documentSymbol', 'textDocument/formatting', 'textDocument/documentLink', 'textDocument/prepareRename', 'textDocument/rename'];

export interface FuzzOutcome {
  inputs: number;
  requests: number;
  slowestMs: number;
  findings: Array<{ text: string; reason: string }>;
}

/** Runs until `limit.inputs` inputs or `limit.seconds` have passed, whichever comes first. */
export async function fuzzCompose(seed: number, limit: { inputs?: number; seconds?: number }, onProgress?: (outcome: FuzzOutcome) => void): Promise<FuzzOutcome> {
  const generator = composeGenerator(seed);
  const { rand, int } = dice(seed ^ 0x5bd1e995);
  let client = await LspClient.start({ script: composeServerScript });
  const outcome: FuzzOutcome = { inputs: 0, requests: 0, slowestMs: 0, findings: [] };
  const deadline = Date.now() + (limit.seconds ?? 1e9) * 1000;
  // Inputs open in the fixture project, so build targets, links and env files are read from disk.
  const folder = path.join(repoRoot, 'test', 'fixtures', 'compose', 'project');
  try {
    while (Date.now() < deadline && outcome.inputs < (limit.inputs ?? Infinity)) {
      const text = generator.next();
      const uri = `file://${folder}/fuzz-${outcome.inputs}.compose.yaml`;
      const lines = text.split('\n');
      client.open(uri, text, 'dockercompose');
      await client.waitForDiagnostics(uri, () => true, 20_000, true).catch(() => outcome.findings.push({ text, reason: 'no diagnostics within 20 s' }));
      for (let i = 0; i < 6; i++) {
        const line = int(lines.length + 1);
        const character = int((lines[line]?.length ?? 0) + 2);
        const method = methods[int(methods.length)];
        try {
          const { ms } = await client.timed(method, { textDocument: { uri }, position: { line, character }, newName: rand() < 0.8 ? 'renamed' : 'bad name', options: { tabSize: 1 + int(4), insertSpaces: true } });
          outcome.requests++;
          outcome.slowestMs = Math.max(outcome.slowestMs, ms);
        } catch (error) {
          if (!/not a valid service name|already exists/.test(String(error))) outcome.findings.push({ text, reason: `${method} failed at ${line}:${character}: ${String(error)}` });
        }
        if (client.child.exitCode !== null) {
          outcome.findings.push({ text, reason: `server exited (${client.child.exitCode})` });
          client = await LspClient.start({ script: composeServerScript });
          break;
        }
      }
      for (const log of client.logs.splice(0)) if (/ran over|failed|exited/.test(log)) outcome.findings.push({ text, reason: log.split('\n')[0] });
      client.close(uri);
      outcome.inputs++;
      if (outcome.inputs % 100 === 0) onProgress?.(outcome);
    }
  } finally {
    await client.stop();
  }
  return outcome;
}
