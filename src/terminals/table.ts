/**
 * Plain-text tables and full-screen frames for the stats and top terminals: columns
 * padded to their widest cell and lines cut at the terminal's width, so the table
 * reads at a glance and never wraps into a mess.
 */
export interface TableOptions {
  /** Terminal columns; lines are cut to fit. */
  width?: number;
  /** Indices of columns to right-align. */
  alignRight?: ReadonlySet<number>;
  gap?: number;
}

/** Display width of a cell: characters, not UTF-16 units. */
function cellWidth(text: string): number {
  return [...text].length;
}

function cut(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
  const gap = ' '.repeat(options.gap ?? 3);
  const widths = headers.map((h, i) => Math.max(cellWidth(h), ...rows.map((r) => cellWidth(r[i] ?? ''))));
  // The last column is free-form (e.g. a command line): do not pad it.
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        if (i === cells.length - 1 && !options.alignRight?.has(i)) return cell;
        const pad = ' '.repeat(Math.max(0, widths[i] - cellWidth(cell)));
        return options.alignRight?.has(i) ? pad + cell : cell + pad;
      })
      .join(gap)
      .trimEnd();
  const lines = [line(headers), ...rows.map((r) => line(headers.map((_, i) => r[i] ?? '')))];
  return options.width && options.width > 0 ? lines.map((l) => cut(l, options.width!)) : lines;
}

/**
 * A full-screen frame: cursor home, each line cleared to its end, the rest of the
 * screen cleared. Redrawing in place does not flicker and leaves no scrollback trail.
 */
export function screenFrame(lines: readonly string[], styledFirstLine = true): string {
  const body = lines.map((l, i) => (i === 0 && styledFirstLine ? `\x1b[1m${l}\x1b[0m` : l) + '\x1b[K');
  return `\x1b[H${body.join('\r\n')}\x1b[J`;
}

/** Strips colour and cursor sequences: what a person reads in the terminal. */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g, '');
}
