/** COPY and ADD rules (DL3010, DL3020, DL3021, DL3022, DL3023, DL3045, DL3067). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, expectFixedClean, expectRule, lint } from './helpers';

const D = (body: string) => `FROM debian:12\nWORKDIR /app\n${body}\n`;

test('DL3010 flags an archive that is copied and then extracted', () => {
  const bad = D('COPY vendor/app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt');
  const found = expectRule('DL3010', bad, D('ADD vendor/app.tar.gz /opt/\nCOPY notes.tar.gz /srv/\nRUN tar -czf out.tar.gz /srv'));
  assert.equal(covered(bad, found[0]), 'vendor/app.tar.gz');
});

test('DL3020 wants COPY for local files; the fix swaps the keyword', () => {
  const bad = D('ADD --chown=app src/ /app/src/');
  expectRule('DL3020', bad, D('ADD https://example.com/x.tgz /tmp/\nADD rootfs.tar.xz /\nCOPY src/ /app/src/'));
  assert.equal(expectFixedClean('DL3020', bad), D('COPY --chown=app src/ /app/src/'));
  assert.deepEqual(lint('DL3020', D('ADD --checksum=sha256:00 a b'))[0].fixes, []);
});

test('DL3021 wants a trailing / with several sources; the fix adds it', () => {
  const bad = D('COPY a.txt b.txt /data');
  expectRule('DL3021', bad, D('COPY a.txt b.txt /data/\nCOPY a.txt /data\nCOPY ["a", "b", "/c/"]'));
  assert.equal(expectFixedClean('DL3021', bad), D('COPY a.txt b.txt /data/'));
});

test('a quoted path with spaces is one argument', () => {
  assert.deepEqual(lint('DL3021', D('COPY app.jar "/opt/My App"')), [], 'one source, one destination');
  const bad = D('COPY app.tar "C:\\Program Files\\app.tar"\nRUN tar -xf app.tar');
  assert.equal(covered(bad, lint('DL3010', bad)[0]), 'app.tar');
});

test('DL3022 wants --from to name an earlier stage (images and indices are fine)', () => {
  expectRule('DL3022', 'FROM debian:12\nCOPY --from=build /x /x\nFROM debian:12 AS build\n', 'FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /x /x\nCOPY --from=0 /y /y\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n');
});

test('DL3023 flags COPY --from of the stage itself', () => {
  expectRule('DL3023', 'FROM debian:12 AS build\nCOPY --from=build /x /y\n', 'FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /x /y\n');
});

test('DL3045 flags a relative COPY destination with no WORKDIR, inherited WORKDIR counts', () => {
  const bad = 'FROM debian:12\nCOPY app.py app/\n';
  const found = expectRule('DL3045', bad, 'FROM debian:12 AS base\nWORKDIR /srv\nFROM base\nCOPY app.py app/\nCOPY x /abs/\n');
  assert.equal(covered(bad, found[0]), 'app/');
});

test('DL3067 flags copying a whole filesystem from another stage', () => {
  expectRule('DL3067', 'FROM debian:12 AS a\nFROM scratch\nCOPY --from=a / /\n', 'FROM debian:12 AS a\nFROM scratch\nCOPY --from=a /usr/bin/app /usr/bin/app\n');
});
