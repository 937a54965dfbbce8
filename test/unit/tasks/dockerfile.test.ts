import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultTag, lineOfStep, stages } from '../../../src/tasks/dockerfile';
import { TransferProgress } from '../../../src/tasks/progress';

const dockerfile = [
  '# syntax=docker/dockerfile:1',
  'ARG V=1',
  'FROM busybox:local AS base',
  'RUN echo \\',
  '  hi',
  'FROM base as final',
  'RUN exit 3',
  'FROM base',
  'RUN true',
].join('\n');

describe('Dockerfile helpers', () => {
  it('lists named stages for the target picker', () => {
    assert.deepEqual(stages(dockerfile), ['base', 'final']);
  });

  it('maps a classic-builder step to its line, meta ARGs counted', () => {
    assert.equal(lineOfStep(dockerfile, { index: 5, instruction: 'RUN exit 3' })?.startLine, 6);
    const continued = lineOfStep(dockerfile, { index: 3, instruction: 'RUN echo   hi' });
    assert.deepEqual([continued?.startLine, continued?.endLine], [3, 4]);
  });

  it('finds the line by text when the numbering disagrees', () => {
    assert.equal(lineOfStep(dockerfile, { index: 2, instruction: 'RUN exit 3' })?.startLine, 6);
  });

  it('makes a default tag from the folder name', () => {
    assert.equal(defaultTag('My App'), 'my-app:latest');
    assert.equal(defaultTag('web_api'), 'web_api:latest');
    assert.equal(defaultTag('---'), 'image:latest');
  });
});

describe('transfer progress', () => {
  it('counts layers done and bytes, and picks up the digest', () => {
    const progress = new TransferProgress();
    progress.update({ status: 'The push refers to repository [127.0.0.1:5000/app]' });
    progress.update({ id: 'aaaaaaaaaaaa', status: 'Preparing' });
    progress.update({ id: 'bbbbbbbbbbbb', status: 'Preparing' });
    progress.update({ id: 'aaaaaaaaaaaa', status: 'Pushing', current: 500, total: 1000 });
    progress.update({ id: 'bbbbbbbbbbbb', status: 'Layer already exists' });
    assert.equal(progress.summary((b) => `${b} B`), '1/2 layers, 500 B / 1000 B');
    progress.update({ id: 'aaaaaaaaaaaa', status: 'Pushed' });
    progress.update({ status: 'dev: digest: sha256:' + 'c'.repeat(64) + ' size: 527' });
    assert.equal(progress.done, 2);
    assert.deepEqual(progress.bytes, { current: 1000, total: 1000 });
    assert.equal(progress.digest, 'sha256:' + 'c'.repeat(64));
  });
});
