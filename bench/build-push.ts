/**
 * Benchmark (not a timed test): Berth's build and push paths against the docker CLI on
 * the same private engine, in the same run.
 *
 *   source .vscode-test/env/env.sh && node --import tsx bench/build-push.ts
 *
 * Build: a context of 200 MB in 5,000 files (random bytes, so nothing compresses away),
 * `FROM busybox:local` + `COPY`, no cache, through Berth's engine layer (its
 * .dockerignore-aware tar stream over the API) and through `docker build` (classic
 * builder, like Berth's). Push: two images with a distinct 100 MB layer each (so neither
 * push finds the other's layer in the registry), one pushed by Berth, one by `docker push`.
 * Writes bench/results/build-push.json.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { packContext } from '../src/engine/buildContext';
import { Engine } from '../src/engine/engine';
import type { BenchRow } from './rows';
import { dockerBinary } from './support/cli';
import { writeResults } from './support/results';

const run = promisify(execFile);
const dockerHost = process.env.BERTH_TEST_DOCKER_HOST;
const registry = process.env.BERTH_TEST_REGISTRY;
if (!dockerHost || !registry) {
  console.error('Set BERTH_TEST_DOCKER_HOST and BERTH_TEST_REGISTRY: `npm run env:up` then `source .vscode-test/env/env.sh`.');
  process.exit(1);
}

const files = Number(process.env.BENCH_FILES ?? 5_000);
const contextBytes = Number(process.env.BENCH_CONTEXT_MB ?? 200) * 1_000_000;
const pushBytes = Number(process.env.BENCH_PUSH_MB ?? 100) * 1_000_000;
const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const engine = new Engine({ url: dockerHost, source: 'DOCKER_HOST', why: 'the benchmark engine' });
// The CLI gets the same engine and an empty config of its own (no user's logins, no BuildKit by default).
const cliConfig = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-docker-'));
const cliEnv = { ...process.env, DOCKER_HOST: dockerHost, DOCKER_CONFIG: cliConfig, DOCKER_BUILDKIT: '0' };
const cli = (args: string[]): Promise<{ stdout: string }> => run(dockerBinary, args, { env: cliEnv, maxBuffer: 64 << 20 });

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { seconds: Number(((performance.now() - start) / 1000).toFixed(2)), value };
}

function makeContext(dir: string): { files: number; bytes: number } {
  const perFile = Math.floor(contextBytes / files);
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const sub = path.join(dir, 'data', `d${String(i % 50).padStart(2, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `f${i}.bin`), randomBytes(perFile));
    bytes += perFile;
  }
  fs.writeFileSync(path.join(dir, 'ignored.bin'), randomBytes(1_000_000));
  fs.writeFileSync(path.join(dir, '.dockerignore'), 'ignored.bin\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM busybox:local\nCOPY data /data\n');
  return { files, bytes };
}

async function removeImage(ref: string): Promise<void> {
  await engine.images.remove(ref, { force: true }).catch(() => undefined);
}

async function main(): Promise<void> {
  const version = await engine.system.version();
  const rows: BenchRow[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-'));
  const results: Record<string, unknown> = {
    engine: `${version.version} (API ${version.apiVersion})`, cores: os.cpus().length, runId,
  };
  try {
    // ---- build ------------------------------------------------------------------
    const context = path.join(work, 'context');
    fs.mkdirSync(context);
    const made = makeContext(context);
    console.log(`context: ${made.files} files, ${(made.bytes / 1e6).toFixed(0)} MB in ${context}`);
    const berthTag = `berth-bench/build-berth:${runId}`;
    const cliTag = `berth-bench/build-cli:${runId}`;
    // Where Berth's time goes: packing the filtered context alone, and the upload (until the engine's first message).
    const packOnly = await timed(() => new Promise<number>((resolve, reject) => {
      let bytes = 0;
      packContext(context).on('data', (chunk: Buffer) => (bytes += chunk.length)).on('end', () => resolve(bytes)).on('error', reject);
    }));
    console.log(`pack only (Berth):      ${packOnly.seconds}s for ${(packOnly.value / 1e6).toFixed(0)} MB of tar`);
    // Best of two each, in the order Berth, CLI, CLI, Berth: a shared machine's load moves single runs by seconds.
    let firstMessage: number | undefined;
    const berthOnce = async () => {
      const buildStart = performance.now();
      firstMessage = undefined;
      const run = await timed(() => engine.images.build({ context, tags: [berthTag], noCache: true }, { onProgress: () => (firstMessage ??= performance.now()) }));
      const upload = firstMessage ? Number(((firstMessage - buildStart) / 1000).toFixed(2)) : undefined;
      console.log(`build via Berth:        ${run.seconds}s (engine's first message after ${upload}s)`);
      return { seconds: run.seconds, upload };
    };
    const cliOnce = async () => {
      const run = await timed(() => cli(['build', '--no-cache', '-q', '-t', cliTag, context]));
      console.log(`build via docker build: ${run.seconds}s`);
      return run.seconds;
    };
    const berthRuns = [await berthOnce()];
    const cliRuns = [await cliOnce(), await cliOnce()];
    berthRuns.push(await berthOnce());
    const berthBest = berthRuns.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const berthBuild = { seconds: berthBest.seconds };
    const cliBuild = { seconds: Math.min(...cliRuns) };
    const uploadSeconds = berthBest.upload;
    const sizes = await Promise.all([berthTag, cliTag].map(async (t) => (await engine.images.inspect(t)).size));
    await removeImage(berthTag);
    await removeImage(cliTag);
    rows.push({
      area: 'build', measure: 'build an image, no cache', workload: `${(made.bytes / 1e6).toFixed(0)} MB context in ${made.files.toLocaleString('en-US')} files, FROM + COPY`, unit: 's', better: 'lower',
      berth: berthBuild.seconds, alternative: { name: 'docker build (classic builder)', value: cliBuild.seconds },
      note: `best of two each, in the order Berth, CLI, CLI, Berth; both pack the .dockerignore-filtered context themselves and stream it to the engine, Berth while walking it with 8 files read ahead (${packOnly.seconds} s for packing alone, into nothing)`,
    });
    results.build = { files: made.files, contextBytes: made.bytes, berthPackOnlySeconds: packOnly.seconds, berthFirstMessageSeconds: uploadSeconds, berthSeconds: berthBuild.seconds, cliSeconds: cliBuild.seconds, imageBytes: { berth: sizes[0], cli: sizes[1] } };

    // ---- push -------------------------------------------------------------------
    const pushContext = path.join(work, 'push');
    fs.mkdirSync(pushContext);
    const blocks = Math.round(pushBytes / 1_000_000);
    fs.writeFileSync(path.join(pushContext, 'Dockerfile'), `FROM busybox:local\nARG SALT\nRUN echo "$SALT" > /salt && dd if=/dev/urandom of=/blob bs=1000000 count=${blocks} 2>/dev/null\n`);
    const berthRef = `${registry}/berth-bench/push-berth:${runId}`;
    const cliRef = `${registry}/berth-bench/push-cli:${runId}`;
    await engine.images.build({ context: pushContext, tags: [berthRef], noCache: true, buildArgs: { SALT: `berth-${runId}` } });
    await engine.images.build({ context: pushContext, tags: [cliRef], noCache: true, buildArgs: { SALT: `cli-${runId}` } });
    let layers = 0;
    const berthPush = await timed(() => engine.images.push(berthRef, { onProgress: (e) => { if (e.status === 'Pushed') layers++; } }));
    console.log(`push via Berth:         ${berthPush.seconds}s (${layers} layers pushed, digest ${berthPush.value})`);
    const cliPush = await timed(() => cli(['push', cliRef]));
    console.log(`push via docker push:   ${cliPush.seconds}s`);
    await removeImage(berthRef);
    await removeImage(cliRef);
    rows.push({
      area: 'push', measure: 'push an image with a new layer', workload: `${blocks} MB layer to a registry on 127.0.0.1`, unit: 's', better: 'lower',
      berth: berthPush.seconds, alternative: { name: 'docker push', value: cliPush.seconds },
    });
    results.push = { layerBytes: blocks * 1_000_000, berthSeconds: berthPush.seconds, cliSeconds: cliPush.seconds, berthDigest: berthPush.value };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(cliConfig, { recursive: true, force: true });
    await engine.dispose();
  }
  writeResults('build-push', rows, results);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
