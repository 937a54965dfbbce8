/** The general shell rules (DL3001, DL3003, DL3004, DL3046, DL3047, DL4001, DL4005, DL4006). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, expectFixedClean, expectRule, lint } from './helpers';

const D = (body: string) => `FROM debian:12\n${body}\n`;

test('DL3001 flags commands that make no sense in a build', () => {
  const bad = D('RUN service nginx start && vim /etc/x');
  const found = expectRule('DL3001', bad, D('RUN echo ps top && nginx -t'), {}, 2);
  assert.deepEqual(found.map((f) => covered(bad, f)), ['service', 'vim']);
});

test('DL3003 flags cd', () => {
  expectRule('DL3003', D('RUN cd /app && make'), D('WORKDIR /app\nRUN make'));
});

test('DL3004 flags sudo', () => {
  expectRule('DL3004', D('RUN sudo apt-get update'), D('USER root\nRUN apt-get update'));
});

test('DL3046 flags useradd with a long UID and no -l (fixable)', () => {
  const bad = D('RUN useradd -u 123456 app');
  expectRule('DL3046', bad, D('RUN useradd -l -u 123456 app && useradd -u 1000 web && useradd --uid=2000 x'));
  assert.equal(expectFixedClean('DL3046', bad), D('RUN useradd -l -u 123456 app'));
});

test('DL3047 flags wget without --progress (fixable)', () => {
  const bad = D('RUN wget https://example.com/x.tgz');
  expectRule('DL3047', bad, D('RUN wget -q https://e/x && wget --progress=dot:giga https://e/y && wget -nv https://e/z && wget -O- https://e/q -o log'));
  assert.equal(expectFixedClean('DL3047', bad), D('RUN wget --progress=dot:giga https://example.com/x.tgz'));
});

test('DL4001 flags the second download tool of a stage, and every use after', () => {
  const bad = D('RUN wget -q https://e/a\nRUN curl -fsSLO https://e/b');
  const found = expectRule('DL4001', bad, D('RUN wget -q https://e/a\nFROM debian:12\nRUN curl -fsSLO https://e/b'), {}, 1);
  assert.equal(covered(bad, found[0]), 'curl');
  const later = D('RUN wget -q https://e/a\nRUN curl -fsSLO https://e/b\nRUN wget -q https://e/c');
  assert.equal(lint('DL4001', later).length, 2, 'every use after both tools are in, wget again included');
});

test('DL4005 flags relinking /bin/sh', () => {
  expectRule('DL4005', D('RUN ln -sf /bin/bash /bin/sh'), D('SHELL ["/bin/bash", "-c"]\nRUN ln -s /usr/bin/python3 /usr/bin/python'));
});

test('DL4006 flags a pipe without pipefail; the fix adds a SHELL line', () => {
  const bad = D('RUN curl -fsSL https://e/x | sh');
  expectRule('DL4006', bad, D('SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://e/x | sh\nRUN set -o pipefail && curl https://e/y | tar x'));
  assert.equal(expectFixedClean('DL4006', bad), D('SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://e/x | sh'));
  assert.equal(expectFixedClean('DL4006', 'FROM alpine:3.20\n  RUN a | b\n'), 'FROM alpine:3.20\n  SHELL ["/bin/ash", "-o", "pipefail", "-c"]\n  RUN a | b\n');
  // PowerShell has no pipefail; the rule only speaks for POSIX shells.
  assert.deepEqual(lint('DL4006', 'FROM mcr.microsoft.com/windows/servercore\nSHELL ["pwsh", "-Command"]\nRUN a | b\n'), []);
  // A stage built on another inherits its SHELL.
  assert.deepEqual(lint('DL4006', 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN a | b\n'), []);
});
