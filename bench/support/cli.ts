/** The docker CLI as CLI-based extensions run it: a process per call, argv only, no shell. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * Debian's docker.io CLI, the one the test setup installs (a machine may have a newer one
 * earlier on PATH); every bench uses the same binary so the summary can name one version.
 */
export const dockerBinary = fs.existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

/**
 * One JSON object per line. `--format json` means the same from CLI 23 on but prints the
 * word "json" with docker.io's 20.10 CLI; `{{json .}}` works with both, and is what
 * CLI-based extensions pass.
 */
export const jsonFormat = '{{json .}}';

export interface CliRun {
  stdout: string;
  /** Wall time from spawn to exit, process start-up included (what a refresh pays). */
  ms: number;
}

/** Runs `docker ARGS` against `host` (DOCKER_CONTEXT cleared so the user's context is not used). */
export function docker(host: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(dockerBinary, args, { env: { ...process.env, DOCKER_HOST: host, DOCKER_CONTEXT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`cannot run the docker CLI (${dockerBinary}): ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve({ stdout: out, ms: performance.now() - started }) : reject(new Error(`docker ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

/** Parses the output of `--format '{{json .}}'`. */
export function jsonLines<T = Record<string, unknown>>(stdout: string): T[] {
  return stdout.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as T);
}
