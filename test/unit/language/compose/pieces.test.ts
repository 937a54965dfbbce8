/** The compose server's pure pieces: interpolation, host ports, where the cursor is. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInterpolation } from '../../../../src/language/server/compose/interpolation';
import { clashes, longFormHostPorts, shortFormHostPorts } from '../../../../src/language/server/compose/ports';
import { arrayLines, cursorAt } from '../../../../src/language/server/compose/cursor';

test('interpolation: the forms compose accepts', () => {
  for (const text of ['plain', '$$literal', '$NAME', '${NAME}', '${NAME:-default}', '${NAME-default}', '${NAME:?must be set}', '${NAME?err}', '${NAME:+alt}', '${NAME+alt}', '${A:-${B:-c}}', '$', 'a$ b', '${A:-}']) {
    assert.deepEqual(checkInterpolation(text), [], text);
  }
});

test('interpolation: malformed forms, each with where it is', () => {
  assert.deepEqual(checkInterpolation('x ${NAME').map((p) => [p.start, p.end]), [[2, 8]]);
  assert.match(checkInterpolation('${}')[0].message, /names no variable/);
  assert.match(checkInterpolation('${1X}')[0].message, /not a variable name/);
  assert.match(checkInterpolation('${NAME:x}')[0].message, /not valid interpolation/);
  assert.equal(checkInterpolation('${A:-${}}').length, 1, 'nested problems are found');
});

test('ports: host side of the short and long forms', () => {
  assert.deepEqual(shortFormHostPorts('80'), []);
  assert.deepEqual(shortFormHostPorts('8080:80'), [{ ip: '', port: 8080, protocol: 'tcp' }]);
  assert.deepEqual(shortFormHostPorts('127.0.0.1:53:53/udp'), [{ ip: '127.0.0.1', port: 53, protocol: 'udp' }]);
  assert.deepEqual(shortFormHostPorts('[::1]:6001:6001'), [{ ip: '::1', port: 6001, protocol: 'tcp' }]);
  assert.deepEqual(shortFormHostPorts('9000-9001:80-81').map((p) => p.port), [9000, 9001]);
  assert.deepEqual(shortFormHostPorts('127.0.0.1::80'), []);
  assert.deepEqual(shortFormHostPorts('${PORT}:80'), []);
  assert.deepEqual(longFormHostPorts(8443, '0.0.0.0', 'TCP'), [{ ip: '', port: 8443, protocol: 'tcp' }]);
});

test('ports: all addresses clash with a specific one; different addresses or protocols do not', () => {
  const any = { ip: '', port: 80, protocol: 'tcp' };
  assert.ok(clashes(any, { ip: '127.0.0.1', port: 80, protocol: 'tcp' }));
  assert.ok(!clashes({ ip: '127.0.0.1', port: 80, protocol: 'tcp' }, { ip: '127.0.0.2', port: 80, protocol: 'tcp' }));
  assert.ok(!clashes(any, { ip: '', port: 80, protocol: 'udp' }));
});

test('cursor: the path of keys from indentation, while the line is not valid YAML yet', () => {
  const lines = arrayLines(['services:', '  web:', '    build:', '      tar', '    depends_on:', '      - d', '    volumes:', '      - type: volume', '        sou', '    image: bus', '    links: [a, b']);
  assert.deepEqual(cursorAt(lines, 3, 9), { path: ['services', 'web', 'build'], mode: 'key', prefix: 'tar', start: 6 });
  assert.deepEqual(cursorAt(lines, 5, 9), { path: ['services', 'web', 'depends_on'], mode: 'item', prefix: 'd', start: 8 });
  assert.deepEqual(cursorAt(lines, 8, 11)?.path, ['services', 'web', 'volumes', '[]']);
  assert.deepEqual(cursorAt(lines, 9, 14), { path: ['services', 'web', 'image'], mode: 'value', prefix: 'bus', start: 11 });
  assert.deepEqual(cursorAt(lines, 10, 17), { path: ['services', 'web', 'links'], mode: 'item', prefix: 'b', start: 16 });
  assert.equal(cursorAt(arrayLines(['# comment here']), 0, 10), undefined);
});
