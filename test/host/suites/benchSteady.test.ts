/**
 * Benchmark, opt-in (bench/host.ts runs it after benchActivation): what Berth costs while
 * nothing happens. Berth switches to bench/host.ts's dedicated dockerd holding 500
 * created containers, the four views are opened and walked once, and after a settle the
 * extension host's CPU time and RSS, the dockerd's CPU time and Berth's list calls are
 * measured over a window in which nobody does anything. Figures go to bench-steady.json.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isFilesNode } from '../../../src/files/nodes';
import { itemsOf } from '../../../src/state/store';
import type { StoreTreeProvider } from '../../../src/views/storeTree';
import { childProcesses, cpuTimes } from '../../support/processCpu';
import { waitFor } from '../../support/wait';
import { megabytes, round3, writeBenchResult } from './benchHelpers';
import { berthApi, walk } from './explorerHelpers';

const settleMs = 5_000;
const windowMs = Number(process.env.BERTH_BENCH_WINDOW_MS ?? 60_000);

function benchEngine(): { url: string; pid: number; containers: number } {
  const { BERTH_BENCH_DOCKER_HOST: url, BERTH_BENCH_DOCKERD_PID: pid, BERTH_BENCH_CONTAINERS: containers } = process.env;
  assert.ok(url && pid && containers, 'BERTH_BENCH_DOCKER_HOST, BERTH_BENCH_DOCKERD_PID and BERTH_BENCH_CONTAINERS must be set: run this suite through bench/host.ts (npm run bench:host)');
  return { url, pid: Number(pid), containers: Number(containers) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * BERTH_BENCH_CPU_PROFILE=1: a CPU profile of the extension host over the window, to see
 * who spent what (bench-steady.cpuprofile beside the results; it costs some CPU itself).
 */
async function profileWhile<T>(work: () => Promise<T>): Promise<T> {
  if (!process.env.BERTH_BENCH_CPU_PROFILE) return work();
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 10_000 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(path.join(process.env.BERTH_TEST_RESULTS ?? '.', 'bench-steady.cpuprofile'), JSON.stringify(profile));
    session.disconnect();
  }
}

describe('Benchmark: idle with 500 containers', function () {
  this.timeout(windowMs + 180_000);

  it('costs next to nothing while nothing happens', async () => {
    const engine = benchEngine();
    const api = await berthApi();
    api.prompts.answer('Enter an endpoint…', engine.url);
    assert.equal(await vscode.commands.executeCommand('berth.context.switch'), engine.url);
    assert.equal(api.prompts.pending(), 0, 'the switcher used the scripted answers');
    const stores = api.stores;
    await waitFor(() => itemsOf(stores.containers).length === engine.containers || undefined, `the ${engine.containers} containers of the benchmark engine in the Containers store`, 120_000);

    // Every view open and its tree walked once, as VS Code would on expansion; not Files,
    // Changes or image layers, which are fetched from the engine only when a person asks.
    for (const view of ['containers', 'images', 'networks', 'volumes'] as const) {
      await vscode.commands.executeCommand(`berth.${view}.focus`);
      const provider = api.views[view] as StoreTreeProvider<unknown>;
      const nodes = await walk(provider, (n) => isFilesNode(n) || (n as { kind: string }).kind === 'image');
      const [first] = nodes;
      if (first) await api.views.treeViews[view].reveal(first as never, { expand: true, select: false, focus: false });
    }
    const containerNodes = (await api.views.containers.getChildren()).filter((n) => n.kind === 'container').length;
    assert.equal(containerNodes, engine.containers, 'the Containers tree shows every container');
    await sleep(settleMs);

    const listCalls = () => stores.containers.listCalls + stores.images.listCalls + stores.networks.listCalls + stores.volumes.listCalls;
    // The language server is the extension host's child: its cost is Berth's too.
    const languageServer = childProcesses(process.pid).find((p) => p.command.includes('server.js'));
    const before = {
      host: process.cpuUsage(), dockerd: cpuTimes(engine.pid).self, server: languageServer ? cpuTimes(languageServer.pid).self : undefined,
      lists: listCalls(), events: stores.eventCount, at: performance.now(),
    };
    const rss: number[] = [process.memoryUsage.rss()];
    const sampler = setInterval(() => rss.push(process.memoryUsage.rss()), 1000);
    await profileWhile(() => sleep(windowMs));
    clearInterval(sampler);
    rss.push(process.memoryUsage.rss());
    const host = process.cpuUsage(before.host);
    const seconds = (performance.now() - before.at) / 1000;
    const lists = listCalls() - before.lists;

    writeBenchResult('bench-steady', {
      containers: engine.containers,
      windowS: round3(seconds),
      settleS: settleMs / 1000,
      extensionHost: {
        cpuS: round3((host.user + host.system) / 1e6), userS: round3(host.user / 1e6), systemS: round3(host.system / 1e6),
        rssStartMB: megabytes(rss[0]), rssEndMB: megabytes(rss[rss.length - 1]), rssMaxMB: megabytes(Math.max(...rss)),
      },
      languageServerCpuS: languageServer && before.server !== undefined ? round3(cpuTimes(languageServer.pid).self - before.server) : null,
      dockerdCpuS: round3(cpuTimes(engine.pid).self - before.dockerd),
      listCallsDuringWindow: lists,
      eventsDuringWindow: stores.eventCount - before.events,
    });
    // No poll: the only timer is the 5-minute safety refresh, at most once (four lists) in a minute.
    assert.ok(lists <= 4, `Berth listed ${lists} times while nothing happened`);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('berth').update('host', undefined, vscode.ConfigurationTarget.Global);
  });
});
