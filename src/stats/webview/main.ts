/**
 * The stats panel's page script (bundled with uPlot into dist/statsView.js, run in the
 * webview). It keeps nothing across hides: on load it says `ready`, the extension host
 * answers with the history it kept, then sends batches of new samples. Four charts
 * (CPU %, memory, network and block I/O rates), one line per container, coloured from
 * the theme's chart colours, and a table sortable by any column. Numbers are formatted
 * by the same functions as the stats terminal, so both read like `docker stats`.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { formatBinarySize, formatDecimalSize, formatPercent } from '../../terminals/stats';
import { fill } from '../../ui/pageText';
import type { FromView, StatsMember, StatsPoint, StatsStrings, ToView } from '../protocol';
import { alignSeries, Metric, metricValues, newestTime, SortKey, sortMembers } from '../series';

interface VsCodeApi {
  postMessage(message: FromView): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('stats')!;
/** The page's words in the editor's language, from the extension (src/stats/panel.ts). */
const strings = JSON.parse(document.body.dataset.strings ?? '{}') as StatsStrings;

const charts: { metric: Metric; title: string; format: (v: number) => string }[] = [
  { metric: 'cpu', title: strings.charts.cpu, format: (v) => formatPercent(v) },
  { metric: 'mem', title: strings.charts.mem, format: (v) => formatBinarySize(v) },
  { metric: 'net', title: strings.charts.net, format: (v) => `${formatDecimalSize(v)}/s` },
  { metric: 'block', title: strings.charts.block, format: (v) => `${formatDecimalSize(v)}/s` },
];

const columns: { key: SortKey; title: string; numeric: boolean }[] = [
  { key: 'name', title: strings.columns.name, numeric: false },
  { key: 'id', title: strings.columns.id, numeric: false },
  { key: 'cpu', title: strings.columns.cpu, numeric: true },
  { key: 'mem', title: strings.columns.mem, numeric: true },
  { key: 'memPercent', title: strings.columns.memPercent, numeric: true },
  { key: 'net', title: strings.columns.net, numeric: true },
  { key: 'block', title: strings.columns.block, numeric: true },
  { key: 'pids', title: strings.columns.pids, numeric: true },
];

const state = {
  title: '',
  windowMs: 300_000,
  members: [] as StatsMember[],
  history: new Map<string, StatsPoint[]>(),
  note: undefined as string | undefined,
  sortKey: 'name' as SortKey,
  sortDescending: false,
  lastOrder: '',
};
let plots: { metric: Metric; plot: uPlot; element: HTMLElement }[] = [];
/** Read again at each layout (the theme may have changed). */
let palette: string[] = [];

/** The theme's chart colours (VS Code sets --vscode-charts-*), read now: canvas cannot use CSS variables. */
function themeColours(): { series: string[]; axis: string; grid: string } {
  const css = getComputedStyle(document.body);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const series = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((c) => read(`--vscode-charts-${c}`, '#888'));
  return { series, axis: read('--vscode-foreground', '#888'), grid: read('--vscode-charts-lines', 'rgba(128,128,128,0.3)') };
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Builds the page for the current members: heading, note, four charts, the table. */
function layout(): void {
  for (const { plot } of plots) plot.destroy();
  plots = [];
  root.replaceChildren();
  const header = element('header');
  header.append(element('h1', { id: 'title' }, state.title), element('span', { id: 'summary', class: 'summary' }));
  root.append(header);
  const note = element('p', { id: 'note', class: 'note' }, state.note ?? '');
  note.hidden = !state.note;
  root.append(note);
  const grid = element('section', { class: 'charts', 'aria-label': strings.history });
  root.append(grid);
  const colours = themeColours();
  palette = colours.series;
  for (const chart of charts) {
    const figure = element('figure', { class: 'chart', 'data-metric': chart.metric });
    figure.append(element('figcaption', {}, chart.title));
    const holder = element('div', { class: 'plot' });
    figure.append(holder);
    grid.append(figure);
    const plot = new uPlot({
      width: Math.max(200, holder.clientWidth || 360),
      height: 150,
      // The table is the legend: each name carries its line's colour.
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      // The x range is ours (see renderCharts), not uPlot's guess from the data: with one sample it has none to make.
      scales: { x: { time: true, range: () => xRange }, y: { range: (_u, _min, max) => [0, Math.max((max ?? 0) * 1.1, 1)] } },
      axes: [
        { stroke: colours.axis, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid } },
        { stroke: colours.axis, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid }, size: 70, values: (_u, splits) => splits.map((v) => chart.format(v)) },
      ],
      series: [{}, ...state.members.map((m, i) => ({ label: m.name, stroke: colours.series[i % colours.series.length], width: 1.5, points: { show: fewSamples, size: 5 }, value: (_u: uPlot, v: number | null) => (v === null ? '--' : chart.format(v)) }))],
    }, [[], ...state.members.map(() => [])], holder);
    plots.push({ metric: chart.metric, plot, element: holder });
  }
  const table = element('table', { id: 'containers' });
  const headRow = element('tr');
  for (const column of columns) {
    const th = element('th', { 'data-sort': column.key, scope: 'col', class: column.numeric ? 'numeric' : '' });
    const button = element('button', { type: 'button' }, column.title);
    button.addEventListener('click', () => {
      state.sortDescending = state.sortKey === column.key ? !state.sortDescending : column.numeric;
      state.sortKey = column.key;
      renderTable();
    });
    th.append(button);
    headRow.append(th);
  }
  table.append(element('thead'), element('tbody'));
  table.tHead!.append(headRow);
  root.append(table);
  renderCharts();
  renderTable();
}

