/**
 * The log view in the real VS Code against the private engine: opened from the Containers
 * tree (the node a menu passes) and from the palette (the question answered), its page read
 * and driven through Chromium (test/support/webview.ts), and what it shows held against
 * what the engine's own logs endpoint says. Screenshots in test-results.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContainerSummary } from '../../../src/engine/types';
import type { BerthApi } from '../../../src/extension';
import type { LogViewPanel } from '../../../src/logs';
import { berth, withAnswers } from '../support/berth';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { takeScreenshot } from '../../support/screenshot';
import { waitFor } from '../../support/wait';
import { WebviewPage, webviewPage, webviewUntil } from '../../support/webview';

const docker = testDocker();
const made: string[] = [];

interface Row {
  className: string;
  seq: number;
  severity: string;
  time: string;
  name: string;
  text: string;
}

const rowSelector = '#rows .row, #rows .row > span';

/** The rendered rows, from the page's elements in document order (a row, then its time, name and text spans). */
function rowsOf(page: WebviewPage): Row[] {
  const rows: Row[] = [];
  for (const element of page.elements) {
    if (/(^| )row( |$)/.test(element.className)) rows.push({ className: element.className, seq: Number(element.data.seq), severity: element.data.severity ?? '', time: '', name: '', text: '' });
    else if (rows.length > 0) {
      const part = element.className.split(' ')[0] as 'time' | 'name' | 'text';
      rows[rows.length - 1][part] = element.text ?? '';
    }
  }
  return rows;
}

const lineRows = (page: WebviewPage): Row[] => rowsOf(page).filter((r) => !r.className.includes('note'));

/** What the engine's logs endpoint says, demultiplexed, one entry per line (stdout and stderr as stored). */
async function engineLines(id: string, timestamps = false): Promise<string[]> {
  const raw = await docker.getContainer(id).logs({ stdout: true, stderr: true, timestamps, follow: false });
  const lines: string[] = [];
  for (let offset = 0; offset + 8 <= raw.length;) {
    const size = raw.readUInt32BE(offset + 4);
    lines.push(...raw.subarray(offset + 8, offset + 8 + size).toString('utf8').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1));
    offset += 8 + size;
  }
  return lines;
}

async function container(prefix: string, script: string, labels: Record<string, string> = {}): Promise<ContainerSummary> {
  const created = await docker.createContainer({ Image: testImage, name: uniqueName(prefix), Cmd: ['sh', '-c', script], Labels: labels });
  made.push(created.id);
  await created.start();
  const api = await berth();
  return waitFor(async () => (await api.context.engine.listContainers({ all: true })).find((c) => c.id === created.id), `container ${created.id} listed`);
}

async function treeNode(api: BerthApi, id: string) {
  return waitFor(async () => (await api.views.containers.getChildren()).find((n) => n.kind === 'container' && n.container.id === id), 'the container in the Containers tree');
}

function opened(value: unknown, command: string): LogViewPanel {
  assert.ok(value && typeof value === 'object' && 'viewId' in value, `${command} returned its log view`);
  return value as LogViewPanel;
}

