import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { changedParams, enginePlatformOf, lintSettingsOf, localImageRefs } from '../../../src/language/inputs';
import type { ImageSummary } from '../../../src/engine/types';
import type { LocalImagesParams } from '../../../src/language/protocol';

const image = (repoTags: string[]): ImageSummary => ({ id: 'sha256:x', repoTags, repoDigests: [], created: 0, size: 0, labels: {}, containers: 0 });

describe('language client inputs', () => {
  it('offers every tag once, sorted, without untagged placeholders', () => {
    assert.deepEqual(localImageRefs([image(['busybox:local', 'alpine:3']), image(['<none>:<none>']), image(['alpine:3']), image([])]), ['alpine:3', 'busybox:local']);
  });

  it('reads lint settings from the config, copying the map', () => {
    const severity = { DL3008: 'off' as const };
    const lint = lintSettingsOf({ 'lint.enabled': false, 'lint.severity': severity, 'shellcheck.path': '/opt/bin/shellcheck' });
    assert.deepEqual(lint, { enabled: false, severity: { DL3008: 'off' }, shellcheckPath: '/opt/bin/shellcheck' });
    assert.notEqual(lint.severity, severity);
  });

  it('names the engine platform only when it knows both halves', () => {
    assert.equal(enginePlatformOf({ os: 'linux', arch: 'arm64' }), 'linux/arm64');
    assert.equal(enginePlatformOf({ os: 'linux' }), undefined);
    assert.equal(enginePlatformOf(undefined), undefined);
  });

  it('sends only what differs from the last send', () => {
    const a: LocalImagesParams = { images: ['a:1'], enginePlatform: 'linux/amd64' };
    assert.equal(changedParams(a, undefined), a);
    assert.equal(changedParams({ ...a }, a), undefined);
    assert.deepEqual(changedParams({ images: ['a:1', 'b:2'] }, a), { images: ['a:1', 'b:2'] });
  });
});
