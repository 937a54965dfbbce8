import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommitChanges } from '../../../src/files/commitChanges';

describe('commit changes', () => {
  it('splits on ";" only before an instruction', () => {
    assert.deepEqual(parseCommitChanges('CMD ["sh", "-c", "a; b"]; expose 80 53/udp;ENV A=b c=d'), {
      ok: true, changes: ['CMD ["sh", "-c", "a; b"]', 'EXPOSE 80 53/udp', 'ENV A=b c=d'],
    });
  });
  it('takes one instruction per line too, and nothing at all', () => {
    assert.deepEqual(parseCommitChanges('WORKDIR /app\nUSER nobody\n'), { ok: true, changes: ['WORKDIR /app', 'USER nobody'] });
    assert.deepEqual(parseCommitChanges('  '), { ok: true, changes: [] });
  });
  it('says what is wrong', () => {
    assert.match((parseCommitChanges('RUN make') as { error: string }).error, /RUN make.*not one of/);
    assert.match((parseCommitChanges('CMD') as { error: string }).error, /needs an argument/);
    assert.match((parseCommitChanges('EXPOSE http') as { error: string }).error, /ports like/);
  });
});