describe('Log view', function () {
  this.timeout(180_000);
  let api: BerthApi;

  before(async () => {
    api = await berth();
    await api.views.setSetting('containers.groupBy', 'none');
    await vscode.commands.executeCommand('workbench.view.extension.berth');
  });

  after(async () => {
    for (const view of [...api.logViews.panels]) view.dispose();
    await api.views.setSetting('containers.groupBy', 'none');
    await vscode.workspace.getConfiguration('berth').update('logs.maxLines', undefined, vscode.ConfigurationTarget.Global);
    for (const id of made) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  });

  it('shows a container\'s logs from the tree as the engine has them, highlights severity, filters while following and follows a restart', async () => {
    const c = await container('logview', 'echo "INFO service ready"; echo "WARN disk is slow"; echo "plain line"; echo "ERROR boom"; echo "to stderr" >&2; i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 1; done');
    const view = opened(await vscode.commands.executeCommand('berth.containers.showLogView', await treeNode(api, c.id)), 'berth.containers.showLogView');
    assert.equal(view.title, `Logs: ${c.name}`);
    let page = await webviewUntil(view.viewId, rowSelector, (p) => lineRows(p).some((r) => r.text === 'tick 2'), 'the first lines and two ticks');

    // What the view shows is what the engine stored, line for line, in its order.
    const shown = lineRows(page).map((r) => r.text);
    assert.deepEqual(shown, (await engineLines(c.id)).slice(0, shown.length));
    const severity = (text: string) => lineRows(page).find((r) => r.text === text)?.severity;
    assert.equal(severity('INFO service ready'), 'info');
    assert.equal(severity('WARN disk is slow'), 'warning');
    assert.equal(severity('ERROR boom'), 'error');
    assert.equal(severity('to stderr'), 'error', 'a stderr line with no level of its own counts as an error');
    assert.ok(lineRows(page).find((r) => r.text === 'to stderr')!.className.includes('stderr'));
    assert.equal(severity('plain line'), 'none');
    assert.equal(page.body.following, '1');
    await takeScreenshot('logview-container', { selector: 'iframe.webview:visible' });

    // A text filter applies to the lines already there and to those that keep coming.
    await webviewPage(view.viewId, { action: 'fill', selector: '#filter', value: 'tick' });
    page = await webviewUntil(view.viewId, rowSelector, (p) => lineRows(p).length > 0 && lineRows(p).every((r) => r.text.startsWith('tick ')), 'only tick lines');
    const lastTick = (p: WebviewPage) => Math.max(...lineRows(p).map((r) => Number(r.text.slice(5))));
    const before = lastTick(page);
    page = await webviewUntil(view.viewId, rowSelector, (p) => lastTick(p) >= before + 2, 'new tick lines through the filter');
    assert.ok(lineRows(page).every((r) => r.text.startsWith('tick ')));

    // A regular expression: only even ticks, new ones included.
    await webviewPage(view.viewId, { action: 'click', selector: '#regex' });
    await webviewPage(view.viewId, { action: 'fill', selector: '#filter', value: '^tick \\d*[02468]$' });
    const evenFrom = lastTick(page);
    page = await webviewUntil(view.viewId, rowSelector, (p) => lineRows(p).length > 0 && lineRows(p).every((r) => /^tick \d*[02468]$/.test(r.text)) && lastTick(p) >= evenFrom + 2, 'even ticks only, new ones too');
    assert.equal(Number(page.body.shown), lineRows(page).length);
    assert.ok(Number(page.body.held) > Number(page.body.shown), 'the buffer still holds the other lines');
    await takeScreenshot('logview-filtered', { selector: 'iframe.webview:visible' });

    // An invalid expression says what is wrong in one sentence, and shows every line meanwhile.
    await webviewPage(view.viewId, { action: 'fill', selector: '#filter', value: 'tick (' });
    page = await webviewUntil(view.viewId, '#message', (p) => p.elements[0]?.hidden === false, 'the filter\'s error');
    assert.match(page.elements[0].text ?? '', /^The filter is not a valid regular expression \(.+\)\.$/);
    await webviewPage(view.viewId, { action: 'click', selector: '#regex' });
    await webviewPage(view.viewId, { action: 'fill', selector: '#filter', value: '' });

    // A restart: a note, then the new run's lines after the old ones, no line twice.
    await docker.getContainer(c.id).restart({ t: 0 });
    page = await webviewUntil(view.viewId, rowSelector, (p) => {
      const rows = rowsOf(p);
      const note = rows.findIndex((r) => r.className.includes('note') && /restarted/.test(r.text));
      return note >= 0 && rows.slice(note).some((r) => r.text === 'INFO service ready');
    }, 'the restart note and the new run\'s first line', 40_000);
    assert.equal(view.stream.restarts, 1);
    const all = await engineLines(c.id);
    assert.equal(all.filter((l) => l === 'INFO service ready').length, 2, 'the engine has both runs');
    await takeScreenshot('logview-restarted', { selector: 'iframe.webview:visible' });
  });

  it('opens from the palette, shows timestamps as the engine has them, and refetches for a since/until range', async () => {
    const c = await container('logview-range', 'echo early; sleep 3; echo late; exec sleep 600');
    await waitFor(async () => (await engineLines(c.id)).includes('late'), 'the late line in the engine');
    const view = opened(await withAnswers(api, [c.name], () => vscode.commands.executeCommand('berth.containers.showLogView')), 'berth.containers.showLogView');
    await webviewUntil(view.viewId, rowSelector, (p) => lineRows(p).some((r) => r.text === 'late'), 'the late line');

    await webviewPage(view.viewId, { action: 'click', selector: '#timestamps' });
    const page = await webviewUntil(view.viewId, rowSelector, (p) => lineRows(p).every((r) => r.time !== ''), 'timestamps on every line');
    const stamped = await engineLines(c.id, true);
    assert.deepEqual(lineRows(page).map((r) => `${r.time} ${r.text}`), stamped);

    // Since the second of the late line: the early one (three seconds before) is not fetched.
    const lateAt = Math.floor(Date.parse(stamped.find((l) => l.endsWith(' late'))!.split(' ')[0]) / 1000);
    await webviewPage(view.viewId, { action: 'fill', selector: '#since', value: String(lateAt) });
    await webviewPage(view.viewId, { action: 'click', selector: '#apply' });
    await webviewUntil(view.viewId, rowSelector, (p) => lineRows(p).map((r) => r.text).join('|') === 'late', 'only the late line');

    // Until before the late line: only the early one, and the view says the logs ended there.
    await webviewPage(view.viewId, { action: 'fill', selector: '#since', value: '' });
    await webviewPage(view.viewId, { action: 'fill', selector: '#until', value: String(lateAt - 1) });
    await webviewPage(view.viewId, { action: 'click', selector: '#apply' });
    const ended = await webviewUntil(view.viewId, rowSelector, (p) => lineRows(p).map((r) => r.text).join('|') === 'early' && rowsOf(p).some((r) => /End of the logs/.test(r.text)), 'only the early line, then the end');
    assert.equal(ended.body.ended, 'true');

    // A range that is not one: one sentence, nothing refetched.
    await webviewPage(view.viewId, { action: 'fill', selector: '#until', value: 'soonish' });
    await webviewPage(view.viewId, { action: 'click', selector: '#apply' });
    const problem = await webviewUntil(view.viewId, '#message', (p) => p.elements[0]?.hidden === false, 'the range\'s error');
    assert.equal(problem.elements[0].text, 'Until: "soonish" is not a duration (10m, 1h30m), Unix seconds or a date.');
    await takeScreenshot('logview-range', { selector: 'iframe.webview:visible' });
  });

  it('interleaves a compose project\'s containers, from the tree\'s group and from the palette, each name in its own colour, and takes in one that starts later', async () => {
    const project = uniqueName('logproj');
    const labels = (service: string) => ({ 'com.docker.compose.project': project, 'com.docker.compose.service': service });
    const web = await container('web', 'echo "web ready"; sleep 2; echo "web second"; exec sleep 600', labels('web'));
    const db = await container('db', 'sleep 1; echo "db ready"; sleep 2; echo "db second"; exec sleep 600', labels('db'));
    await api.views.setSetting('containers.groupBy', 'composeProject');
    const group = await waitFor(async () => (await api.views.containers.getChildren()).find((n) => n.kind === 'containerGroup' && n.key === project), 'the project group');
    const check = async (view: LogViewPanel): Promise<void> => {
      assert.equal(view.title, `Logs: ${project}`);
      const page = await webviewUntil(view.viewId, rowSelector, (p) => lineRows(p).length === 4, 'the four lines of both services');
      const rows = lineRows(page);
      // In the order they were written, across both containers, as their timestamps say.
      const stamped = [...(await engineLines(web.id, true)).map((l) => ['web', l]), ...(await engineLines(db.id, true)).map((l) => ['db', l])]
        .sort((a, b) => (a[1] < b[1] ? -1 : 1)).map(([service, l]) => `${service} ${l.slice(l.indexOf(' ') + 1)}`);
      assert.deepEqual(rows.map((r) => `${r.name} ${r.text}`), stamped);
      const colourOf = (service: string) => rowsOf(page).find((r) => r.name === service)?.className;
      assert.ok(colourOf('web') !== undefined && colourOf('db') !== undefined);
      const classes = page.elements.filter((e) => e.className.startsWith('name ')).map((e) => e.className);
      assert.equal(new Set(classes).size, 2, `one colour per container (${[...new Set(classes)].join(', ')})`);
    };
    await check(opened(await vscode.commands.executeCommand('berth.containerGroup.showLogView', group), 'berth.containerGroup.showLogView'));
    await takeScreenshot('logview-compose', { selector: 'iframe.webview:visible' });
    const fromPalette = opened(await withAnswers(api, [project], () => vscode.commands.executeCommand('berth.containerGroup.showLogView')), 'berth.containerGroup.showLogView');
    await check(fromPalette);

    // A container of the project that starts later (compose recreating or scaling a service) joins the stream.
    const cache = await container('cache', 'echo "cache ready"; exec sleep 600', labels('cache'));
    const joined = await webviewUntil(fromPalette.viewId, rowSelector, (p) => lineRows(p).some((r) => r.name === 'cache' && r.text === 'cache ready'), 'the newcomer\'s line under its service name');
    assert.deepEqual(await engineLines(cache.id), ['cache ready']);
    assert.equal(new Set(joined.elements.filter((e) => e.className.startsWith('name ')).map((e) => e.className)).size, 3, 'a third colour');
    await api.views.setSetting('containers.groupBy', 'none');
  });

  it('keeps at most berth.logs.maxLines, says how many older lines it dropped, and puts only the visible rows in the page', async () => {
    await vscode.workspace.getConfiguration('berth').update('logs.maxLines', 1000, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.context.config['logs.maxLines'] === 1000, 'the setting to be read');
    const c = await container('logview-many', 'seq 1 20000; exec sleep 600');
    await waitFor(async () => (await engineLines(c.id)).length === 20000, 'the 20,000 lines in the engine');
    const view = opened(await vscode.commands.executeCommand('berth.containers.showLogView', { container: c, tail: 20000 }), 'berth.containers.showLogView');
    const page = await webviewUntil(view.viewId, rowSelector, (p) => p.body.dropped === '19000', '19,000 lines dropped');
    assert.equal(page.body.held, '1000');
    const rows = lineRows(page);
    assert.ok(rows.length > 5 && rows.length < 200, `only the visible rows are in the page (${rows.length})`);
    assert.equal(rows.at(-1)!.text, '20000', 'following: the newest line is the last row');
    assert.deepEqual(rows.map((r) => r.text), (await engineLines(c.id)).slice(-rows.length));
    const note = await webviewPage(view.viewId, { action: 'read', selector: '#dropped' });
    assert.equal(note.elements[0].text, '19,000 older lines dropped: the view keeps the newest 1,000 (setting berth.logs.maxLines).');
    await takeScreenshot('logview-bounded', { selector: 'iframe.webview:visible' });

    // With a start time, the engine sends only the newest lines the view can hold: nothing to drop.
    const since = opened(await vscode.commands.executeCommand('berth.containers.showLogView', { container: c, since: '0' }), 'berth.containers.showLogView');
    const sincePage = await webviewUntil(since.viewId, rowSelector, (p) => p.body.held === '1000' && lineRows(p).at(-1)?.text === '20000', 'the newest 1,000 lines');
    assert.equal(sincePage.body.dropped, '0');
    assert.equal(since.stream.lines, 1000, 'the engine sent 1,000 lines, not 20,000');
  });
});
