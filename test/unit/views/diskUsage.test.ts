import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diskUsageReport } from '../../../src/views/diskUsage';

describe('disk usage report', () => {
  it('sums images, containers, volumes and build cache with what is reclaimable', () => {
    const report = diskUsageReport({
      layersSize: 5_000_000,
      images: [
        { id: 'sha256:a', repoTags: ['busybox:local'], size: 4_000_000, sharedSize: 0, containers: 1 },
        { id: 'sha256:b', repoTags: [], size: 1_000_000, sharedSize: 0, containers: 0 },
      ],
      containers: [
        { id: '1', name: 'web', sizeRw: 2_000, sizeRootFs: 4_002_000, state: 'running' },
        { id: '2', name: 'old', sizeRw: 3_000, sizeRootFs: 4_003_000, state: 'exited' },
      ],
      volumes: [{ name: 'data', size: 10_000, refCount: 1 }, { name: 'left', size: 20_000, refCount: 0 }],
      buildCache: [],
    }, 'unix:///run/docker.sock');
    assert.match(report, /^# Disk usage of unix:\/\/\/run\/docker\.sock/);
    assert.match(report, /\| Images \| 2 \| 1 \| 5\.0 MB \| 1\.0 MB \|/);
    assert.match(report, /\| Containers \| 2 \| 1 \| 5\.0 kB \| 3\.0 kB \|/);
    assert.match(report, /\| Local volumes \| 2 \| 1 \| 30 kB \| 20 kB \|/);
    assert.match(report, /\| <none> b \| 1\.0 MB \|/);
  });
});
