import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAge, formatPorts, formatSize } from '../../src/views/format';
import { containerItem } from '../../src/views/containerItems';
import type { ContainerSummary } from '../../src/engine/types';

describe('presentation', () => {
  it('formats sizes the way docker does (decimal units)', () => {
    assert.equal(formatSize(0), '0 B');
    assert.equal(formatSize(1_500), '1.5 kB');
    assert.equal(formatSize(4_200_000), '4.2 MB');
    assert.equal(formatSize(123_000_000), '123 MB');
  });

  it('formats ages relative to now', () => {
    const now = 1_700_000_000_000;
    assert.equal(formatAge(now / 1000 - 5, now), 'just now');
    assert.equal(formatAge(now / 1000 - 60, now), '1 minute ago');
    assert.equal(formatAge(now / 1000 - 3 * 86400, now), '3 days ago');
  });

  it('lists published ports first and folds IPv4/IPv6 duplicates', () => {
    assert.equal(
      formatPorts([
        { privatePort: 443, type: 'tcp' },
        { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' },
        { privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' },
        { privatePort: 53, publicPort: 5353, ip: '127.0.0.1', type: 'udp' },
      ]),
      '127.0.0.1:5353→53/udp, 8080→80/tcp, 443/tcp',
    );
  });

  it('gives a container item a context value that names its state', () => {
    const c: ContainerSummary = {
      id: 'abc', name: 'web', image: 'nginx', imageId: 'sha256:1', command: 'nginx', created: 0,
      state: 'paused', status: 'Up 1 minute (Paused)', ports: [], labels: {}, mounts: [], networks: [],
    };
    const item = containerItem(c);
    assert.equal(item.contextValue, 'container.paused');
    assert.equal(item.id, 'container:abc');
    assert.equal(item.icon.id, 'debug-pause');
  });
});
