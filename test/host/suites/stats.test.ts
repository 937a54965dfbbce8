/**
 * The stats panel in the real VS Code against the private engine, through a recording
 * proxy so the test counts the engine connections themselves. Opened from the tree (a
 * container, a compose project) and the palette (a container, all containers); the
 * panel's DOM is read in the real Chromium and held to what the engine reports; hiding
 * and closing panels closes their streams; containers that stop leave, and join again.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import type { StatsPanel } from '../../../src/stats';
import type { ContainerNode } from '../../../src/views/containerTree';
import { CountingProxy } from '../../support/countingProxy';
import { testDocker, testDockerHost, testImage, uniqueName } from '../../support/engine';
import { takeScreenshot } from '../../support/screenshot';
import { waitFor } from '../../support/wait';
import { WebviewPage, webviewPage, webviewUntil } from '../../support/webview';
import { berth, withAnswers } from '../support/berth';
import { saveSettings } from './faultsScaleHelpers';

const docker = testDocker();
const project = `berth-stats-${process.pid}`;
const statsPath = /^\/containers\/[0-9a-f]{64}\/stats$/;

interface Made {
  id: string;
  name: string;
}

async function start(prefix: string, cmd: string[], labels: Record<string, string> = {}): Promise<Made> {
  const name = uniqueName(prefix);
  const created = await docker.createContainer({ Image: testImage, name, Cmd: cmd, Labels: { 'berth.test': 'stats', ...labels } });
  await created.start();
  return { id: created.id, name };
}

/** One row of a panel's table as the browser shows it: the cells' text and the numbers behind them. */
interface Row {
  id: string;
  name: string;
  cells: Record<string, { text: string; value?: number }>;
}

const cellSelector = '#containers tbody td';

/** The table's rows in the page's order, from its cells (each says its container and column). */
function rowsOf(page: WebviewPage): Row[] {
  const rows = new Map<string, Row>();
  for (const e of page.elements) {
    const id = e.data.row;
    const row = rows.get(id) ?? { id, name: '', cells: {} };
    const text = (e.text ?? '').trim();
    row.cells[e.data.key] = { text, value: e.data.value === undefined ? undefined : Number(e.data.value) };
    if (e.data.key === 'name') row.name = text;
    rows.set(id, row);
  }
  return [...rows.values()];
}

async function tableRows(panel: StatsPanel): Promise<Row[]> {
  return rowsOf(await webviewPage(panel.viewId, { action: 'read', selector: cellSelector }));
}

/** Waits until the panel's table (in the browser) satisfies `ok`; returns its rows. */
async function rowsWhen(panel: StatsPanel, ok: (rows: Row[]) => boolean, what: string, timeoutMs = 45_000): Promise<Row[]> {
  return rowsOf(await webviewUntil(panel.viewId, cellSelector, (page) => ok(rowsOf(page)), what, timeoutMs));
}

