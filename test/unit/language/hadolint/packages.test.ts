/** The package-manager rules (apt, apk, yum, dnf, zypper, pip, npm, gem, yarn, go) on real Dockerfiles. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, expectFixedClean, expectRule, lint } from './helpers';

const D = (body: string) => `FROM debian:12\n${body}\n`;

test('DL3008 flags each unpinned apt-get package at its word, not pinned or local ones', () => {
  const bad = D('RUN apt-get update && apt-get install -y --no-install-recommends curl "wget" ca-certificates=2023 ./local.deb');
  const found = expectRule('DL3008', bad, D('RUN apt-get install -y -t bookworm-backports curl=7.88.1-10 ./x.deb'), {}, 2);
  assert.deepEqual(found.map((f) => covered(bad, f)), ['curl', '"wget"']);
});

test('DL3009 wants the apt lists removed where apt-get update ran; the fix appends the cleanup', () => {
  const bad = D('RUN apt-get update && apt-get install -y curl');
  expectRule('DL3009', bad, D('RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'));
  assert.equal(expectFixedClean('DL3009', bad), D('RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'));
  const multi = D('RUN apt-get update \\\n    && apt-get install -y curl # tools');
  assert.equal(expectFixedClean('DL3009', multi), D('RUN apt-get update \\\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/* # tools'));
  assert.deepEqual(lint('DL3009', D('RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update')), []);
  assert.deepEqual(lint('DL3009', D('RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update')), []);
  // A builder stage that is only copied from does not ship its layers.
  assert.deepEqual(lint('DL3009', 'FROM debian:12 AS build\nRUN apt-get update\nFROM scratch\nCOPY --from=build /x /x\n'), []);
});

test('DL3014 wants -y for apt-get install; the fix adds it', () => {
  const bad = D('RUN apt-get install curl=1');
  expectRule('DL3014', bad, D('RUN apt-get -qq install curl=1 && apt-get install --yes x=1 && apt-get install -qy z=1'));
  assert.equal(expectFixedClean('DL3014', bad), D('RUN apt-get install -y curl=1'));
});

test('DL3015 wants --no-install-recommends; the fix adds it', () => {
  const bad = D('RUN apt-get install -y curl=1');
  expectRule('DL3015', bad, D('RUN apt-get -o APT::Install-Recommends=false install -y curl=1 && apt-get install --no-install-recommends -y x=1'));
  assert.equal(expectFixedClean('DL3015', bad), D('RUN apt-get install --no-install-recommends -y curl=1'));
});

test('DL3027 flags apt and the fix switches to apt-get', () => {
  const bad = D('RUN apt install -y curl=1 && apt search x');
  expectRule('DL3027', bad, D('RUN apt-get install -y curl=1 && echo apt'), {}, 2);
  assert.equal(expectFixedClean('DL3027', bad), D('RUN apt-get install -y curl=1 && apt-cache search x'));
});

test('DL3018 flags unpinned apk packages, DL3019 wants --no-cache (fixable)', () => {
  const A = (body: string) => `FROM alpine:3.20\n${body}\n`;
  expectRule('DL3018', A('RUN apk add --no-cache -t .deps curl bash=5.2'), A('RUN apk add --no-cache --virtual .deps curl=8.9 bash=5.2 ./x.apk'), {}, 1);
  expectRule('DL3019', A('RUN apk update && apk add curl=8'), A('RUN apk add --no-cache curl=8'));
  assert.equal(expectFixedClean('DL3019', A('RUN apk add curl=8')), A('RUN apk add --no-cache curl=8'));
  assert.deepEqual(lint('DL3019', A('RUN --mount=type=cache,target=/var/cache/apk apk add curl=8')), []);
});

test('yum: DL3030 -y (fixable), DL3032 clean all (fixable), DL3033 versions', () => {
  const R = (body: string) => `FROM centos:7\n${body}\n`;
  expectRule('DL3030', R('RUN yum install httpd-2.4'), R('RUN yum install -y httpd-2.4 && yum install --assumeyes x-1'));
  assert.equal(expectFixedClean('DL3030', R('RUN yum install httpd-2.4')), R('RUN yum install -y httpd-2.4'));
  expectRule('DL3032', R('RUN yum install -y httpd-2.4'), R('RUN yum install -y httpd-2.4 && yum clean all'));
  assert.equal(expectFixedClean('DL3032', R('RUN yum install -y httpd-2.4')), R('RUN yum install -y httpd-2.4 && yum clean all'));
  expectRule('DL3033', R('RUN yum install -y httpd && yum clean all'), R('RUN yum install -y httpd-2.4.6 ./local.rpm && yum clean all'), {}, 1);
});

test('dnf and microdnf: DL3038 -y (fixable), DL3040 clean all (fixable), DL3041 versions', () => {
  const F = (body: string) => `FROM fedora:40\n${body}\n`;
  expectRule('DL3038', F('RUN dnf install httpd-2.4'), F('RUN dnf install -y httpd-2.4'));
  assert.equal(expectFixedClean('DL3038', F('RUN microdnf install httpd-2.4')), F('RUN microdnf install -y httpd-2.4'));
  expectRule('DL3040', F('RUN dnf install -y httpd-2.4'), F('RUN dnf install -y httpd-2.4 && dnf clean all'));
  assert.equal(expectFixedClean('DL3040', F('RUN microdnf install -y x-1')), F('RUN microdnf install -y x-1 && microdnf clean all'));
  expectRule('DL3041', F('RUN dnf install -y httpd && dnf clean all'), F('RUN dnf install -y httpd-2.4.57 && dnf clean all'));
});

test('zypper: DL3034 non-interactive (fixable), DL3035 dist-upgrade, DL3036 clean (fixable), DL3037 versions', () => {
  const Z = (body: string) => `FROM opensuse/leap:15.6\n${body}\n`;
  expectRule('DL3034', Z('RUN zypper install curl=8'), Z('RUN zypper -n install curl=8 && zypper install -y x=1 && zypper --non-interactive in y=2'));
  assert.equal(expectFixedClean('DL3034', Z('RUN zypper in curl=8')), Z('RUN zypper in -y curl=8'));
  expectRule('DL3035', Z('RUN zypper -n dist-upgrade'), Z('RUN zypper -n update'));
  expectRule('DL3036', Z('RUN zypper -n install curl=8'), Z('RUN zypper -n install curl=8 && zypper clean'));
  assert.equal(expectFixedClean('DL3036', Z('RUN zypper -n install curl=8')), Z('RUN zypper -n install curl=8 && zypper clean'));
  expectRule('DL3037', Z('RUN zypper -n install curl && zypper cc'), Z('RUN zypper -n install curl=8.0 "git>=2" && zypper cc'));
});

test('DL3013 and DL3042: pip pins and --no-cache-dir (fixable)', () => {
  const P = (body: string) => `FROM python:3.12\n${body}\n`;
  const bad = P('RUN pip install --no-cache-dir requests "flask[async]" -r requirements.txt');
  const found = expectRule('DL3013', bad, P('RUN python3 -m pip install --no-cache-dir requests==2.32.3 "flask>=3" . ./pkg git+https://x/y.git@v1.2 -e ./src'), {}, 2);
  assert.deepEqual(found.map((f) => covered(bad, f)), ['requests', '"flask[async]"']);
  assert.deepEqual(lint('DL3013', P('RUN python3 -m pip install requests')).length, 1);
  expectRule('DL3042', P('RUN pip3 install requests==2'), P('RUN pip3 install --no-cache-dir requests==2'));
  assert.equal(expectFixedClean('DL3042', P('RUN python -m pip install x==1')), P('RUN python -m pip install --no-cache-dir x==1'));
  assert.deepEqual(lint('DL3042', P('ENV PIP_NO_CACHE_DIR=1\nRUN pip install x==1')), []);
});

test('DL3016 pins npm packages (scoped included), not installs from package.json', () => {
  const N = (body: string) => `FROM node:22\n${body}\n`;
  expectRule('DL3016', N('RUN npm install -g typescript @types/node'), N('RUN npm ci && npm install && npm i -g typescript@5.6 @types/node@22 ./local git+https://x/y.git#v1.2'), {}, 2);
});

test('DL3028 pins gems by :version or -v', () => {
  const R = (body: string) => `FROM ruby:3.3\n${body}\n`;
  expectRule('DL3028', R('RUN gem install bundler rails'), R('RUN gem install bundler:2.5.0 && gem install rails -v 7.1'), {}, 2);
});

test('DL3060 wants yarn cache clean after yarn install (fixable)', () => {
  const N = (body: string) => `FROM node:22\n${body}\n`;
  expectRule('DL3060', N('RUN yarn install --frozen-lockfile'), N('RUN yarn install --frozen-lockfile && yarn cache clean'));
  assert.equal(expectFixedClean('DL3060', N('RUN yarn')), N('RUN yarn && yarn cache clean'));
  assert.deepEqual(lint('DL3060', N('RUN yarn build')), []);
});

test('DL3062 pins go install module paths', () => {
  const G = (body: string) => `FROM golang:1.23\n${body}\n`;
  expectRule('DL3062', G('RUN go install golang.org/x/tools/gopls'), G('RUN go install golang.org/x/tools/gopls@v0.16.2 && go install ./cmd/... && go run main.go'));
});

test('heredoc RUN bodies are linted like shell-form ones', () => {
  const text = D('RUN <<EOF\napt-get update\napt-get install curl\nEOF');
  assert.equal(lint('DL3014', text).length, 1);
  assert.equal(lint('DL3009', text).length, 1);
  assert.deepEqual(lint('DL3009', text)[0].fixes, [], 'no append fix inside a heredoc');
});

test('exec-form RUN is checked as argv', () => {
  assert.equal(lint('DL3014', D('RUN ["apt-get", "install", "curl=1"]')).length, 1);
});
