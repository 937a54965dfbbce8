/**
 * Every kind of input a person types has one validator, and each refuses a bad value
 * with one sentence that says what is wrong. The host tier's faultsInput suite drives
 * the same validators through the commands; this table pins their words.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { validateEntryName } from '../../src/commands/files';
import { validateEndpointUrl } from '../../src/engine/endpoint';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { checkIpam } from '../../src/engine/networks';
import {
  validateBind, validateContainerDirectory, validateContainerName, validateEnvLine, validateExecUser, validateExtraHost, validateImageReference, validateIp, validateName,
  validateRegistryHost, validateSubnet, validateVolumeName,
} from '../../src/engine/validate';
import { parseCommitChanges } from '../../src/files/commitChanges';
import { checkHostDestination, checkHostFile, checkHostSources } from '../../src/files/hostFiles';
import {
  checkAbsolutePath, checkCommand, checkCpus, checkHostname, checkImage, checkLabel, checkMemory, checkNetwork, checkPort, checkRestart, checkUser,
} from '../../src/run/options';
import { splitArgv } from '../../src/terminals/argv';
import { assertOneSentence, sentenceProblem } from '../support/sentences';

type Check = (value: string) => string | undefined;

/** [what, validator, bad value, what the sentence must say] */
const rows: [string, Check, string, RegExp][] = [
  ['image reference', validateImageReference, '', /empty/],
  ['image reference', validateImageReference, 'My/App', /"My\/App" must be lowercase|repository name "App" must be lowercase/],
  ['image reference', validateImageReference, 'app:tag with space', /contains whitespace/],
  ['image reference', validateImageReference, 'app:-bad', /"-bad" is not a valid tag/],
  ['image reference', validateImageReference, 'app@sha256:xyz', /"sha256:xyz" is not a digest/],
  ['image reference', validateImageReference, 'localhost:99999/app', /port 99999 .* outside 1-65535/],
  ['image reference', checkImage, ' ', /image to run is empty/],
  ['registry host', validateRegistryHost, 'not a host!', /"not a host!" is not a registry host/],
  ['registry host', validateRegistryHost, 'registry.example.com:99999', /port 99999 .* outside 1-65535/],
  ['registry host', validateRegistryHost, '', /empty/],
  ['port spec', checkPort, '70000:80', /"70000:80".*host port 70000 is outside 1-65535/],
  ['port spec', checkPort, '80:abc', /"80:abc".*container port "abc" is not a number/],
  ['port spec', checkPort, '8080-8081:80', /differ in length/],
  ['port spec', checkPort, '80/icmp', /"icmp" is not a protocol/],
  ['port spec', checkPort, '999.1.1.1:80:80', /"999\.1\.1\.1" is not an IP address/],
  ['env line', validateEnvLine, '=x', /"=x" has no variable name/],
  ['env line', validateEnvLine, 'MY VAR=1', /"MY VAR" contains whitespace/],
  ['bind', validateBind, 'relative/path:/data', /host path "relative\/path" is relative/],
  ['bind', validateBind, '/host:relative', /container path "relative" must be absolute/],
  ['bind', validateBind, '/host:/data:rox', /"rox" is not a mount option/],
  ['bind', validateBind, '/only-one-part', /is not host-path-or-volume:container-path/],
  ['bind', validateBind, ':/data', /has no host path or volume name/],
  ['subnet', validateSubnet, '10.1.0.0', /"10\.1\.0\.0" is not a subnet/],
  ['subnet', validateSubnet, '10.1.0.0/33', /prefix length "\/33" must be a number from 0 to 32/],
  ['subnet', validateSubnet, '300.1.0.0/16', /"300\.1\.0\.0" has an octet above 255/],
  ['subnet', validateSubnet, 'fd00::/129', /from 0 to 128/],
  ['IP range', (v) => checkIpam({ subnet: '10.1.0.0/16', ipRange: v }), '10.9.0.0/24', /IP range 10\.9\.0\.0\/24 is not inside the subnet 10\.1\.0\.0\/16/],
  ['gateway', (v) => checkIpam({ subnet: '10.1.0.0/16', gateway: v }), '10.9.0.1', /gateway 10\.9\.0\.1 is not inside the subnet/],
  ['gateway', (v) => checkIpam({ gateway: v }), '10.9.0.1', /gateway needs a subnet/],
  ['IP address', validateIp, '8.8.8', /"8\.8\.8" is not an IP address/],
  ['IP address', validateIp, '1::2::3', /"1::2::3" is not an IP address/],
  ['IP address', validateIp, 'fe80:::1', /not an IP address/],
  ['extra host', validateExtraHost, 'db', /"db" is not host:ip/],
  ['extra host', validateExtraHost, 'db:999.0.0.1', /octet above 255/],
  ['container name', validateContainerName, 'a', /"a" is not a valid container name \(at least two/],
  ['container name', validateContainerName, '-web', /"-web" is not a valid container name/],
  ['container name', validateContainerName, 'my web', /"my web" is not a valid container name/],
  ['volume name', validateVolumeName, 'v', /"v" is not a valid volume name/],
  ['network name', validateName, 'bad name', /"bad name" is not a valid name/],
  ['endpoint', validateEndpointUrl, 'http//engine', /"http\/\/engine" is not an engine endpoint/],
  ['endpoint', validateEndpointUrl, 'tcp://engine:99999', /not an engine endpoint/],
  ['endpoint', validateEndpointUrl, 'tcp://:2375', /not an engine endpoint/],
  ['endpoint', validateEndpointUrl, 'unix://', /not an engine endpoint/],
  ['restart policy', checkRestart, 'sometimes', /"sometimes" is not a restart policy/],
  ['restart policy', checkRestart, 'always:3', /Only on-failure takes a maximum retry count/],
  ['memory', checkMemory, 'lots', /"lots" is not a size/],
  ['memory', checkMemory, '1k', /at least 6m/],
  ['CPUs', checkCpus, '-1', /"-1" is not a number of CPUs/],
  ['host name', checkHostname, 'bad_host', /"bad_host" is not a host name/],
  ['user', checkUser, 'a b', /"a b" is not user\[:group\]/],
  ['exec user', validateExecUser, 'app:staff:extra', /"app:staff:extra" is not user\[:group\]/],
  ['exec user', validateExecUser, 'root;id', /"root;id" is not user\[:group\]/],
  ['exec user', validateExecUser, ':1000', /":1000" is not user\[:group\]/],
  ['exec directory', validateContainerDirectory, 'srv/app', /working directory "srv\/app" must be an absolute path/],
  ['exec directory', validateContainerDirectory, '/srv\napp', /contains a line break/],
  ['label', checkLabel, '=x', /"=x" has no label key/],
  ['working directory', (v) => checkAbsolutePath(v, 'working directory'), 'app', /working directory "app" must be an absolute path/],
  ['command', checkCommand, 'echo "open', /double quote is not closed/],
  ['network', (v) => checkNetwork(v, ['backend']), 'nosuch', /There is no network "nosuch" on this engine/],
  ['file name', validateEntryName, 'a/b', /cannot contain "\/"/],
  ['file name', validateEntryName, '..', /cannot be a file name/],
  ['commit changes', (v) => { const p = parseCommitChanges(v); return p.ok ? undefined : p.error; }, 'RUN rm -rf /', /"RUN rm -rf \/" is not one of CMD/],
  ['commit changes', (v) => { const p = parseCommitChanges(v); return p.ok ? undefined : p.error; }, 'EXPOSE web', /EXPOSE takes ports/],
  ['exec command line', (v) => { try { splitArgv(v); return undefined; } catch (e) { return (e as Error).message; } }, 'echo "open', /Unterminated double quote/],
  ['exec command line', (v) => { try { splitArgv(v); return undefined; } catch (e) { return (e as Error).message; } }, "echo 'open", /Unterminated single quote/],
];

describe('bad input: one sentence that says what is wrong', () => {
  for (const [what, check, value, says] of rows) {
    it(`${what}: ${JSON.stringify(value)}`, () => assertOneSentence(check(value), says, `${what} ${JSON.stringify(value)}`));
  }

  it('the sentence check itself tells one sentence from two', () => {
    assert.equal(sentenceProblem('"a.b" is not a name (e.g. web. or db).'), undefined);
    assert.match(sentenceProblem('Bad port. Write 8080:80.') ?? '', /more than one sentence/);
    assert.match(sentenceProblem('Error: ENOENT') ?? '', /raw error/);
    assert.match(sentenceProblem('no full stop') ?? '', /full stop/);
    const deep = `/tmp/${'a-folder-of-someone-with-long-names/'.repeat(4)}berth`;
    assert.equal(sentenceProblem(`The Dockerfile ${deep}/Dockerfile is outside the build context ${deep}/sub.`), undefined, 'paths are not wordiness');
    assert.match(sentenceProblem(`${'Too many words here. '.repeat(12).replace(/\. /g, ', ')}end.`) ?? '', /longer than 240/);
  });

  it('accepts the good values next to each bad one', () => {
    for (const [check, value] of [
      [validateImageReference, '127.0.0.1:5000/team/app:dev'], [validateRegistryHost, '127.0.0.1:5000'], [checkPort, '127.0.0.1:8080:80/udp'],
      [validateEnvLine, 'A=b=c'], [validateBind, 'cache:/cache:ro'], [validateSubnet, '10.42.0.0/16'], [validateIp, 'fe80::1'],
      [validateContainerName, 'ab'], [validateVolumeName, 'db-data'], [validateEndpointUrl, 'tcp://127.0.0.1:2376'], [validateEndpointUrl, 'ssh://me@box'],
    ] as [Check, string][]) assert.equal(check(value), undefined, value);
  });
});

describe('bad host paths are refused before the engine is asked', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-badinput-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says which destination cannot be written and why', async () => {
    assertOneSentence(await checkHostDestination(path.join(dir, 'missing', 'out.tar')), /the folder .*missing does not exist/);
    assertOneSentence(await checkHostDestination(dir), /it is a folder; choose a file name/);
    assert.equal(await checkHostDestination(dir, { mayReplaceFolder: true }), undefined);
    assert.equal(await checkHostDestination(path.join(dir, 'out.tar')), undefined);
  });

  it('says which source is missing or not a file', async () => {
    assertOneSentence(await checkHostFile(path.join(dir, 'nope.tar')), /There is no file at .*nope\.tar/);
    assertOneSentence(await checkHostFile(dir), /is a folder; choose a file/);
    assertOneSentence(await checkHostSources([dir, path.join(dir, 'gone')]), /There is no file or folder at .*gone/);
    assert.equal(await checkHostSources([dir]), undefined);
  });
});