describe('Stats panel', function () {
  this.timeout(180_000);
  let api: BerthApi;
  let proxy: CountingProxy;
  let busy: Made;
  let idle: Made;
  let solo: Made;
  const restore = saveSettings(['host', 'containers.groupBy']);

  /** Container ids with a stats stream open at the engine now. */
  const streaming = (): string[] => proxy.openNow('GET', statsPath).filter((r) => /stream=(1|true)/.test(r.query)).map((r) => r.path.split('/')[2]).sort();

  before(async function () {
    this.timeout(120_000);
    api = await berth();
    busy = await start('stats-busy', ['sh', '-c', 'while :; do :; done'], { 'com.docker.compose.project': project, 'com.docker.compose.service': 'busy' });
    idle = await start('stats-idle', ['sleep', '600'], { 'com.docker.compose.project': project, 'com.docker.compose.service': 'idle' });
    solo = await start('stats-solo', ['sleep', '600']);
    proxy = new CountingProxy(new URL(testDockerHost()).pathname);
    await proxy.start();
    await vscode.workspace.getConfiguration('berth').update('host', proxy.url, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.context.engine.endpoint.url === proxy.url || undefined, 'Berth on the recording proxy');
    await api.views.setSetting('containers.groupBy', 'composeProject');
    await api.stores.containers.refresh();
    await vscode.commands.executeCommand('workbench.view.extension.berth');
  });

  after(async function () {
    this.timeout(60_000);
    for (const panel of api?.stats.panels ?? []) panel.dispose();
    await restore();
    await waitFor(() => api.context.engine.endpoint.url === process.env.BERTH_TEST_DOCKER_HOST || undefined, 'Berth back on the shared engine');
    await proxy?.dispose();
    for (const c of [busy, idle, solo]) if (c) await docker.getContainer(c.id).remove({ force: true }).catch(() => undefined);
  });

  async function groupNode(): Promise<ContainerNode> {
    return waitFor(async () => (await api.views.containers.getChildren()).find((n): n is ContainerNode => n.kind === 'containerGroup' && n.key === project), `the compose project ${project} in the Containers tree`);
  }

  let containerPanel: StatsPanel;
  let composePanel: StatsPanel;

  it('from the tree, graphs a busy container with the CPU, memory and name the engine reports', async () => {
    const group = await groupNode();
    const node = (await api.views.containers.getChildren(group)).find((n) => n.kind === 'container' && n.container.id === busy.id);
    assert.ok(node, 'the busy container under its compose project in the tree');
    containerPanel = await vscode.commands.executeCommand<StatsPanel>('berth.containers.showStats', node);
    assert.ok(containerPanel, 'the command returned its panel');
    assert.equal(containerPanel.panel.title, `Stats: ${busy.name}`);
    // A busy loop takes what CPU it gets: on a loaded 2-core machine far less than a core, but never next to none.
    const rows = await rowsWhen(containerPanel, (r) => r.length === 1 && (r[0].cells.cpu?.value ?? 0) > 5, 'the busy container\'s row with CPU above 5 %');
    const [row] = rows;
    assert.equal(row.id, busy.id);
    assert.equal(row.name, busy.name);
    assert.equal(row.cells.id.text, busy.id.slice(0, 12));
    // The engine's own sample, read now (as docker stats --no-stream does).
    const engine = await api.context.engine.containers.stats(busy.id);
    assert.ok(engine.cpuPercent > 5, `the engine says ${engine.cpuPercent}% CPU`);
    const memory = row.cells.mem.value!;
    assert.ok(memory > 0, 'memory in use shown');
    assert.ok(Math.abs(memory - engine.memoryUsage) <= Math.max(1024 * 1024, engine.memoryUsage * 0.2), `memory ${memory} shown vs ${engine.memoryUsage} from the engine`);
    assert.match(row.cells.mem.text, /^[\d.]+(B|KiB|MiB|GiB) \/ [\d.]+(B|KiB|MiB|GiB)$/);
    assert.ok(/^\d+$/.test(row.cells.pids.text) && Number(row.cells.pids.text) >= 1, `pids ${row.cells.pids.text}`);
    // Four charts, each with a line for the container.
    const charts = await webviewPage(containerPanel.viewId, { action: 'read', selector: 'figure.chart' });
    assert.deepEqual(charts.elements.map((c) => c.data.metric), ['cpu', 'mem', 'net', 'block']);
    assert.equal(charts.body.berthView, 'stats');
    assert.deepEqual(streaming(), [busy.id], 'one stats stream at the engine, for the shown container');
    await takeScreenshot('stats-container', { selector: 'iframe.webview' });
  });

  it('from the tree, graphs a compose project; the hidden panel closes its stream', async () => {
    composePanel = await vscode.commands.executeCommand<StatsPanel>('berth.containerGroup.showStats', await groupNode());
    assert.equal(composePanel.panel.title, `Stats: ${project} (compose)`);
    const rows = await rowsWhen(composePanel, (r) => r.length === 2 && r.every((x) => x.cells.mem.value !== undefined), 'both project containers with values');
    assert.deepEqual(rows.map((r) => r.name), [busy.name, idle.name].sort());
    // The container panel is behind it now: hidden, so its stream is closed; the project's two are open.
    await waitFor(() => !containerPanel.visible || undefined, 'the container panel to be hidden');
    assert.equal(containerPanel.feed.openStreams, 0);
    await waitFor(() => (streaming().join() === [busy.id, idle.id].sort().join() ? true : undefined), `exactly the project's two streams at the engine (open: ${streaming().join(', ')})`);
    // Sorting: CPU, highest first, puts the busy container on top.
    await webviewPage(composePanel.viewId, { action: 'click', selector: 'th[data-sort="cpu"] button' });
    await waitFor(() => (composePanel.rendered?.sortKey === 'cpu' ? true : undefined), 'the table sorted by CPU');
    assert.equal(composePanel.rendered?.sortDescending, true);
    const sorted = await tableRows(composePanel);
    assert.deepEqual(sorted.map((r) => r.id), [busy.id, idle.id]);
    const header = await webviewPage(composePanel.viewId, { action: 'read', selector: 'th[data-sort="cpu"]' });
    assert.equal(header.elements[0].data.order, 'descending');
    await takeScreenshot('stats-compose', { selector: 'iframe.webview' });
  });

  it('follows a container that stops and starts again while the panel is open', async () => {
    await docker.getContainer(idle.id).stop({ t: 0 });
    await rowsWhen(composePanel, (r) => r.length === 1 && r[0].id === busy.id, 'the stopped container to leave the table');
    await waitFor(() => (streaming().join() === busy.id ? true : undefined), 'the stopped container\'s stream to close');
    await docker.getContainer(idle.id).start();
    await rowsWhen(composePanel, (r) => r.length === 2 && r.every((x) => x.cells.mem.value !== undefined), 'the restarted container back in the table with values');
    await waitFor(() => (streaming().length === 2 ? true : undefined), 'its stream open again');
  });

  it('shows the container panel again with its streams reopened, and closing panels closes every stream', async () => {
    containerPanel.reveal();
    await waitFor(() => (containerPanel.visible && !composePanel.visible ? true : undefined), 'the container panel in front');
    await waitFor(() => (streaming().join() === busy.id ? true : undefined), `only the container panel's stream (open: ${streaming().join(', ')})`);
    // The history kept while hidden comes back with the new webview.
    await rowsWhen(containerPanel, (r) => r.length === 1 && r[0].id === busy.id && (r[0].cells.cpu.value ?? 0) > 0, 'the container panel\'s row again');
    assert.ok(containerPanel.history.points(busy.id).length >= 2, 'its history was kept');
    containerPanel.dispose();
    composePanel.dispose();
    assert.deepEqual(api.stats.panels, []);
    await waitFor(() => (streaming().length === 0 ? true : undefined), `every stats stream closed at the engine (open: ${streaming().join(', ')})`);
  });

  it('from the palette, asks which container, and graphs every running container', async () => {
    const picked = await withAnswers(api, [solo.name], () => vscode.commands.executeCommand<StatsPanel>('berth.containers.showStats'));
    assert.equal(picked.panel.title, `Stats: ${solo.name}`);
    await rowsWhen(picked, (r) => r.length === 1 && r[0].id === solo.id && r[0].cells.mem.value !== undefined, 'the picked container with values');
    picked.dispose();

    const all = await vscode.commands.executeCommand<StatsPanel>('berth.stats.showAll');
    // Other tiers may start and stop containers on the same engine meanwhile: compare with its list as it is at each look.
    let rows: Row[] = [];
    let running: string[] = [];
    await waitFor(async () => {
      rows = await tableRows(all);
      running = (await api.context.engine.listContainers({ all: true })).filter((c) => c.state === 'running').map((c) => c.id).sort();
      return rows.length > 0 && rows.every((x) => x.cells.mem.value !== undefined) && rows.map((r) => r.id).sort().join() === running.join() ? true : undefined;
    }, 'the table to list exactly the running containers, each with values', 45_000, 500).catch((error: Error) => {
      throw new Error(`${error.message} Rows: ${rows.map((r) => r.name).join(', ')}; running: ${running.length}.`);
    });
    for (const c of [busy, idle, solo]) assert.ok(rows.some((r) => r.id === c.id && r.name === c.name), `${c.name} in the table`);
    await waitFor(() => (streaming().join() === all.members.map((m) => m.id).sort().join() ? true : undefined), `one stream per shown container (open: ${streaming().length}, shown: ${all.members.length})`);
    await takeScreenshot('stats-all', { selector: 'iframe.webview' });
    all.dispose();
    await waitFor(() => (streaming().length === 0 ? true : undefined), 'every stream closed with the panel');
  });
});
