/**
 * Runs the `shellcheck` binary over many scripts with few processes: scripts of one
 * dialect go to one process as files in a private temporary folder (ShellCheck reads
 * only one script from stdin), at most two processes at a time. Always an argv array,
 * never a shell. Answers are remembered by script text, so after an edit only the
 * RUNs that changed are checked again. A process that runs past its time limit is
 * killed and its scripts are reported as unfinished, for the caller to try again.
 */
import { execFile, type ExecFileException } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scriptText, type Dialect, type ShellcheckScript } from './scripts';

/** One finding in ShellCheck's `json1` format: lines and columns 1-based, columns in code points, tabs count 1. */
export interface ShellcheckComment {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
  fix: { replacements: Array<{ line: number; endLine: number; column: number; endColumn: number; replacement: string }> } | null;
}

export interface RunOptions {
  /** Time limit of one process. */
  timeoutMs: number;
  /** Scripts per process. */
  batchSize: number;
  /** No process starts after this many ms; its scripts count as unfinished. */
  deadlineMs?: number;
}

export type RunResult =
  | { kind: 'done'; comments: Array<ShellcheckComment[] | undefined> }
  | { kind: 'missing'; error: string };

/**
 * hadolint's exclusions: SC2187 (ash is not supported, said of every busybox image) and
 * SC1090 (a dynamic `source` needs a directive a Dockerfile cannot carry).
 */
const excluded = 'SC2187,SC1090';
const concurrency = 2;
const cache = new Map<string, ShellcheckComment[]>();
const cacheLimit = 5000;

const keyOf = (script: ShellcheckScript) => `${script.dialect}\u0000${scriptText(script)}`;

/** What ShellCheck said about each script, in order; undefined where its process ran out of time. */
export async function runShellcheck(binary: string, scripts: readonly ShellcheckScript[], options: RunOptions): Promise<RunResult> {
  const todo = new Map<string, ShellcheckScript>();
  for (const script of scripts) if (!cache.has(keyOf(script))) todo.set(keyOf(script), script);
  const batches: Array<{ dialect: Dialect; keys: string[] }> = [];
  for (const [key, script] of todo) {
    const open = batches.find((batch) => batch.dialect === script.dialect && batch.keys.length < options.batchSize);
    if (open) open.keys.push(key);
    else batches.push({ dialect: script.dialect, keys: [key] });
  }
  let missing: string | undefined;
  const queue = [...batches];
  const started = performance.now();
  const late = () => performance.now() - started > (options.deadlineMs ?? Infinity);
  const worker = async () => {
    for (let batch = queue.shift(); batch && missing === undefined && !late(); batch = queue.shift()) {
      const outcome = await runBatch(binary, batch.dialect, batch.keys.map((key) => todo.get(key)!), options.timeoutMs);
      if (outcome.kind === 'missing') missing = outcome.error;
      else if (outcome.kind === 'done') batch.keys.forEach((key, index) => remember(key, outcome.comments[index]));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  if (missing !== undefined) return { kind: 'missing', error: missing };
  return { kind: 'done', comments: scripts.map((script) => cache.get(keyOf(script))) };
}

function remember(key: string, comments: ShellcheckComment[]): void {
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, comments);
}

type BatchOutcome = { kind: 'done'; comments: ShellcheckComment[][] } | { kind: 'timeout' } | { kind: 'missing'; error: string };

async function runBatch(binary: string, dialect: Dialect, scripts: ShellcheckScript[], timeoutMs: number): Promise<BatchOutcome> {
  const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'berth-shellcheck-'));
  try {
    const files = scripts.map((_, index) => `${index}.sh`);
    await Promise.all(scripts.map((script, index) => fs.promises.writeFile(path.join(folder, files[index]), scriptText(script))));
    const args = ['--format=json1', `--shell=${dialect}`, '--norc', `--exclude=${excluded}`, '--', ...files];
    const answer = await new Promise<{ error: ExecFileException | null; stdout: string; stderr: string }>((resolve) => {
      execFile(binary, args, { cwd: folder, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => resolve({ error, stdout, stderr }));
    });
    const { error, stdout, stderr } = answer;
    if (error?.killed) return { kind: 'timeout' };
    if (error && typeof error.code === 'string') return { kind: 'missing', error: `${error.code}: ${error.message}` };
    // Exit 1 means "found something"; anything else without JSON is a broken binary.
    let parsed: { comments?: Array<ShellcheckComment & { file: string }> };
    try {
      parsed = JSON.parse(stdout) as typeof parsed;
    } catch {
      return { kind: 'missing', error: `${binary} did not answer in ShellCheck's json1 format (exit ${String(error?.code ?? 0)}): ${stderr.trim().slice(0, 200)}` };
    }
    const byFile = new Map(files.map((file) => [file, [] as ShellcheckComment[]]));
    for (const comment of parsed.comments ?? []) byFile.get(path.basename(comment.file))?.push(comment);
    return { kind: 'done', comments: files.map((file) => byFile.get(file) ?? []) };
  } finally {
    await fs.promises.rm(folder, { recursive: true, force: true });
  }
}

/** Forgets remembered answers (tests that count processes start clean). */
export function clearShellcheckCache(): void {
  cache.clear();
}