describe('the engine layer checks references before any request', () => {
  // An engine that cannot reach anything: a request would fail as unreachable, so a
  // badRequest proves the check ran first.
  const engine = new Engine({ url: '', source: 'setting', why: 'no engine at all', problem: 'There is no engine in this test.' });
  after(() => engine.dispose());
  const refused = (says: RegExp) => (e: EngineError) => e.kind === 'badRequest' && says.test(e.message) && !sentenceProblem(e.message);

  it('push, tag (both sides), pull and create', async () => {
    await assert.rejects(engine.images.push('Bad Ref'), refused(/whitespace/));
    await assert.rejects(engine.images.tag('busybox:local', 'app:-x'), refused(/not a valid tag/));
    await assert.rejects(engine.images.tag('Not An Image', 'app:dev'), refused(/whitespace/));
    await assert.rejects(engine.images.pull('busybox:'), refused(/tag is empty/));
    await assert.rejects(engine.containers.create({ image: 'busybox:local', env: ['=x'] }), refused(/no variable name/));
    await assert.rejects(engine.containers.create({ image: 'busybox:local', envFiles: ['/nonexistent/berth.env'] }), refused(/There is no env file at \/nonexistent\/berth\.env/));
    await assert.rejects(engine.networks.create({ name: 'n1', subnet: '10.1.0.0/16', gateway: '10.2.0.1' }), refused(/not inside the subnet/));
    await assert.rejects(engine.system.ping(), (e: EngineError) => e.kind === 'unreachable', 'and a real request would have failed otherwise');
  });

  it('exec as a user that is not one, or in a folder that is not absolute', async () => {
    await assert.rejects(engine.containers.exec('c1', { cmd: ['sh'], user: 'root;id' }), refused(/"root;id" is not user\[:group\]/));
    await assert.rejects(engine.containers.exec('c1', { cmd: ['sh'], workdir: 'app' }), refused(/working directory "app" must be an absolute path/));
  });
});
