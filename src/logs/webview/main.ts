/**
 * The log view's webview: a bounded LineBuffer, a filter that applies while lines
 * arrive, and a virtual list that keeps only the visible rows in the DOM, however many
 * lines the buffer holds. Bundled by scripts/build.mjs into dist/logView.js, loaded with
 * the page's nonce; it talks to the extension host only through postMessage.
 */
import { compileFilter } from '../filter';
import { LineBuffer } from '../lineBuffer';
import { fill } from '../../ui/pageText';
import type { ContainerInfo, FromView, LogViewStrings, ToView } from '../protocol';
import { severityNames } from '../severity';

declare function acquireVsCodeApi(): { postMessage(message: FromView): void };

const vscode = acquireVsCodeApi();
const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const viewport = byId<HTMLDivElement>('viewport');
const spacer = byId<HTMLDivElement>('spacer');
const rowsBox = byId<HTMLDivElement>('rows');
const filterBox = byId<HTMLInputElement>('filter');
const regexButton = byId<HTMLButtonElement>('regex');
const timestampsBox = byId<HTMLInputElement>('timestamps');
const sinceBox = byId<HTMLInputElement>('since');
const untilBox = byId<HTMLInputElement>('until');
const applyButton = byId<HTMLButtonElement>('apply');
const followButton = byId<HTMLButtonElement>('follow');
const status = byId<HTMLSpanElement>('status');
const message = byId<HTMLDivElement>('message');
const droppedNote = byId<HTMLDivElement>('dropped');
/** The page's sentences in the editor's language, from the extension (src/logs/panel.ts). */
const strings = JSON.parse(document.body.dataset.strings ?? '{}') as LogViewStrings;

let buffer = new LineBuffer(1000);
let containers: ContainerInfo[] = [];
let following = true;
let rowHeight = 0;
let scheduled = false;
let streamState = { following: 0, ended: false };
let filterProblem = '';
let rangeProblem = '';
const pool: HTMLDivElement[] = [];

function post(msg: FromView): void {
  vscode.postMessage(msg);
}

function measureRowHeight(): number {
  const probe = makeRow();
  probe.lastElementChild!.textContent = 'Mg';
  rowsBox.appendChild(probe);
  const height = probe.getBoundingClientRect().height || 18;
  probe.remove();
  return height;
}

function makeRow(): HTMLDivElement {
  const row = document.createElement('div');
  row.className = 'row';
  for (const part of ['time', 'name', 'text']) {
    const span = document.createElement('span');
    span.className = part;
    row.appendChild(span);
  }
  return row;
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(render);
}

function render(): void {
  scheduled = false;
  if (!rowHeight) rowHeight = measureRowHeight();
  const total = buffer.shown;
  spacer.style.height = `${total * rowHeight}px`;
  if (following) viewport.scrollTop = viewport.scrollHeight;
  const firstRow = Math.max(0, Math.floor(viewport.scrollTop / rowHeight));
  const visible = Math.min(total - firstRow, Math.ceil(viewport.clientHeight / rowHeight) + 1);
  rowsBox.style.transform = `translateY(${firstRow * rowHeight}px)`;
  while (pool.length < visible) pool.push(rowsBox.appendChild(makeRow()));
  while (pool.length > Math.max(visible, 0)) pool.pop()!.remove();
  const showTime = timestampsBox.checked;
  const showName = containers.length > 1;
  for (let i = 0; i < pool.length; i++) {
    const line = buffer.row(firstRow + i);
    const row = pool[i];
    row.className = `row sev-${severityNames[line.severity]}${line.stderr ? ' stderr' : ''}${line.note ? ' note' : ''}`;
    row.dataset.seq = String(line.seq);
    row.dataset.severity = severityNames[line.severity];
    const [time, name, text] = row.children as unknown as HTMLSpanElement[];
    time.textContent = showTime && line.time ? line.time : '';
    name.textContent = showName ? containers[line.container]?.name ?? '' : '';
    name.className = `name c${line.container % 10}`;
    text.textContent = line.text;
  }
  renderStatus();
}

function renderStatus(): void {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const parts = [streamState.ended ? strings.ended : fill(strings.following, streamState.following, containers.length), fill(strings.lines, fmt(buffer.held))];
  if (buffer.filtered) parts.push(fill(strings.shown, fmt(buffer.shown)));
  status.textContent = parts.join(' · ');
  Object.assign(document.body.dataset, { held: String(buffer.held), shown: String(buffer.shown), dropped: String(buffer.dropped), following: String(streamState.following), ended: String(streamState.ended) });
  droppedNote.hidden = buffer.dropped === 0;
  droppedNote.textContent = fill(buffer.dropped === 1 ? strings.droppedOne : strings.droppedMany, fmt(buffer.dropped), fmt(buffer.capacity));
  const problem = filterProblem || rangeProblem;
  message.hidden = problem === '';
  message.textContent = problem;
  followButton.hidden = following;
}

function applyFilter(): void {
  const compiled = compileFilter({ text: filterBox.value, regex: regexButton.getAttribute('aria-pressed') === 'true' }, strings.invalidFilter);
  filterProblem = compiled.ok ? '' : compiled.message;
  filterBox.setAttribute('aria-invalid', String(!compiled.ok));
  buffer.setFilter(compiled.ok ? compiled.test : undefined);
  schedule();
}

function setContainers(list: ContainerInfo[]): void {
  containers = list;
  document.body.style.setProperty('--name-width', `${Math.max(...containers.map((c) => c.name.length))}ch`);
  document.body.classList.toggle('multi', containers.length > 1);
}

function onMessage(msg: ToView): void {
  switch (msg.type) {
    case 'init':
      setContainers(msg.containers);
      buffer = new LineBuffer(msg.maxLines);
      timestampsBox.checked = msg.timestamps;
      sinceBox.value = msg.since;
      untilBox.value = msg.until;
      applyFilter();
      break;
    case 'containers':
      setContainers(msg.containers);
      break;
    case 'lines':
      buffer.addBatch(msg);
      post({ type: 'ack', batch: msg.batch });
      break;
    case 'note':
      buffer.addNote(msg.container, containers.length > 1 ? `${containers[msg.container]?.name}: ${msg.text}` : msg.text);
      break;
    case 'reset':
      buffer.clear();
      rangeProblem = '';
      sinceBox.value = msg.since;
      untilBox.value = msg.until;
      following = true;
      break;
    case 'rangeError':
      rangeProblem = msg.message;
      break;
    case 'state':
      streamState = { following: msg.following, ended: msg.ended };
      break;
  }
  schedule();
}

let filterTimer: ReturnType<typeof setTimeout> | undefined;
filterBox.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(applyFilter, 80);
});
regexButton.addEventListener('click', () => {
  regexButton.setAttribute('aria-pressed', String(regexButton.getAttribute('aria-pressed') !== 'true'));
  applyFilter();
});
timestampsBox.addEventListener('change', schedule);
const applyRange = (): void => post({ type: 'range', since: sinceBox.value.trim(), until: untilBox.value.trim() });
applyButton.addEventListener('click', applyRange);
for (const box of [sinceBox, untilBox]) box.addEventListener('keydown', (e) => e.key === 'Enter' && applyRange());
viewport.addEventListener('scroll', () => {
  const atBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - Math.max(rowHeight, 2);
  if (atBottom !== following) {
    following = atBottom;
    followButton.hidden = following;
  }
  schedule();
});
followButton.addEventListener('click', () => {
  following = true;
  schedule();
});
window.addEventListener('resize', schedule);
window.addEventListener('message', (event: MessageEvent<ToView>) => onMessage(event.data));
post({ type: 'ready' });
