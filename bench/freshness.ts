/**
 * Freshness (not a timed test): how long after a container changes state outside Berth
 * the tree shows it. On a dockerd of its own holding 100 containers, a raw API call
 * (dockerode, not Berth's engine layer) starts or stops a container at a random moment,
 * CHANGES times, while three watchers run in this process, all in the same run:
 *
 * - Berth's path, as the explorer runs it: ResourceStores fed by the engine's event
 *   stream (src/state), then the Containers tree's arrangement and item specs; the
 *   change is shown when the container's item names the new state.
 * - Microsoft Container Tools' mechanism (bench/support/containerTools.ts): a `docker
 *   events` child, a 500 ms debounce, then `docker ps -a`; the change is shown when that
 *   re-list has finished with the new state.
 * - A 2-second poller (the old refresh interval of Microsoft's Docker extension),
 *   spawning `docker ps -a --format '{{json .}}'` every 2 s; the change is shown when a
 *   poll's output has the new state.
 *
 * Each latency runs from the API call returning to the first moment the watcher shows the
 * new state. Also counted: list calls each path made during the run. Prints a table and
 * writes bench/results/freshness.json.
 *
 *   node --import tsx bench/freshness.ts
 *
 * BERTH_BENCH_CONTAINERS (100) and BERTH_BENCH_CHANGES (20) change the sizes.
 */
import Docker from 'dockerode';
import type { ContainerSummary } from '../src/engine/types';
import { engineAdapter } from '../src/state/engineSource';
import { ResourceStores } from '../src/state/resources';
import { itemsOf } from '../src/state/store';
import { defaultDisplay } from '../src/views/containerItems';
import { arrangeContainers, containerNodeItem } from '../src/views/containerTree';
import type { BenchRow } from './rows';
import { docker, jsonFormat, jsonLines } from './support/cli';
import { ContainerToolsWatcher, containerToolsDebounceMs, type Relist } from './support/containerTools';
import { startBenchEngine } from './support/engine';
import { writeResults } from './support/results';
import { pool, round, spread } from './support/stats';

const containerCount = Number(process.env.BERTH_BENCH_CONTAINERS ?? 100);
const changes = Number(process.env.BERTH_BENCH_CHANGES ?? 20);
const pollMs = 2_000;
const giveUpMs = 30_000;
const label = 'berth.bench';

type State = 'running' | 'exited';

/** The Containers tree as the explorer builds it (default settings): does the container's item name `state`? */
function treeShows(containers: readonly ContainerSummary[], id: string, state: State): boolean {
  const roots = arrangeContainers(containers, { groupBy: 'none', sortBy: 'created', showStopped: true, filter: '' });
  const items = roots.map((node) => containerNodeItem(node, defaultDisplay));
  return items.some((item) => item.id === `container:${id}` && item.contextValue.startsWith(`container.${state}`));
}

interface Poll {
  /** Short container id (as docker ps prints it) → state. */
  states: Map<string, string>;
}

/** `docker ps` every 2 s on a fixed schedule, as a setInterval refresh does; a tick that finds the last poll still running is skipped. */
class CliPoller {
  readonly durations: number[] = [];
  skipped = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private inFlight = false;
  private readonly listeners = new Set<(poll: Poll) => void>();

  constructor(private readonly host: string) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), pollMs);
    this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  onPoll(listener: (poll: Poll) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tick(): void {
    if (this.inFlight) {
      this.skipped++;
      return;
    }
    this.inFlight = true;
    docker(this.host, ['ps', '-a', '--format', jsonFormat]).then((run) => {
      const states = new Map(jsonLines<{ ID: string; State: string }>(run.stdout).map((c) => [c.ID, c.State]));
      this.durations.push(run.ms);
      const poll = { states };
      for (const listener of this.listeners) listener(poll);
    }, (error: unknown) => console.error(`poller: ${error instanceof Error ? error.message : error}`)).finally(() => (this.inFlight = false));
  }
}

