/**
 * Runs the compose tool: one process per run, an argv array and no shell, its output
 * handed on as it comes. Cancelling sends SIGINT (compose stops what it started cleanly
 * on it), then SIGKILL if it has not ended 10 s later. No vscode: the task terminal, the
 * engine tests and the bench all run compose through this one function.
 */
import * as l10n from '@vscode/l10n';
import { spawn } from 'node:child_process';
import type { ComposeTool, Probe } from './tool';

export interface RunOptions {
  cwd: string;
  env: Record<string, string>;
  signal?: AbortSignal;
  /** Output, stdout and stderr interleaved as they arrive (compose writes its progress to stderr). */
  onOutput?: (text: string) => void;
}

export class ComposeFailure extends Error {
  constructor(readonly command: string, readonly code: number | null, readonly output: string) {
    const last = output.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).pop()?.slice(0, 300);
    super(code === null
      ? (last ? l10n.t('`{0}` ended with a signal: {1}', command, last) : l10n.t('`{0}` ended with a signal.', command))
      : (last ? l10n.t('`{0}` ended with exit code {1}: {2}', command, code, last) : l10n.t('`{0}` ended with exit code {1}.', command, code)));
  }
}

/** The subcommand in a compose argv (the first word after the global options and their values). */
export function subcommandOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('-')) {
      i++;
      continue;
    }
    return args[i];
  }
  return '';
}

/** Runs `tool.command + args`; resolves with the output when it exits with 0, else rejects with ComposeFailure. */
export function runCompose(tool: Pick<ComposeTool, 'command'>, args: string[], options: RunOptions): Promise<string> {
  const argv = [...tool.command, ...args];
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new Error(l10n.t('Cancelled.')));
    const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: string[] = [];
    const take = (data: Buffer): void => {
      const text = data.toString('utf8');
      if (chunks.length < 10_000) chunks.push(text);
      options.onOutput?.(text);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let killer: NodeJS.Timeout | undefined;
    const cancel = (): void => {
      child.kill('SIGINT');
      killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    child.on('error', (error) => {
      options.signal?.removeEventListener('abort', cancel);
      reject(error);
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', cancel);
      if (killer) clearTimeout(killer);
      const output = chunks.join('');
      if (options.signal?.aborted) reject(new Error(l10n.t('Cancelled.')));
      else if (code === 0) resolve(output);
      else reject(new ComposeFailure([...tool.command, subcommandOf(args)].join(' '), code, output));
    });
  });
}

/** detectTool's probe over real processes: a program that is not installed ends with -1. */
export const processProbe: Probe = (argv) => new Promise((resolve) => {
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  child.on('error', () => {
    clearTimeout(timer);
    resolve({ code: -1, stdout: '' });
  });
  child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code: code ?? -1, stdout });
  });
});
