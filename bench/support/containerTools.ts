/**
 * Microsoft Container Tools' refresh mechanism, run for real with the docker CLI: one
 * `docker events` child process filtered to the actions its RefreshManager watches, each
 * container event (re)starting a 500 ms debounce, and the debounce re-listing with
 * `docker ps -a`. Its 60 s interval poll is a fallback for when the event stream fails
 * three times, so it plays no part in a healthy run and is not modelled here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { docker, dockerBinary, jsonFormat, jsonLines } from './cli';

/** The container actions Container Tools' RefreshManager asks `docker events` for. */
export const containerToolsActions = ['create', 'destroy', 'die', 'kill', 'pause', 'rename', 'restart', 'start', 'stop', 'unpause', 'update'];
export const containerToolsDebounceMs = 500;

export interface Relist {
  /** Short container id (as docker ps prints it) → state. */
  states: Map<string, string>;
  /** performance.now() when the re-list finished. */
  at: number;
}

export class ContainerToolsWatcher {
  /** Wall time of each `docker ps -a` the debounce ran. */
  readonly listMs: number[] = [];
  events = 0;
  /** Re-lists that failed (the CLI could not connect while the engine was loaded); retried up to 3 times, a debounce apart. */
  failures = 0;
  private child: ChildProcess | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(relist: Relist) => void>();

  constructor(private readonly host: string) {}

  /** Starts `docker events` and resolves once the child is running (its stream opens with no output). */
  async start(): Promise<void> {
    const args = ['events', '--format', jsonFormat, '--filter', 'type=container', ...containerToolsActions.flatMap((a) => ['--filter', `event=${a}`])];
    const child = spawn(dockerBinary, args, { env: { ...process.env, DOCKER_HOST: this.host, DOCKER_CONTEXT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => {
      if (this.child === child && signal !== 'SIGTERM') console.error(`docker events exited (${code ?? signal}): ${stderr.trim()}`);
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.trim()) return;
      this.events++;
      this.debounce();
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) => reject(new Error(`cannot run ${dockerBinary} events: ${e.message}`)));
    });
  }

  stop(): void {
    clearTimeout(this.timer);
    const child = this.child;
    this.child = undefined;
    child?.kill('SIGTERM');
  }

  onRelist(listener: (relist: Relist) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Trailing debounce: the re-list runs 500 ms after the last event of a run of events. */
  private debounce(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.relist(), containerToolsDebounceMs);
  }

  private async relist(retries = 3): Promise<void> {
    try {
      const run = await docker(this.host, ['ps', '-a', '--format', jsonFormat]);
      this.listMs.push(run.ms);
      const relist = { states: new Map(jsonLines<{ ID: string; State: string }>(run.stdout).map((c) => [c.ID, c.State])), at: performance.now() };
      for (const listener of this.listeners) listener(relist);
    } catch (error) {
      this.failures++;
      console.error(`Container Tools re-list (${retries} retries left): ${error instanceof Error ? error.message : error}`);
      if (retries > 0) this.timer = setTimeout(() => void this.relist(retries - 1), containerToolsDebounceMs);
    }
  }
}
