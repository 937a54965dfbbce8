/**
 * Benchmark, opt-in (bench/host.ts runs it in a fresh extension host per scenario): the
 * person opens the Berth view, VS Code activates Berth, and the Containers view fills.
 * Measured with Berth's own activation marks (src/timings.ts) and this host's clock:
 * how long activate() takes, how long VS Code took to load the bundle before it (its own
 * performance marks), and how long until the Containers view shows its first
 * children (engine reachable) or its unreachable message (berth.host pointing at a socket
 * that does not exist, or at a port that accepts and never answers). Figures go to
 * bench-activation.json; the assertions check that what was timed really happened.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { waitFor } from '../../support/wait';
import { berthLogText } from '../support/berth';
import { benchScenario, codeLoadingMs, reached, round1, silentEngine, writeBenchResult } from './benchHelpers';
import { extensionId } from './explorerHelpers';

/** A few containers on the reachable engine, so the first children are real ones. */
const fewContainers = 3;
/** Longer than berth.requestTimeout's default (30 s): a silent engine fails only then. */
const messageTimeoutMs = 60_000;

describe('Benchmark: activation', function () {
  this.timeout(messageTimeoutMs + 30_000);
  const scenario = benchScenario();
  const created: string[] = [];
  let silent: { close(): void } | undefined;

  before(async () => {
    if (scenario === 'silent-tcp') {
      // Here rather than in bench/host.ts: closing it is what frees the requests still waiting on it.
      const port = Number(process.env.BERTH_BENCH_SILENT_PORT);
      assert.ok(port, 'BERTH_BENCH_SILENT_PORT must be set (bench/host.ts sets it and points berth.host at it)');
      silent = await silentEngine(port);
    }
    if (scenario !== 'reachable') return;
    const docker = testDocker();
    for (let i = 0; i < fewContainers; i++) {
      const container = await docker.createContainer({ Image: testImage, name: uniqueName(`bench-activation-${i}`), Cmd: ['sleep', '1'] });
      created.push(container.id);
    }
  });

  after(async () => {
    const docker = testDocker();
    for (const id of created) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    if (scenario === 'reachable') return;
    // Back on the test engine, so the runner's closing refresh and screenshot do not wait on a dead
    // one. A list still waiting on the silent engine would hold the stores' next refresh until its
    // request limit: closing the silent engine ends it now.
    silent?.close();
    // Set, not removed: bench/host.ts put the dead endpoint in the user settings file, while an
    // update of this machine-overridable setting in a remote window lands in (and overrides from) the machine's.
    await vscode.workspace.getConfiguration('berth').update('host', process.env.BERTH_TEST_DOCKER_HOST, vscode.ConfigurationTarget.Global);
    const api = vscode.extensions.getExtension<BerthApi>(extensionId)?.exports;
    assert.ok(api, 'Berth is active');
    await waitFor(() => (api.context.engine.endpoint.url === process.env.BERTH_TEST_DOCKER_HOST && api.stores.containers.current.kind === 'ready') || undefined, 'Berth back on the test engine, its containers listed', 30_000);
  });

  it(`opens the Berth view and times activation (${scenario})`, async () => {
    const extension = vscode.extensions.getExtension<BerthApi>(extensionId);
    assert.ok(extension, `extension ${extensionId} is not installed in this host`);
    assert.ok(!extension.isActive, 'Berth was already active before the benchmark opened its view: run this suite first, in a fresh extension host (bench/host.ts does)');

    const opened = performance.now();
    await vscode.commands.executeCommand('workbench.view.extension.berth');
    const api = await waitFor(() => (extension.isActive ? extension.exports : undefined), 'Berth to activate when its view opened', 60_000, 10);
    const mark = scenario === 'reachable' ? 'containersShown' : 'containersMessage';
    await reached(api.timings, mark, messageTimeoutMs);
    const summary = api.timings.summary();
    const activateStart = summary.marks.activateStart!;

    const message = api.views.treeViews.containers.message;
    const roots = await api.views.containers.getChildren();
    if (scenario === 'reachable') {
      assert.equal(api.context.engine.endpoint.url, process.env.BERTH_TEST_DOCKER_HOST, 'the reachable scenario uses the shared test engine (DOCKER_HOST)');
      assert.equal(message, undefined);
      for (const id of created) assert.ok(roots.some((n) => n.kind === 'container' && n.container.id === id), `container ${id.slice(0, 12)} is among the first children`);
    } else {
      assert.ok(message, 'the Containers view has its unreachable message');
      assert.ok(message.includes(api.context.engine.endpoint.url), `the message names the endpoint: ${message}`);
      assert.deepEqual(roots.map((n) => n.kind), ['action', 'action', 'action'], 'the tree holds Retry, Switch Engine and Show Log');
    }
    assert.ok(summary.activateMs !== undefined, 'activate() returned');
    // The line people see in the Berth log: the same figures.
    const logged = await waitFor(() => /activated in [\d.]+ ms; (first containers|engine unreachable message) in [\d.]+ ms/.exec(berthLogText(api))?.[0], 'the activation line in the Berth log');

    writeBenchResult('bench-activation', {
      scenario,
      endpoint: api.context.engine.endpoint.url,
      containersShown: roots.filter((n) => n.kind === 'container').length,
      message: message ?? null,
      // From the view being asked for to activate() starting: loading the bundle, VS Code's own work.
      openToActivateStartMs: round1(activateStart - opened),
      codeLoadingMs: codeLoadingMs(extensionId),
      activateMs: summary.activateMs,
      firstContainersMs: summary.firstContainersMs ?? null,
      firstMessageMs: summary.firstMessageMs ?? null,
      logged,
    });
  });
});
