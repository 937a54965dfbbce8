/**
 * For every BuildKit check (and Berth's UnknownFlag and MalformedExecForm): a Dockerfile that must trigger it,
 * one that must not, and whether its first quick fix must make it go away.
 */
import type { LintOptions } from './helpers';

export interface RuleCase {
  code: string;
  bad: string;
  good: string;
  /** The first quick fix, applied to `bad`, silences the rule. */
  fixable?: boolean;
  options?: LintOptions;
}

export const ruleCases: RuleCase[] = [
  { code: 'StageNameCasing', bad: 'FROM alpine AS Builder\nFROM alpine\nCOPY --from=Builder /a /b\n', good: 'FROM alpine AS builder\nFROM alpine\nCOPY --from=builder /a /b\n', fixable: true },
  { code: 'FromAsCasing', bad: 'FROM alpine as build\n', good: 'FROM alpine AS build\nfrom alpine as other\n', fixable: true },
  { code: 'NoEmptyContinuation', bad: 'FROM alpine\nRUN echo a \\\n\n    && echo b\n', good: 'FROM alpine\nRUN echo a \\\n    # a comment line is fine\n    && echo b\nRUN <<EOF\necho a\n\necho b\nEOF\n', fixable: true },
  { code: 'ConsistentInstructionCasing', bad: 'FROM alpine\nRUN echo a\nrun echo b\n', good: 'from alpine\nrun echo a\n', fixable: true },
  { code: 'DuplicateStageName', bad: 'FROM alpine AS build\nFROM alpine AS Build\n', good: 'FROM alpine AS build\nFROM alpine AS test\n' },
  { code: 'ReservedStageName', bad: 'FROM alpine AS scratch\n', good: 'FROM scratch\nFROM alpine AS base\n' },
  { code: 'JSONArgsRecommended', bad: 'FROM alpine\nCMD my-server --port 80\n', good: 'FROM alpine\nCMD ["my-server", "--port", "80"]\nFROM alpine\nSHELL ["/bin/ash", "-c"]\nENTRYPOINT run me\n', fixable: true },
  { code: 'MaintainerDeprecated', bad: 'FROM alpine\nMAINTAINER Jane <jane@example.com>\n', good: 'FROM alpine\nLABEL org.opencontainers.image.authors="jane@example.com"\n', fixable: true },
  { code: 'UndefinedArgInFrom', bad: 'ARG VERSION=3\nFROM alpine:${VERSON}\n', good: 'ARG VERSION=3\nFROM --platform=$BUILDPLATFORM alpine:${VERSION}\nFROM alpine:${TAG:-latest}\n', fixable: true },
  { code: 'WorkdirRelativePath', bad: 'FROM alpine\nWORKDIR app\n', good: 'FROM alpine\nWORKDIR /app\nWORKDIR src\nFROM alpine AS x\nWORKDIR $HOME/app\n' },
  { code: 'UndefinedVar', bad: 'FROM alpine\nARG VERSION=1\nCOPY app-$VERSOIN.tar /app/\n', good: 'FROM alpine\nARG VERSION=1\nENV BASE=/opt\nCOPY app-$VERSION.tar $BASE/\nRUN echo $UNDECLARED_IN_SHELL\nENV PATH=/x:$PATH\nLABEL a=${MISSING:-none}\n', fixable: true },
  { code: 'MultipleInstructionsDisallowed', bad: 'FROM alpine\nCMD ["a"]\nCMD ["b"]\n', good: 'FROM alpine\nCMD ["a"]\nFROM alpine\nCMD ["b"]\n', fixable: true },
  { code: 'LegacyKeyValueFormat', bad: 'FROM alpine\nENV GREETING hello world\n', good: 'FROM alpine\nENV GREETING="hello world"\nLABEL a=b\n', fixable: true },
  { code: 'RedundantTargetPlatform', bad: 'FROM --platform=$TARGETPLATFORM alpine\n', good: 'FROM --platform=$BUILDPLATFORM alpine\nFROM alpine\n', fixable: true },
  { code: 'SecretsUsedInArgOrEnv', bad: 'FROM alpine\nARG AWS_SECRET_ACCESS_KEY\nENV githubToken=x\n', good: 'FROM alpine\nARG PUBLIC_KEY_URL\nENV KEYBOARD=us TOKENIZER=bpe MONKEY=1\n' },
  { code: 'InvalidDefaultArgInFrom', bad: 'ARG TAG\nFROM busybox:${TAG}\n', good: 'ARG TAG=latest\nFROM busybox:${TAG}\nARG IMAGE=alpine\nFROM ${IMAGE}\nFROM alpine:$BUILDVARIANT\n' },
  { code: 'FromPlatformFlagConstDisallowed', bad: 'FROM --platform=linux/amd64 alpine AS build\n', good: 'FROM --platform=$BUILDPLATFORM alpine AS build\nFROM --platform=linux/arm64 alpine AS build_arm64\n' },
  {
    code: 'CopyIgnoredFile', bad: 'FROM alpine\nCOPY secrets/key.pem /k\nADD ./node_modules /n\n', good: 'FROM alpine\nCOPY src /src\nCOPY keep.md /k\nCOPY --from=build secrets/key.pem /k\n',
    options: { dockerignore: ['secrets', 'node_modules', '*.md', '!keep.md'] },
  },
  { code: 'InvalidDefinitionDescription', bad: '# check=experimental=InvalidDefinitionDescription\n# the version to build\nARG VERSION=1\nFROM alpine\n', good: '# check=experimental=InvalidDefinitionDescription\n# VERSION the version to build\nARG VERSION=1\n\n# unrelated note\n\nFROM alpine AS base\n# base stage\n' },
  { code: 'ExposeProtoCasing', bad: 'FROM alpine\nEXPOSE 80/TCP\n', good: 'FROM alpine\nEXPOSE 80/tcp 53/udp 8080\n', fixable: true },
  { code: 'ExposeInvalidFormat', bad: 'FROM alpine\nEXPOSE 127.0.0.1:8080:80\n', good: 'FROM alpine\nEXPOSE 80 443/tcp 8000-8010\n', fixable: true },
  {
    code: 'InvalidBaseImagePlatform', bad: 'FROM app:arm\n', good: 'FROM app:amd\nFROM --platform=linux/arm64 app:arm\nFROM unknown:tag\n',
    options: { images: [{ ref: 'app:arm', platforms: ['linux/arm64'] }, { ref: 'app:amd', platforms: ['linux/amd64'] }], enginePlatform: 'linux/amd64' },
  },
  {
    code: 'MalformedExecForm', bad: 'FROM alpine\nCMD ["echo", "hi"\nENTRYPOINT ["a" "b"]\nSHELL ["sh", "-c",]\nHEALTHCHECK CMD ["curl", "-f", "x\nRUN ["a", \\\n  "b"\n',
    good: 'FROM alpine\nCMD ["echo", "hi"]\nRUN [ -f /etc/os-release ] && echo ok\nRUN [ "$A" = "b" ] || true\nRUN ["a", \\\n  "b"]\nENTRYPOINT echo [x]\n', fixable: true,
  },
  { code: 'UnknownFlag', bad: 'FROM alpine\nCOPY --frm=build /a /b\n', good: 'FROM alpine\nADD --unpack=true --checksum=sha256:0 --keep-git-dir=true --link --exclude=*.md a /b\nCOPY --parents --chmod=755 --link a /b\nRUN --mount=type=cache,target=/c --network=none --security=sandbox true\n', fixable: true },
];
