/** Podman's answers read as dockerd's: the pure parts, pinned with what Podman 4.3.1 sent in the engine tier. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toEngineError } from '../../../src/engine/errors';
import { toEngineEvent } from '../../../src/engine/events';
import { toSearchResult } from '../../../src/engine/images';
import {
  bindAsWritten, buildStepOf, engineIdentityLabel, engineIdentityOf, leaseRangeCidr, loadedImages, splitTopRow, splitTopTitles, withSha256,
} from '../../../src/engine/podman';
import { normalizeImageReference, sameImageReference } from '../../../src/engine/validate';

describe('Podman differences', () => {
  it('tells Podman from Docker by the "Podman Engine" component of /version', () => {
    const podman = engineIdentityOf({ Version: '4.3.1', Components: [{ Name: 'Podman Engine', Version: '4.3.1' }, { Name: 'Conmon', Version: 'conmon version 2.1.6' }] });
    assert.deepEqual(podman, { kind: 'podman', version: '4.3.1' });
    assert.equal(engineIdentityLabel(podman), 'Podman 4.3.1');
    const docker = engineIdentityOf({ Version: '20.10.24+dfsg1', Components: [{ Name: 'Engine', Version: '20.10.24+dfsg1' }, { Name: 'containerd', Version: '1.6.20' }] });
    assert.deepEqual(docker, { kind: 'docker', version: '20.10.24+dfsg1' });
    assert.deepEqual(engineIdentityOf({}), { kind: 'docker', version: '' });
  });

  it('classifies Podman\'s 500s by their cause, keeping the status that came', () => {
    const podman500 = (cause: string, message: string) => Object.assign(new Error(`(HTTP code 500) server error - ${message}`), { statusCode: 500, json: { cause, message, response: 500 } });
    const table: [string, string, string][] = [
      ['container state improper', 'cannot remove container x as it is running: container state improper', 'conflict'],
      ['that name is already in use', 'creating container storage: the container name "a" is already in use', 'conflict'],
      ['network is being used', '"n" has associated containers with it: network is being used', 'conflict'],
      ['invalid argument', 'names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument', 'badRequest'],
      ['OCI permission denied', 'runc: runc create failed: OCI permission denied', 'server'],
    ];
    for (const [cause, message, kind] of table) {
      const error = toEngineError(podman500(cause, message), 'unix:///p.sock (test)');
      assert.equal(error.kind, kind, cause);
      assert.equal(error.statusCode, 500);
    }
    const missing = toEngineError(Object.assign(new Error('x'), { statusCode: 500, json: { message: 'initializing source docker://localhost:5000/a:b: reading manifest b in localhost:5000/a: manifest unknown: manifest unknown' } }), 'e');
    assert.equal(missing.kind, 'notFound');
    // The same cause text from dockerd's 409 is a conflict by its status anyway; a 500 without a known cause stays a server failure.
    assert.equal(toEngineError(Object.assign(new Error('x'), { statusCode: 500, json: { message: 'boom' } }), 'e').kind, 'server');
  });

  it('reads top, load, build steps, search results, lease ranges and binds in Podman\'s shapes', () => {
    assert.deepEqual(splitTopTitles(['PID   USER     COMMAND']), ['PID', 'USER', 'COMMAND']);
    assert.deepEqual(splitTopTitles(['UID', 'PID']), ['UID', 'PID']);
    assert.deepEqual(splitTopRow(['1 root     sleep 300'], 3), ['1', 'root', 'sleep 300']);
    assert.deepEqual(splitTopRow(['root', '1', 'sleep 300'], 3), ['root', '1', 'sleep 300']);
    assert.deepEqual(loadedImages('Loaded image: localhost/a:v2, docker.io/library/b:v1\n'), ['localhost/a:v2', 'docker.io/library/b:v1']);
    assert.deepEqual(loadedImages('Loaded image: a:v1'), ['a:v1']);
    assert.deepEqual(loadedImages('Loaded image ID: sha256:abc'), ['sha256:abc']);
    assert.deepEqual(buildStepOf('STEP 3/3: RUN exit 3\n'), { index: 3, total: 3, instruction: 'RUN exit 3' });
    assert.deepEqual(buildStepOf('Step 2/5 : RUN make\n'), { index: 2, total: 5, instruction: 'RUN make' });
    assert.equal(buildStepOf('--> 1f2e3d'), undefined);
    assert.deepEqual(toSearchResult({ Index: 'localhost:5000', Name: 'localhost:5000/berth/x', Description: '', Stars: 0, Official: '', Automated: '[OK]' } as never),
      { name: 'localhost:5000/berth/x', description: '', stars: 0, official: false, automated: true });
    assert.deepEqual(toSearchResult({ name: 'app', description: 'd', star_count: 7, is_official: true, is_automated: false }), { name: 'app', description: 'd', stars: 7, official: true, automated: false });
    assert.equal(leaseRangeCidr({ start_ip: '10.231.5.1', end_ip: '10.231.5.255' }), '10.231.5.0/24');
    assert.equal(leaseRangeCidr({ start_ip: '10.231.4.0', end_ip: '10.231.5.255' }), '10.231.4.0/23');
    assert.equal(leaseRangeCidr({ start_ip: '10.0.0.5', end_ip: '10.0.0.9' }), '10.0.0.5-10.0.0.9');
    assert.equal(leaseRangeCidr(undefined), undefined);
    assert.equal(bindAsWritten('/tmp:/host:ro,rprivate,rbind'), '/tmp:/host:ro');
    assert.equal(bindAsWritten('/etc:/e:rw,rprivate,rbind'), '/etc:/e');
    assert.equal(bindAsWritten('vol:/data'), 'vol:/data');
    assert.equal(withSha256('a'.repeat(64)), `sha256:${'a'.repeat(64)}`);
    assert.equal(withSha256(`sha256:${'a'.repeat(64)}`), `sha256:${'a'.repeat(64)}`);
  });

  it('names a removed container `destroy` whichever engine sent it', () => {
    assert.equal(toEngineEvent({ Type: 'container', Action: 'remove', Actor: { ID: 'c1' } }).action, 'destroy');
    assert.equal(toEngineEvent({ Type: 'volume', Action: 'remove', Actor: { ID: 'v' } }).action, 'remove');
    assert.equal(toEngineEvent({ Type: 'container', Action: 'destroy', Actor: { ID: 'c1' } }).action, 'destroy');
  });

  it('compares references in one form: Podman\'s fully qualified names equal dockerd\'s familiar ones', () => {
    const table: [string, string][] = [
      ['localhost/busybox:local', 'busybox:local'],
      ['docker.io/library/app:v1', 'app:v1'],
      ['docker.io/user/app', 'user/app:latest'],
      ['localhost/team/app:v1', 'team/app:v1'],
      ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
      [`sha256:${'b'.repeat(64)}`, 'b'.repeat(64)],
    ];
    for (const [input, expected] of table) assert.equal(normalizeImageReference(input), expected, input);
    assert.ok(sameImageReference('localhost/busybox:local', 'busybox:local'));
    assert.ok(sameImageReference('app', 'docker.io/library/app:latest'));
    assert.ok(!sameImageReference('localhost:5000/app:v1', 'app:v1'));
  });
});
