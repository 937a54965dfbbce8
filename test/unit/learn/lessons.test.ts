/**
 * The walkthrough's event → lesson mapping, fed the sequences dockerd 20.10 sends for each
 * docker CLI command (recorded with `docker events` against the private engine).
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { doneSteps, isShellCommand, LessonFact, lessonSteps, LessonTracker, lessonImage, stepFacts } from '../../../src/learn/lessons';
import type { EventLike } from '../../../src/state/eventRouter';

const s = 1_000_000_000;
type Row = [type: string, action: string, id: string, atSeconds: number, attributes?: Record<string, string>];

function feed(rows: Row[], tracker = new LessonTracker(), images: Record<string, number> = {}): LessonFact[] {
  return rows.flatMap(([type, action, id, at, attributes]) => {
    const event: EventLike = { type, action, id, timeNano: at * s, attributes: attributes ?? {} };
    const facts = tracker.factsFor(event);
    return tracker.isTag(event) ? [...facts, ...tracker.tagFacts(event, { createdNs: images[id] === undefined ? undefined : images[id] * s })] : facts;
  });
}

const busybox = { image: 'busybox:local', name: 'web' };

describe('walkthrough lessons from engine events', () => {
  it('docker run: a create and a start moments apart is a run, not a create-then-start', () => {
    assert.deepEqual(feed([['container', 'create', 'c1', 100, busybox], ['network', 'connect', 'n', 100.01], ['container', 'start', 'c1', 100.2, busybox]]), ['started']);
  });

  it('docker create, then docker start later (or a start of a container made before Berth watched)', () => {
    assert.deepEqual(feed([['container', 'create', 'c1', 100, busybox], ['container', 'start', 'c1', 106, busybox]]), ['started', 'startedCreated']);
    assert.deepEqual(feed([['container', 'start', 'old', 100, busybox]]), ['started', 'startedCreated']);
  });

  it('docker stop whose grace period ends sends SIGKILL too, and is still only a stop', () => {
    const stop: Row[] = [['container', 'kill', 'c1', 1, { ...busybox, signal: '15' }], ['container', 'kill', 'c1', 2, { ...busybox, signal: '9' }], ['container', 'die', 'c1', 2, { exitCode: '137' }], ['container', 'stop', 'c1', 2]];
    assert.deepEqual(feed(stop), ['stopped']);
  });

  it('docker kill is a kill, also after an earlier stop of the same container', () => {
    const tracker = new LessonTracker();
    feed([['container', 'kill', 'c1', 1, { signal: '15' }], ['container', 'die', 'c1', 1], ['container', 'stop', 'c1', 1]], tracker);
    assert.deepEqual(feed([['container', 'start', 'c1', 5], ['container', 'kill', 'c1', 6, { signal: '9' }], ['container', 'die', 'c1', 6]], tracker), ['started', 'startedCreated', 'killed']);
    assert.deepEqual(feed([['container', 'kill', 'p1', 1, { signal: 'SIGKILL' }]]), ['killed'], 'Podman names the signal');
  });

  it('docker rm and docker container prune', () => {
    assert.deepEqual(feed([['container', 'destroy', 'c1', 1, busybox], ['container', 'prune', '', 2, { reclaimed: '0' }]]), ['removed', 'pruned']);
  });

  it('docker exec -it sh is a shell; sh -c with a script is not', () => {
    assert.deepEqual(feed([['container', 'exec_create: /bin/sh', 'c1', 1], ['container', 'exec_start: /bin/sh ', 'c1', 1]]), ['shell', 'shell']);
    assert.deepEqual(feed([['container', 'exec_start: sh -c echo hi', 'c1', 1], ['container', 'exec_start: cat /etc/hostname', 'c1', 1]]), []);
    for (const command of ['sh', '/bin/bash', 'bash -l', '/usr/bin/zsh', 'ash']) assert.ok(isShellCommand(command), command);
    for (const command of ['sh -c ls', 'shellcheck', 'cat', '']) assert.ok(!isShellCommand(command), command);
  });

  it('docker build -t: the step containers are the build\'s, its tag is a build; a second tag of the image is a docker tag', () => {
    const step = (name: string, image: string): Record<string, string> => ({ image, name });
    const built: Row[] = [
      ['container', 'create', 'b1', 10, step('mystifying_cartwright', 'sha256:901f')],
      ['container', 'destroy', 'b1', 10, step('mystifying_cartwright', 'sha256:901f')],
      ['container', 'create', 'b2', 10.5, step('romantic_mayer', 'sha256:332a')],
      ['container', 'start', 'b2', 10.6, step('romantic_mayer', 'sha256:332a')],
      ['container', 'die', 'b2', 11, step('romantic_mayer', 'sha256:332a')],
      ['container', 'destroy', 'b2', 11, step('romantic_mayer', 'sha256:332a')],
      ['image', 'tag', 'sha256:b4d5', 12, { name: 'hello:1' }],
    ];
    const tracker = new LessonTracker();
    assert.deepEqual(feed(built, tracker, { 'sha256:b4d5': 11.8 }), ['built']);
    assert.deepEqual(feed([['image', 'tag', 'sha256:b4d5', 13, { name: '127.0.0.1:5000/hello:1' }]], tracker, { 'sha256:b4d5': 11.8 }), ['tagged']);
    assert.deepEqual(feed([['image', 'tag', 'sha256:0ld', 500, { name: 'busybox:two' }]], tracker, { 'sha256:0ld': 10 }), ['tagged'], 'an image made long ago');
  });

  it('docker commit: its tag comes first and is the commit\'s, not a build or a tag', () => {
    const commit: Row[] = [
      ['container', 'pause', 'c1', 20, busybox],
      ['image', 'tag', 'sha256:ed2b', 20.1, { name: 'snapshot:1' }],
      ['container', 'commit', 'c1', 20.1, { ...busybox, imageID: 'sha256:ed2b', imageRef: 'snapshot:1' }],
      ['container', 'unpause', 'c1', 20.2, busybox],
    ];
    // tagFacts runs once the commit event was seen (the host module waits for it): feed the commit first.
    const tracker = new LessonTracker();
    assert.deepEqual(feed([commit[0], commit[2], commit[3]], tracker), ['committed']);
    assert.deepEqual(feed([commit[1]], tracker, { 'sha256:ed2b': 20 }), []);
  });

  it('docker push, export, save and network create', () => {
    assert.deepEqual(feed([
      ['image', 'push', 'r/hello', 1, { name: '127.0.0.1:5000/hello' }],
      ['container', 'export', 'c1', 2, busybox],
      ['image', 'save', 'sha256:b4d5', 3],
      ['network', 'create', 'n1', 4, { name: 'app-net', type: 'bridge' }],
      ['network', 'connect', 'n1', 5],
      ['volume', 'create', 'v1', 6],
    ]), ['pushed', 'exported', 'saved', 'networkCreated']);
  });

  it('a step is done only when all its facts were seen', () => {
    assert.deepEqual(doneSteps(new Set(['stopped'])), []);
    assert.deepEqual(doneSteps(new Set(['stopped', 'killed', 'started'])), ['run', 'stopKill']);
    const every = new Set(Object.values(stepFacts).flat());
    assert.deepEqual(doneSteps(every), [...lessonSteps]);
  });

  it('runs the smallest tagged image, never an untagged one', () => {
    const image = (repoTags: string[], size: number) => ({ id: `sha256:${size}`, repoTags, repoDigests: [], created: 0, size, labels: {}, containers: 0 });
    assert.equal(lessonImage([image(['big:1'], 900), image(['<none>:<none>'], 1), image(['app:y', 'app:x'], 10)]), 'app:x');
    assert.equal(lessonImage([image(['<none>:<none>'], 1)]), undefined);
  });

  it('prefers the smallest base image with a shell to a smaller one without (FROM scratch, an application)', () => {
    const image = (repoTags: string[], size: number) => ({ id: `sha256:${size}`, repoTags, repoDigests: [], created: 0, size, labels: {}, containers: 0 });
    const scratch = image(['berth-test-hidden:hidden'], 1);
    assert.equal(lessonImage([image(['debian:12'], 100), scratch, image(['busybox:local'], 10)]), 'busybox:local');
    assert.equal(lessonImage([scratch, image(['127.0.0.1:5000/library/alpine:3'], 50)]), '127.0.0.1:5000/library/alpine:3');
    assert.equal(lessonImage([scratch, image(['localhost/ubuntu:24.04'], 50)]), 'localhost/ubuntu:24.04');
    assert.equal(lessonImage([scratch, image(['me/alpine-app:1'], 50)]), 'berth-test-hidden:hidden', 'a name that only starts like a base is not one');
  });
});
