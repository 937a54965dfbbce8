import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  containerBasename, containerDirname, fromUriParts, isWithinContainerPath, isWithinHostPath, joinContainerPath,
  linkTargetWithin, normalizeContainerPath, toUriParts, unsafeEntryName,
} from '../../../src/files/paths';

describe('container paths', () => {
  const cases: [string, string][] = [
    ['', '/'], ['/', '/'], ['etc', '/etc'], ['/etc/', '/etc'], ['/a//b/./c', '/a/b/c'],
    ['/../../etc/passwd', '/etc/passwd'], ['/a/b/../../..', '/'], ['/my dir/ünï côdé.txt', '/my dir/ünï côdé.txt'],
  ];
  for (const [input, expected] of cases) it(`normalizes ${JSON.stringify(input)}`, () => assert.equal(normalizeContainerPath(input), expected));

  it('refuses NUL', () => assert.throws(() => normalizeContainerPath('/a\0b')));
  it('joins, splits and compares', () => {
    assert.equal(joinContainerPath('/app', '../etc'), '/etc');
    assert.equal(containerDirname('/a/b c'), '/a');
    assert.equal(containerDirname('/a'), '/');
    assert.equal(containerBasename('/a/b c'), 'b c');
    assert.equal(containerBasename('/'), '');
    assert.ok(isWithinContainerPath('/app', '/app/x'));
    assert.ok(!isWithinContainerPath('/app', '/application'));
    assert.ok(isWithinContainerPath('/', '/anything'));
  });
  it('round-trips URIs with the container as authority', () => {
    const parts = toUriParts({ containerId: 'abc123', path: 'srv/../etc/hosts' });
    assert.deepEqual(parts, { scheme: 'berth-container', authority: 'abc123', path: '/etc/hosts' });
    assert.deepEqual(fromUriParts(parts.authority, parts.path), { containerId: 'abc123', path: '/etc/hosts' });
    assert.throws(() => fromUriParts('', '/x'));
  });
});

describe('host paths for extraction', () => {
  it('refuses absolute, drive and .. entry names', () => {
    assert.equal(unsafeEntryName('a/b.txt'), undefined);
    assert.equal(unsafeEntryName('./a/ü b.txt'), undefined);
    assert.equal(unsafeEntryName('a..b'), undefined);
    assert.ok(unsafeEntryName('/etc/passwd'));
    assert.ok(unsafeEntryName('../x'));
    assert.ok(unsafeEntryName('a/../../x'));
    assert.ok(unsafeEntryName('a\\..\\..\\x'));
    assert.ok(unsafeEntryName('C:/Windows'));
    assert.ok(unsafeEntryName('a\0b'));
  });
  it('knows which links stay inside', () => {
    assert.ok(isWithinHostPath('/r', '/r/a'));
    assert.ok(!isWithinHostPath('/r', '/rx'));
    assert.equal(linkTargetWithin('/r', '/r/a/l', '../b'), '/r/b');
    assert.equal(linkTargetWithin('/r', '/r/a/l', '../../b'), undefined);
    assert.equal(linkTargetWithin('/r', '/r/l', '/etc/passwd'), undefined);
  });
});