/** The x axis, in seconds: the last minutes, at least one minute wide, so a new panel's first samples are not stretched across it. */
let xRange: [number, number] = [Date.now() / 1000 - 60, Date.now() / 1000];

function timeRange(x: readonly number[], now: number): [number, number] {
  const last = x.length ? x[x.length - 1] : Math.floor(now / 1000);
  const first = x.length ? x[0] : last;
  return [Math.max(last - state.windowMs / 1000, Math.min(first, last - 60)), last];
}

/** Lines need two samples: until a chart has a few, its samples show as dots. */
const fewSamples = (u: uPlot): boolean => (u.data[0]?.length ?? 0) < 3;

function renderCharts(): void {
  const history = Object.fromEntries(state.history);
  const now = newestTime(history) ?? Date.now();
  for (const { metric, plot } of plots) {
    const aligned = alignSeries(state.members.map((m) => metricValues(state.history.get(m.id) ?? [], metric)), now, state.windowMs);
    // CPU and memory share their axis with the rates, which start a second later: one range for all four.
    if (metric === 'cpu') xRange = timeRange(aligned.x, now);
    plot.setData([aligned.x, ...aligned.ys] as uPlot.AlignedData);
  }
}

/** A container's line colour: by its place in the members list, as the charts' series are. */
function colourOf(id: string): string {
  return palette[Math.max(0, state.members.findIndex((m) => m.id === id)) % Math.max(1, palette.length)] ?? '';
}

/** A table cell: its container and column as data attributes, and the number behind its text (tests compare it with the engine's). */
function cell(row: string, key: SortKey, text: string, value?: number): HTMLTableCellElement {
  const td = element('td', { 'data-row': row, 'data-key': key }, text);
  if (value !== undefined) td.setAttribute('data-value', String(value));
  if (columns.find((c) => c.key === key)?.numeric) td.classList.add('numeric');
  return td;
}

function renderTable(): void {
  const table = document.getElementById('containers') as HTMLTableElement | null;
  if (!table) return;
  for (const th of table.tHead!.querySelectorAll('th')) {
    const key = th.getAttribute('data-sort');
    const order = key === state.sortKey ? (state.sortDescending ? 'descending' : 'ascending') : 'none';
    th.setAttribute('aria-sort', order);
    th.dataset.order = order;
  }
  const latest = (id: string) => state.history.get(id)?.at(-1);
  const ordered = sortMembers(state.members, state.sortKey, state.sortDescending, latest);
  const body = table.tBodies[0];
  body.replaceChildren(...ordered.map((m) => {
    const p = latest(m.id);
    const row = element('tr', { 'data-id': m.id, 'data-name': m.name });
    const name = cell(m.id, 'name', m.name);
    const swatch = element('span', { class: 'swatch', 'aria-hidden': 'true' });
    // CSSOM, not a style attribute: the policy allows no inline style attributes.
    swatch.style.backgroundColor = colourOf(m.id);
    name.prepend(swatch);
    row.append(name, cell(m.id, 'id', m.id.slice(0, 12)));
    const c = (key: SortKey, text: string, value?: number) => cell(m.id, key, text, value);
    if (!p) row.append(c('cpu', '--'), c('mem', '-- / --'), c('memPercent', '--'), c('net', '-- / --'), c('block', '-- / --'), c('pids', '--'));
    else row.append(
      c('cpu', formatPercent(p.cpu), p.cpu),
      c('mem', `${formatBinarySize(p.mem)} / ${formatBinarySize(p.memLimit)}`, p.mem),
      c('memPercent', formatPercent(p.memPercent), p.memPercent),
      c('net', `${formatDecimalSize(p.netRx)} / ${formatDecimalSize(p.netTx)}`, p.netRx + p.netTx),
      c('block', `${formatDecimalSize(p.blockRead)} / ${formatDecimalSize(p.blockWrite)}`, p.blockRead + p.blockWrite),
      c('pids', String(p.pids), p.pids),
    );
    return row;
  }));
  const summary = document.getElementById('summary');
  if (summary) summary.textContent = fill(state.members.length === 1 ? strings.summaryOne : strings.summaryMany, state.members.length, Math.round(state.windowMs / 60_000));
  const order = `${state.sortKey}:${state.sortDescending}:${ordered.map((m) => m.id).join(',')}`;
  if (order !== state.lastOrder) {
    state.lastOrder = order;
    vscode.postMessage({ type: 'rendered', rows: ordered.map((m) => m.id), sortKey: state.sortKey, sortDescending: state.sortDescending });
  }
}

function addPoints(points: { id: string; point: StatsPoint }[]): void {
  for (const { id, point } of points) {
    let list = state.history.get(id);
    if (!list) state.history.set(id, (list = []));
    list.push(point);
    const oldest = point.t - state.windowMs;
    let drop = 0;
    while (drop < list.length && list[drop].t < oldest) drop++;
    if (drop) list.splice(0, drop);
  }
}

window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const message = event.data;
  switch (message.type) {
    case 'reset':
      state.title = message.title;
      state.windowMs = message.historySeconds * 1000;
      state.members = message.members;
      state.note = message.note;
      state.history = new Map(Object.entries(message.history));
      layout();
      break;
    case 'members':
      state.members = message.members;
      state.note = message.note;
      for (const id of [...state.history.keys()]) if (!message.members.some((m) => m.id === id)) state.history.delete(id);
      layout();
      break;
    case 'points':
      addPoints(message.points);
      renderCharts();
      renderTable();
      break;
  }
});

// Follow the panel's width, and the theme when it changes (VS Code swaps the body's class).
new ResizeObserver(() => {
  for (const { plot, element: holder } of plots) if (holder.clientWidth > 0) plot.setSize({ width: holder.clientWidth, height: 150 });
}).observe(root);
new MutationObserver(() => layout()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });
