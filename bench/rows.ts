/**
 * The one row format every benchmark writes (a `rows` array in bench/results/<name>.json)
 * and the one table `npm run bench` prints from them. Pure functions only: the ratio is
 * always computed here from the two figures, never stored by hand.
 */

export type Unit = 'ms' | 's' | 'MB' | 'MB/s' | 'CPU s' | 'CPU ms' | 'KB';

export interface BenchRow {
  /** The area of the issue: listing, explorer, freshness, logs, language, build, export, host. */
  area: string;
  measure: string;
  workload: string;
  unit: Unit;
  better: 'lower' | 'higher';
  berth: number;
  /** The alternative measured in the same run, or null when there is none to run here (say why in `note`). */
  alternative: { name: string; value: number } | null;
  note?: string;
}

/** A row in the summary: where it came from and whether this run re-measured it. */
export interface SummaryRow extends BenchRow {
  source: string;
  measuredAt: string;
  /** Read from a results file older than this run (the bench failed or was not run). */
  stale: boolean;
}

/**
 * How many times better Berth is: alternative/berth when lower is better, berth/alternative
 * when higher is better, so above 1 always means Berth is ahead. Undefined when there is no
 * alternative or a figure is not a positive number (no honest ratio exists).
 */
export function ratio(row: BenchRow): number | undefined {
  if (!row.alternative) return undefined;
  const { value } = row.alternative;
  if (!(row.berth > 0) || !(value > 0) || !Number.isFinite(row.berth) || !Number.isFinite(value)) return undefined;
  return row.better === 'lower' ? value / row.berth : row.berth / value;
}

/** A ratio with as many digits as it needs: 12×, 3.1×, 0.6×, 0.04×. */
export function formatRatio(r: number): string {
  if (r >= 10) return `${Math.round(r)}×`;
  if (r >= 0.1) return `${r.toFixed(1)}×`;
  return `${Number(r.toPrecision(1))}×`;
}

/** What the ratio column says: `3.1× better`, `0.6× (behind)`, `1.0× (even)`, or the note when there is no alternative. */
export function verdict(row: BenchRow): string {
  const r = ratio(row);
  if (r === undefined) return row.alternative ? 'no ratio (a figure is zero)' : (row.note ?? 'no alternative');
  const shown = formatRatio(r);
  // Within 5 % either way is noise on a shared 2-core machine, not a lead.
  if (r >= 0.95 && r < 1.05) return `${shown} (even)`;
  return r > 1 ? `${shown} better` : `${shown} (behind)`;
}

/** A figure with its unit: 1,234 ms, 12.3 ms, 0.42 s, 95 MB/s. */
export function formatValue(value: number, unit: Unit): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return `${text} ${unit}`;
}

export interface TableCells {
  area: string;
  measure: string;
  workload: string;
  berth: string;
  alternative: string;
  ratio: string;
}

export const columnTitles: TableCells = { area: 'area', measure: 'measure', workload: 'workload', berth: 'Berth', alternative: 'alternative', ratio: 'ratio' };

export interface RenderedTable {
  cells: TableCells[];
  /** Footnotes, numbered from 1, that the cells point to with [n]. */
  notes: string[];
}

/**
 * The cells of the table. A row's note becomes a numbered footnote, except for rows
 * without an alternative, whose ratio cell is the note itself. Stale rows say so in
 * their measure cell and in a footnote with the date they were measured.
 */
export function tableCells(rows: readonly (BenchRow & Partial<Pick<SummaryRow, 'stale' | 'measuredAt' | 'source'>>)[]): RenderedTable {
  const notes: string[] = [];
  const footnote = (text: string): string => {
    let index = notes.indexOf(text);
    if (index < 0) index = notes.push(text) - 1;
    return `[${index + 1}]`;
  };
  const cells = rows.map((row): TableCells => {
    let ratioCell = verdict(row);
    if (row.alternative && row.note) ratioCell += ` ${footnote(row.note)}`;
    const measure = row.stale ? `${row.measure} (stale ${footnote(`not re-measured in this run: from ${row.source ?? 'an earlier run'}, ${row.measuredAt ?? 'date unknown'}`)})` : row.measure;
    return {
      area: row.area,
      measure,
      workload: row.workload,
      berth: formatValue(row.berth, row.unit),
      alternative: row.alternative ? `${formatValue(row.alternative.value, row.unit)} (${row.alternative.name})` : '—',
      ratio: ratioCell,
    };
  });
  return { cells, notes };
}

const columns = Object.keys(columnTitles) as (keyof TableCells)[];

/** Plain text for a terminal: padded columns, the long ratio/note column last. */
export function renderText(rows: Parameters<typeof tableCells>[0]): string {
  const { cells, notes } = tableCells(rows);
  const all = [columnTitles, ...cells];
  const widths = columns.map((c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: TableCells) => columns.map((c, i) => (i === columns.length - 1 ? r[c] : r[c].padEnd(widths[i]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columnTitles), rule, ...cells.map(line), ...(notes.length ? ['', ...notes.map((n, i) => `[${i + 1}] ${n}`)] : [])].join('\n');
}

/** A markdown cell: pipes escaped, line breaks folded. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The same table as GitHub markdown, footnotes as a list below it. */
export function renderMarkdown(rows: Parameters<typeof tableCells>[0]): string {
  const { cells, notes } = tableCells(rows);
  const line = (r: TableCells) => `| ${columns.map((c) => markdownCell(r[c])).join(' | ')} |`;
  const header = [line(columnTitles), `|${columns.map((c) => (c === 'berth' || c === 'alternative' ? ' ---: ' : ' --- ')).join('|')}|`];
  return [...header, ...cells.map(line), ...(notes.length ? ['', ...notes.map((n, i) => `${i + 1}. ${markdownCell(n)}`)] : [])].join('\n');
}

const computedWords = /\b(computed|estimated|modell?ed|extrapolated|not observed)\b/i;

/** Checks that a parsed results file's `rows` have this format; returns the problems found. */
export function rowProblems(rows: unknown): string[] {
  if (!Array.isArray(rows)) return ['`rows` is not an array'];
  const units: Unit[] = ['ms', 's', 'MB', 'MB/s', 'CPU s', 'CPU ms', 'KB'];
  const problems: string[] = [];
  rows.forEach((row: Partial<BenchRow>, i) => {
    const at = `row ${i + 1}`;
    for (const key of ['area', 'measure', 'workload'] as const) if (typeof row?.[key] !== 'string') problems.push(`${at}: ${key} is not a string`);
    if (!units.includes(row?.unit as Unit)) problems.push(`${at}: unit ${String(row?.unit)} is not one of ${units.join(', ')}`);
    if (row?.better !== 'lower' && row?.better !== 'higher') problems.push(`${at}: better must be lower or higher`);
    if (typeof row?.berth !== 'number' || !Number.isFinite(row.berth)) problems.push(`${at}: berth is not a number`);
    const alt = row?.alternative;
    if (alt === null) {
      if (!row?.note) problems.push(`${at}: no alternative and no note saying why`);
    } else if (typeof alt?.name !== 'string' || typeof alt?.value !== 'number' || !Number.isFinite(alt.value)) problems.push(`${at}: alternative needs a name and a number`);
    // An alternative is run in the same run, never worked out on paper.
    else if (computedWords.test(`${alt.name} ${row?.note ?? ''}`)) problems.push(`${at}: the alternative says it was computed, not measured: run it, or drop the row`);
  });
  return problems;
}
