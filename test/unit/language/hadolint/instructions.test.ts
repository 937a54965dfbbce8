/** Instruction-level rules (DL1001, DL3000, DL3002, DL3011, DL3012, DL3025, DL3044, DL3057, DL3059, DL3064, DL3066, DL4000, DL4003, DL4004). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFixedClean, expectRule, lint } from './helpers';

const D = (body: string) => `FROM debian:12\n${body}\n`;

test('DL1001 flags inline ignore pragmas', () => {
  expectRule('DL1001', '# hadolint ignore=DL3008\nFROM debian:12\n# hadolint global ignore=DL3009\nRUN x\n', '# hadolint is great\nFROM debian:12\nRUN <<EOF\n# hadolint ignore=DL1\nEOF\n', {}, 2);
});

test('DL3000 wants absolute WORKDIR; the fix resolves against the previous one', () => {
  const bad = D('WORKDIR app');
  expectRule('DL3000', bad, D('WORKDIR /app\nWORKDIR $HOME\nWORKDIR "/quoted"'));
  assert.equal(expectFixedClean('DL3000', bad), D('WORKDIR /app'));
  assert.equal(expectFixedClean('DL3000', D('WORKDIR /srv/\nWORKDIR ./web')), D('WORKDIR /srv/\nWORKDIR /srv/web'));
});

test('DL3002 flags a stage that ends as root', () => {
  expectRule('DL3002', D('USER app\nUSER root:root'), D('USER root\nRUN make\nUSER 1000'));
});

test('DL3011 flags ports out of range', () => {
  expectRule('DL3011', D('EXPOSE 80 70000/tcp 1-99999'), D('EXPOSE 80/tcp 443 8000-8010/udp $PORT'), {}, 2);
});

test('DL3012 flags a second HEALTHCHECK in a stage', () => {
  expectRule('DL3012', D('HEALTHCHECK CMD true\nHEALTHCHECK NONE'), D('HEALTHCHECK CMD true\nFROM debian:12\nHEALTHCHECK CMD true'));
});

test('DL3025 wants JSON form; plain commands get a fix, shell constructs do not', () => {
  const bad = D('CMD nginx -g "daemon off;"');
  expectRule('DL3025', bad, D('CMD ["nginx", "-g", "daemon off;"]\nENTRYPOINT ["/entry.sh"]'));
  assert.equal(expectFixedClean('DL3025', bad), D('CMD ["nginx", "-g", "daemon off;"]'));
  assert.equal(expectFixedClean('DL3025', D('ENTRYPOINT /usr/bin/app \\\n    --serve')), D('ENTRYPOINT ["/usr/bin/app", "--serve"]'));
  for (const shell of ['CMD app > /log', 'CMD a && b', 'CMD echo $HOME', 'CMD ls *.txt']) {
    const [finding] = lint('DL3025', D(shell));
    assert.deepEqual(finding.fixes, [], shell);
  }
});

test('DL3044 flags a variable used in the ENV that defines it', () => {
  expectRule('DL3044', D('ENV A=1 B=${A}/x'), D('ENV A=1\nENV B=$A/x\nENV PATH=$PATH:/x C=1\nARG V\nENV V=2 W=$V'), {}, 1);
});

test('DL3057 flags a final image with no HEALTHCHECK, inherited ones count', () => {
  expectRule('DL3057', D('CMD ["app"]'), 'FROM debian:12 AS base\nHEALTHCHECK CMD true\nFROM base\n');
});

test('DL3059 flags consecutive RUNs with the same flags', () => {
  expectRule('DL3059', D('RUN a\n# note\nRUN b'), D('RUN a\nWORKDIR /x\nRUN b\nRUN --mount=type=cache,target=/c c'), {}, 1);
  assert.deepEqual(lint('DL3059', D('RUN a && b && c\nRUN d')), [], 'a deliberate chain of more than two commands');
});

test('DL3064 flags secret-looking ARG and ENV names', () => {
  expectRule('DL3064', D('ARG GITHUB_TOKEN\nENV DB_PASSWORD=x'), D('ARG VERSION=1\nENV APP_HOME=/app'), {}, 2);
});

test('DL3066 flags non-numeric USER', () => {
  expectRule('DL3066', D('USER app:app'), D('USER 1000:1000\nUSER $UID'));
});

test('DL4000 flags MAINTAINER; the fix writes a LABEL', () => {
  const bad = D('MAINTAINER Jane Doe <jane@example.com>');
  expectRule('DL4000', bad, D('LABEL maintainer="Jane Doe <jane@example.com>"'));
  assert.equal(expectFixedClean('DL4000', bad), D('LABEL maintainer="Jane Doe <jane@example.com>"'));
});

test('DL4003 and DL4004 flag all but the last CMD / ENTRYPOINT of a stage', () => {
  expectRule('DL4003', D('CMD ["a"]\nCMD ["b"]'), D('CMD ["a"]\nFROM debian:12\nCMD ["b"]'), {}, 1);
  expectRule('DL4004', D('ENTRYPOINT ["a"]\nENTRYPOINT ["b"]'), D('ENTRYPOINT ["a"]'), {}, 1);
});
