/** FROM and stage rules (DL3006, DL3007, DL3024, DL3026, DL3029, DL3043, DL3061, DL3063, DL3065). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, expectFixedClean, expectRule, lint } from './helpers';

test('DL3006 wants an explicit tag, not for scratch, stages or ARG images', () => {
  const bad = 'FROM debian\n';
  const found = expectRule('DL3006', bad, 'ARG BASE=debian:12\nFROM debian:12 AS build\nFROM build\nFROM scratch\nFROM ${BASE}\nFROM alpine@sha256:0123456789abcdef\n');
  assert.equal(covered(bad, found[0]), 'debian');
});

test('DL3007 flags the latest tag', () => {
  const bad = 'FROM debian:latest\n';
  const found = expectRule('DL3007', bad, 'FROM debian:12\n');
  assert.equal(covered(bad, found[0]), 'latest');
});

test('DL3024 wants unique stage names, case-insensitively', () => {
  expectRule('DL3024', 'FROM debian:12 AS build\nFROM debian:12 AS Build\n', 'FROM debian:12 AS build\nFROM debian:12 AS test\n', {}, 1);
});

test('DL3026 allows only trusted registries when some are configured', () => {
  const trusted = { trustedRegistries: ['docker.io', '*.corp.example'] };
  expectRule('DL3026', 'FROM quay.io/org/app:1\n', 'FROM debian:12\nFROM registry.corp.example/app:1\nFROM scratch\n', trusted);
  assert.deepEqual(lint('DL3026', 'FROM quay.io/org/app:1\n'), [], 'no configuration: any registry');
});

test('DL3026 checks images pulled by COPY --from and RUN --mount from=, not stages', () => {
  const trusted = { trustedRegistries: ['docker.io'] };
  const bad = 'FROM debian:12\nCOPY --from=quay.io/org/tools:1 /bin/x /bin/x\nRUN --mount=type=bind,from=ghcr.io/org/src:2,target=/src make\n';
  const found = expectRule('DL3026', bad, 'FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /x /x\nCOPY --from=0 /y /y\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nRUN --mount=from=build,target=/b ls /b\n', trusted, 2);
  assert.deepEqual(found.map((f) => covered(bad, f)), ['quay.io/org/tools:1', 'ghcr.io/org/src:2']);
});

test('DL3029 flags a fixed --platform, not build arguments', () => {
  expectRule('DL3029', 'FROM --platform=linux/amd64 debian:12\n', 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM debian:12\n');
});

test('DL3043 flags ONBUILD triggering ONBUILD, FROM or MAINTAINER', () => {
  expectRule('DL3043', 'FROM debian:12\nONBUILD FROM alpine:3\nONBUILD MAINTAINER me\n', 'FROM debian:12\nONBUILD RUN make\n', {}, 2);
});

test('DL3061 flags instructions before the first FROM other than ARG', () => {
  expectRule('DL3061', 'LABEL a=b\nFROM debian:12\n', '# syntax=docker/dockerfile:1\n# comment\nARG V=12\nFROM debian:$V\n');
});

test('DL3063 flags reserved stage names', () => {
  expectRule('DL3063', 'FROM debian:12 AS context\nFROM debian:12 AS scratch\n', 'FROM debian:12 AS build\n', {}, 2);
});

test('DL3065 flags --platform=$TARGETPLATFORM and the fix drops it', () => {
  const bad = 'FROM --platform=${TARGETPLATFORM} debian:12\n';
  expectRule('DL3065', bad, 'FROM --platform=$BUILDPLATFORM debian:12\n');
  assert.equal(expectFixedClean('DL3065', bad), 'FROM debian:12\n');
});
