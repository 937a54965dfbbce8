import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRatio, formatValue, markdownCell, ratio, renderMarkdown, renderText, rowProblems, tableCells, verdict, type BenchRow } from '../../../bench/rows';

const row = (over: Partial<BenchRow> = {}): BenchRow => ({
  area: 'listing', measure: 'list all containers', workload: '100 containers', unit: 'ms', better: 'lower',
  berth: 20, alternative: { name: 'docker ps', value: 62 }, ...over,
});

describe('bench rows: the ratio', () => {
  it('is alternative/berth when lower is better, so above 1 means Berth is ahead', () => {
    assert.equal(ratio(row({ berth: 20, alternative: { name: 'cli', value: 62 } })), 3.1);
    assert.equal(ratio(row({ berth: 100, alternative: { name: 'cli', value: 60 } })), 0.6);
  });

  it('is berth/alternative when higher is better (throughput)', () => {
    assert.equal(ratio(row({ unit: 'MB/s', better: 'higher', berth: 90, alternative: { name: 'docker logs', value: 30 } })), 3);
    assert.equal(ratio(row({ unit: 'MB/s', better: 'higher', berth: 30, alternative: { name: 'docker logs', value: 60 } })), 0.5);
  });

  it('does not exist without an alternative or with a zero or non-finite figure', () => {
    assert.equal(ratio(row({ alternative: null, note: 'nothing to compare' })), undefined);
    assert.equal(ratio(row({ berth: 0 })), undefined);
    assert.equal(ratio(row({ alternative: { name: 'cli', value: 0 } })), undefined);
    assert.equal(ratio(row({ alternative: { name: 'cli', value: Infinity } })), undefined);
  });
});

describe('bench rows: the verdict', () => {
  it('says better, behind or even', () => {
    assert.equal(verdict(row({ berth: 20, alternative: { name: 'cli', value: 62 } })), '3.1× better');
    assert.equal(verdict(row({ berth: 100, alternative: { name: 'cli', value: 60 } })), '0.6× (behind)');
    assert.equal(verdict(row({ berth: 100, alternative: { name: 'cli', value: 103 } })), '1.0× (even)');
    assert.equal(verdict(row({ berth: 100, alternative: { name: 'cli', value: 96 } })), '1.0× (even)');
  });

  it('prints the note when there is no alternative', () => {
    assert.equal(verdict(row({ alternative: null, note: 'the CLI has no event-loop to stall' })), 'the CLI has no event-loop to stall');
  });

  it('formats ratios with the digits they need', () => {
    assert.equal(formatRatio(466.2), '466×');
    assert.equal(formatRatio(14.4), '14×');
    assert.equal(formatRatio(3.14), '3.1×');
    assert.equal(formatRatio(0.62), '0.6×');
    assert.equal(formatRatio(0.042), '0.04×');
  });

  it('formats figures with their unit', () => {
    assert.equal(formatValue(30097.4, 'ms'), '30,097 ms');
    assert.equal(formatValue(64.63, 'ms'), '64.6 ms');
    assert.equal(formatValue(2.634, 's'), '2.63 s');
    assert.equal(formatValue(95, 'MB/s'), '95 MB/s');
  });
});

describe('bench rows: the table', () => {
  const rows: BenchRow[] = [
    row({ note: 'median of 7' }),
    row({ workload: '1,000 containers', berth: 150, alternative: { name: 'docker ps', value: 380 }, note: 'median of 7' }),
    row({ area: 'logs', measure: 'longest event-loop stall', workload: '100 MB', berth: 12, alternative: null, note: 'the CLI runs in its own process' }),
  ];

  it('turns notes of compared rows into shared numbered footnotes', () => {
    const { cells, notes } = tableCells(rows);
    assert.deepEqual(notes, ['median of 7']);
    assert.equal(cells[0].ratio, '3.1× better [1]');
    assert.equal(cells[1].ratio, '2.5× better [1]');
    assert.equal(cells[2].ratio, 'the CLI runs in its own process');
    assert.equal(cells[2].alternative, '—');
    assert.equal(cells[0].alternative, '62 ms (docker ps)');
  });

  it('marks stale rows with where and when they were measured', () => {
    const { cells, notes } = tableCells([{ ...rows[0], stale: true, source: 'logs.json', measuredAt: '2026-01-02T03:04:05Z' }]);
    assert.equal(cells[0].measure, 'list all containers (stale [2])');
    assert.equal(notes[1], 'not re-measured in this run: from logs.json, 2026-01-02T03:04:05Z');
  });

  it('renders markdown with a header, one line per row and the footnotes', () => {
    const lines = renderMarkdown(rows).split('\n');
    assert.equal(lines[0], '| area | measure | workload | Berth | alternative | ratio |');
    assert.equal(lines[1], '| --- | --- | --- | ---: | ---: | --- |');
    assert.equal(lines[2], '| listing | list all containers | 100 containers | 20 ms | 62 ms (docker ps) | 3.1× better [1] |');
    assert.equal(lines[4], '| logs | longest event-loop stall | 100 MB | 12 ms | — | the CLI runs in its own process |');
    assert.deepEqual(lines.slice(5), ['', '1. median of 7']);
  });

  it('escapes pipes in markdown cells', () => {
    assert.equal(markdownCell('docker ps | wc -l'), 'docker ps \\| wc -l');
    assert.equal(markdownCell('two\nlines'), 'two lines');
  });

  it('pads the plain-text table into columns', () => {
    const lines = renderText(rows).split('\n');
    assert.ok(lines[0].startsWith('area     measure'));
    assert.equal(lines[2].indexOf('100 containers'), lines[0].indexOf('workload'));
    assert.equal(lines.at(-1), '[1] median of 7');
  });
});

describe('bench rows: the format check', () => {
  it('accepts good rows and names what is wrong with bad ones', () => {
    assert.deepEqual(rowProblems([row(), row({ alternative: null, note: 'why' })]), []);
    assert.deepEqual(rowProblems({}), ['`rows` is not an array']);
    assert.deepEqual(rowProblems([row({ alternative: null })]), ['row 1: no alternative and no note saying why']);
    assert.deepEqual(rowProblems([{ ...row(), unit: 'seconds' }]), ['row 1: unit seconds is not one of ms, s, MB, MB/s, CPU s, CPU ms, KB']);
    assert.deepEqual(rowProblems([{ ...row(), berth: 'fast' }]), ['row 1: berth is not a number']);
  });

  it('refuses an alternative that was computed instead of run', () => {
    const problem = ['row 1: the alternative says it was computed, not measured: run it, or drop the row'];
    assert.deepEqual(rowProblems([row({ alternative: { name: '60 s poll, computed', value: 30_000 } })]), problem);
    assert.deepEqual(rowProblems([row({ note: 'computed, not observed: half the interval' })]), problem);
    assert.deepEqual(rowProblems([row({ alternative: null, note: 'no alternative computed here' })]), []);
  });
});
