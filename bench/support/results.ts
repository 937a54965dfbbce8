/** Where the benches write their results, in the row format of bench/rows.ts plus their own detail. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rowProblems, type BenchRow } from '../rows';

export const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

/**
 * Writes bench/results/<name>.json: `date` and `rows` first, then the bench's detail.
 * Rows that do not match the format are a bug in the bench: it fails rather than
 * writing a file the summary would have to skip.
 */
export function writeResults(name: string, rows: BenchRow[], detail: Record<string, unknown>): string {
  const problems = rowProblems(rows);
  if (problems.length) throw new Error(`${name}: rows not in the bench/rows.ts format: ${problems.join('; ')}`);
  const file = path.join(resultsDir, `${name}.json`);
  fs.mkdirSync(resultsDir, { recursive: true });
  // The date is when the results were written; a detail field of the same name does not win.
  const { date: _date, rows: _rows, ...rest } = detail;
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), rows, ...rest }, null, 2)}\n`);
  console.log(`wrote bench/results/${name}.json (${rows.length} rows)`);
  return file;
}