/** Resolves with the performance.now() of the first signal for which `shown(value)` holds; rejects after giveUpMs. */
function firstShown<T>(what: string, subscribe: (check: (value: T) => void) => () => void, shown: (value: T) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`${what} did not show the change within ${giveUpMs / 1000} s`));
    }, giveUpMs);
    const unsubscribe = subscribe((value) => {
      if (!shown(value)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(performance.now());
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const bench = await startBenchEngine('berth-bench-fresh-');
  const raw: Docker = bench.docker;
  try {
    const version = await bench.engine.system.version();
    const ids: string[] = [];
    await pool(Array.from({ length: containerCount }, (_, i) => i), 4, async (i) => {
      const c = await raw.createContainer({ Image: 'busybox:local', name: `bench-fresh-${i}`, Cmd: ['sleep', '3600'], Labels: { [label]: '1' }, HostConfig: { NetworkMode: 'none' } });
      ids[i] = c.id;
    });
    // A quarter running, so the list has both states; the changes use the others.
    await pool(ids.filter((_, i) => i % 4 === 0), 4, (id) => raw.getContainer(id).start());
    const targets = ids.filter((_, i) => i % 4 !== 0);

    const stores = new ResourceStores(bench.engine, engineAdapter);
    await stores.containers.ready();
    const tools = new ContainerToolsWatcher(bench.url);
    await tools.start();
    // Warm up every path with one outside change: a container created that no round uses.
    // Its create event proves `docker events` is subscribed before the first timed change.
    const warmUp = await raw.createContainer({ Image: 'busybox:local', name: 'bench-fresh-warm-up', Cmd: ['true'], Labels: { [label]: '1' }, HostConfig: { NetworkMode: 'none' } });
    await Promise.all([
      firstShown<Relist>('Container Tools (warm-up)', (check) => tools.onRelist(check), (relist) => relist.states.has(warmUp.id.slice(0, 12))),
      firstShown<void>('Berth (warm-up)', (check) => {
        const sub = stores.containers.onDidChange(() => check());
        return () => sub.dispose();
      }, () => itemsOf(stores.containers).some((c) => c.id === warmUp.id)),
    ]);
    const poller = new CliPoller(bench.url);
    poller.start();
    await sleep(pollMs + 500);

    const berthMs: number[] = [];
    const toolsMs: number[] = [];
    const pollLatencyMs: number[] = [];
    const apiMs: number[] = [];
    const listCallsBefore = stores.containers.listCalls;
    const eventsBefore = stores.eventCount;
    const pollsBefore = poller.durations.length;
    const toolsListsBefore = tools.listMs.length;
    const toolsEventsBefore = tools.events;
    const runStarted = performance.now();
    for (let round = 0; round < changes; round++) {
      // Start a container, then stop it in the next round: every change flips a state.
      const id = targets[Math.floor(round / 2) % targets.length];
      const expected: State = round % 2 === 0 ? 'running' : 'exited';
      // A random moment: anywhere in the poller's 2 s cycle.
      await sleep(Math.random() * pollMs);
      const berthShown = firstShown<void>('Berth', (check) => {
        const sub = stores.containers.onDidChange(() => check());
        return () => sub.dispose();
      }, () => treeShows(itemsOf(stores.containers), id, expected));
      const toolsShown = firstShown<Relist>('Container Tools\' mechanism', (check) => tools.onRelist(check), (relist) => relist.states.get(id.slice(0, 12)) === expected);
      const pollShown = firstShown<Poll>('the 2 s poller', (check) => poller.onPoll(check), (poll) => poll.states.get(id.slice(0, 12)) === expected);
      const all = Promise.all([berthShown, toolsShown, pollShown]);
      const called = performance.now();
      if (expected === 'running') await raw.getContainer(id).start();
      // stop -t 0 (SIGKILL at once) returns when the container has exited; a bare kill right
      // after a start was seen to leave the container running on this engine.
      else await raw.getContainer(id).stop({ t: 0 });
      const returned = performance.now();
      apiMs.push(returned - called);
      const [berthAt, toolsAt, pollAt] = await all;
      // Any may have shown it before the API response reached us: that is no delay at all.
      berthMs.push(Math.max(0, berthAt - returned));
      toolsMs.push(Math.max(0, toolsAt - returned));
      pollLatencyMs.push(Math.max(0, pollAt - returned));
      process.stdout.write(`${expected === 'running' ? 'start' : 'stop '} ${round + 1}/${changes}: Berth ${Math.round(berthMs.at(-1)!)} ms, Container Tools ${Math.round(toolsMs.at(-1)!)} ms, 2 s poll ${Math.round(pollLatencyMs.at(-1)!)} ms\n`);
    }
    const runSeconds = (performance.now() - runStarted) / 1000;
    poller.stop();
    tools.stop();
    const berthLists = stores.containers.listCalls - listCallsBefore;
    const events = stores.eventCount - eventsBefore;
    const polls = poller.durations.length - pollsBefore;
    const toolsLists = tools.listMs.length - toolsListsBefore;
    const toolsEvents = tools.events - toolsEventsBefore;
    stores.dispose();

    const berth = spread(berthMs);
    const watched = spread(toolsMs);
    const polled = spread(pollLatencyMs);
    const ps = spread([...poller.durations, ...tools.listMs]);
    const workload = `${containerCount} containers, ${changes} starts/stops at random moments`;
    const listCalls = `list calls during the ${Math.round(runSeconds)} s run: Berth ${berthLists} for ${changes} changes (${events} events), Container Tools' mechanism ${toolsLists} (${toolsEvents} events), the 2 s poller ${polls} (${poller.skipped} ticks skipped while a poll ran)`;
    const toolsName = `Container Tools' mechanism: docker events, ${containerToolsDebounceMs} ms debounce, docker ps -a`;
    const twoSeconds = "docker ps every 2 s (Microsoft's old interval)";
    const row = (measure: string, berthValue: number, alternative: BenchRow['alternative']): BenchRow => ({
      area: 'freshness', measure, workload, unit: 'ms', better: 'lower', berth: round(berthValue), alternative, note: listCalls,
    });
    const rows: BenchRow[] = [
      row('outside change → tree shows it, median', berth.median, { name: toolsName, value: round(watched.median) }),
      row('outside change → tree shows it, p95', berth.p95, { name: toolsName, value: round(watched.p95) }),
      row('outside change → tree shows it, median', berth.median, { name: twoSeconds, value: round(polled.median) }),
      row('outside change → tree shows it, p95', berth.p95, { name: twoSeconds, value: round(polled.p95) }),
    ];
    const f = (n: number) => `${Math.round(n)}`.padStart(8);
    console.log(`\nFreshness: ${workload}, engine ${version.version} (ms from the API call returning)\n`);
    console.log(`${'path'.padEnd(58)}${'median'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}`);
    console.log(`${'Berth (events → stores → tree)'.padEnd(58)}${f(berth.median)}${f(berth.p95)}${f(berth.max)}`);
    console.log(`${'Container Tools (docker events, 500 ms debounce, docker ps)'.padEnd(58)}${f(watched.median)}${f(watched.p95)}${f(watched.max)}`);
    console.log(`${'docker ps -a every 2 s'.padEnd(58)}${f(polled.median)}${f(polled.p95)}${f(polled.max)}`);
    console.log(`\n${listCalls}; docker ps took ${Math.round(ps.median)} ms (median), the API calls ${Math.round(spread(apiMs).median)} ms`);
    writeResults('freshness', rows, {
      engine: `${version.version} (API ${version.apiVersion})`, node: process.version, containers: containerCount, changes, pollMs, debounceMs: containerToolsDebounceMs,
      berthMs: berth, containerToolsMs: watched, twoSecondPollMs: polled,
      dockerPsMs: ps, apiCallMs: spread(apiMs),
      listCalls: { seconds: round(runSeconds), berth: berthLists, berthEvents: events, containerTools: toolsLists, containerToolsEvents: toolsEvents, containerToolsFailedLists: tools.failures, poller: polls, pollerTicksSkipped: poller.skipped },
      samples: { berthMs: berthMs.map((v) => round(v)), containerToolsMs: toolsMs.map((v) => round(v)), twoSecondPollMs: pollLatencyMs.map((v) => round(v)) },
    });
  } finally {
    await bench.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
