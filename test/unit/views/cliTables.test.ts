import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changesText, historyText, sizesText } from '../../../src/views/cliTables';
import { validateGracePeriod, validateIpv6Subnet } from '../../../src/engine/validate';
import type { ContainerSummaryWithSize } from '../../../src/engine/types';

describe('what diff, history and ps -s print', () => {
  it('lists changes with the CLI\'s letters, and says when there are none', () => {
    assert.equal(changesText('web', [{ path: '/tmp', kind: 'changed' }, { path: '/tmp/x', kind: 'added' }, { path: '/etc/motd', kind: 'deleted' }]),
      '# docker diff web (A added, C changed, D deleted)\nC /tmp\nA /tmp/x\nD /etc/motd\n');
    assert.match(changesText('web', []), /No changes against the image/);
  });

  it('lists layers newest first in aligned columns', () => {
    const now = Date.UTC(2026, 0, 10);
    const text = historyText('app:dev', [
      { id: 'sha256:0123456789abcdef', created: now / 1000 - 3600, createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', tags: ['app:dev'], size: 0, comment: '' },
      { id: '<missing>', created: now / 1000 - 86400 * 3, createdBy: '', tags: [], size: 1_300_000, comment: 'Imported from -' },
    ], now);
    const lines = text.split('\n');
    assert.equal(lines[0], '# docker history app:dev');
    assert.match(lines[1], /^IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT$/);
    assert.match(lines[2], /^0123456789ab\s+/);
    assert.match(lines[3], /^<missing>\s+.*Imported from -$/);
    assert.equal(lines[2].indexOf('/bin/sh'), lines[1].indexOf('CREATED BY'), 'columns line up');
  });

  it('lists container sizes, largest writable layer first', () => {
    const base = { id: 'x', image: 'busybox:local', imageId: '', command: '', created: 0, status: '', ports: [], labels: {}, networks: [], mounts: [] };
    const text = sizesText([
      { ...base, name: 'small', state: 'exited', sizeRw: 10, sizeRootFs: 1000 },
      { ...base, name: 'big', state: 'running', sizeRw: 2048, sizeRootFs: 4096 },
    ] as unknown as ContainerSummaryWithSize[]);
    const rows = text.split('\n').slice(2);
    assert.match(rows[0], /^big\s+busybox:local\s+running\s+2\.0 kB\s+\(virtual 4\.1 kB\)$/);
    assert.match(rows[1], /^small /);
  });

  it('validates a grace period and an IPv6 subnet before the engine sees them', () => {
    assert.equal(validateGracePeriod('30'), undefined);
    assert.equal(validateGracePeriod('0'), undefined);
    assert.match(validateGracePeriod('-1') ?? '', /not a whole number of seconds/);
    assert.match(validateGracePeriod('99999') ?? '', /at most 3600/);
    assert.equal(validateIpv6Subnet('fd00:42::/64'), undefined);
    assert.match(validateIpv6Subnet('10.0.0.0/8') ?? '', /IPv6 needs an IPv6 one/);
    assert.match(validateIpv6Subnet('fd00::/129') ?? '', /prefix length/);
  });
});
