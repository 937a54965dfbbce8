import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundleRows, loadRows, median, type ActivationResult, type PreviousBuild } from '../../../bench/hostRows';
import { rowProblems } from '../../../bench/rows';

const activation = (openToActivateStartMs: number, codeLoadingMs: number): ActivationResult => ({
  scenario: 'reachable', endpoint: 'unix:///x', containersShown: 3, message: null,
  openToActivateStartMs, codeLoadingMs, activateMs: 20, firstContainersMs: 200, firstMessageMs: null,
});
const previous: PreviousBuild = {
  commit: '07b0c13',
  minified: { extensionKB: 1306.9, languageClientKB: null, serverKB: 760.1 },
  activations: [activation(900, 500), activation(700, 400), activation(800, 600)],
};

describe('bench host rows', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('compares VS Code\'s time before activate() with the previous bundle by the medians of the rounds', () => {
    const [open, load] = loadRows([activation(500, 120), activation(450, 100), activation(600, 130)], previous);
    assert.equal(open!.berth, 500);
    assert.deepEqual(open!.alternative, { name: 'Berth before issue 14 (07b0c13), built in this run', value: 800 });
    assert.equal(load!.berth, 120);
    assert.equal(load!.alternative!.value, 500);
    assert.match(load!.note!, /now 120, 100, 130 ms; before 500, 400, 600 ms/);
  });

  it('sizes the activation bundle and every bundle together against the previous build', () => {
    const rows = bundleRows({ extensionKB: 840, languageClientKB: 940, serverKB: 1664 }, { extensionKB: 410, languageClientKB: 428, serverKB: 760.1 }, previous);
    const byMeasure = Object.fromEntries(rows.map((r) => [r.measure, r]));
    assert.equal(byMeasure['dist/extension.js size (what activation loads)']!.berth, 410);
    assert.equal(byMeasure['dist/extension.js size (what activation loads)']!.alternative!.value, 1306.9);
    assert.equal(byMeasure['all of dist/*.js']!.berth, 1598.1);
    assert.equal(byMeasure['all of dist/*.js']!.alternative!.value, 2067);
    assert.deepEqual(rowProblems(rows), [], 'every row is one the bench table accepts');
  });
});
