/** LABEL rules: key syntax (DL3048) and the label schema (DL3049–DL3058). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectRule, lint } from './helpers';
import type { RuleContext } from '../../../../src/language/server/rules/types';

const D = (body: string) => `FROM debian:12\n${body}\n`;
const schema = (labelSchema: Record<string, string>): Partial<RuleContext> => ({ labelSchema });

test('DL3048 flags invalid label keys', () => {
  expectRule('DL3048', D('LABEL My_Key=x com.docker.thing=y'), D('LABEL org.opencontainers.image.title=x maintainer=y'), {}, 2);
});

test('DL3049 flags schema labels missing from the final stage (inherited ones count)', () => {
  const s = schema({ maintainer: 'text', 'org.opencontainers.image.version': 'semver' });
  expectRule('DL3049', D('LABEL maintainer=me'), 'FROM debian:12 AS base\nLABEL maintainer=me\nFROM base\nLABEL org.opencontainers.image.version=1.0.0\n', s, 1);
  assert.deepEqual(lint('DL3049', D('LABEL x=y')), [], 'no schema, no requirement');
});

test('DL3049 spares a named stage only other stages copy from, not one nothing uses', () => {
  const s = schema({ maintainer: 'text' });
  expectRule('DL3049', 'FROM golang:1.23 AS tools\nFROM debian:12\nLABEL maintainer=me\n', 'FROM golang:1.23 AS build\nFROM debian:12\nLABEL maintainer=me\nCOPY --from=build /out /app\n', s, 1);
});

test('DL3050 flags labels outside the schema only with strict labels', () => {
  const strict = { labelSchema: { maintainer: 'text' }, strictLabels: true } as Partial<RuleContext>;
  expectRule('DL3050', D('LABEL maintainer=me extra=1'), D('LABEL maintainer=me'), strict, 1);
  assert.deepEqual(lint('DL3050', D('LABEL maintainer=me extra=1'), schema({ maintainer: 'text' })), []);
});

test('DL3051 flags empty schema labels', () => {
  expectRule('DL3051', D('LABEL maintainer=""'), D('LABEL maintainer=me other=""'), schema({ maintainer: 'text' }));
});

test('typed schema labels: url, rfc3339, spdx, hash, semver, email', () => {
  const s = schema({ u: 'url', t: 'rfc3339', l: 'spdx', h: 'hash', v: 'semver', e: 'email' });
  expectRule('DL3052', D('LABEL u=example.com'), D('LABEL u=https://example.com/x u2=nope'), s);
  expectRule('DL3053', D('LABEL t="2024-13-01 noon"'), D('LABEL t=2024-05-01T12:00:00Z'), s);
  expectRule('DL3054', D('LABEL l="MIT-ish"'), D('LABEL l="(MIT OR Apache-2.0) AND LicenseRef-internal"'), s);
  expectRule('DL3055', D('LABEL h=not-a-hash'), D('LABEL h=0123456789abcdef0123456789abcdef01234567'), s);
  expectRule('DL3056', D('LABEL v=1.2'), D('LABEL v=1.2.3-rc.1+build.5 other=1.2'), s);
  expectRule('DL3058', D('LABEL e="jane at example"'), D('LABEL e=jane@example.com'), s);
  assert.deepEqual(lint('DL3052', D('ARG URL\nLABEL u=$URL'), s), [], 'values from build args are unknown');
});
