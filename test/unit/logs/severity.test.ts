import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Severity, severityOf, statedSeverity } from '../../../src/logs/severity';

describe('log line severity', () => {
  const cases: [string, Severity | undefined][] = [
    ['2024-05-01 10:00:00 ERROR could not connect', Severity.Error],
    ['FATAL: the database system is shutting down', Severity.Error],
    ['panic: runtime error: index out of range', undefined],
    ['time="2024-05-01T10:00:00Z" level=error msg="boom"', Severity.Error],
    ['{"level":"warn","msg":"slow"}', Severity.Warning],
    ['{"severity": "INFO", "message": "up"}', Severity.Info],
    ['2024/05/01 10:00:00 [error] 7#7: *1 open() failed', Severity.Error],
    ['2024/05/01 10:00:00 [notice] 1#1: start worker processes', Severity.Info],
    ['[WARN] deprecated flag', Severity.Warning],
    ['WARNING: no swap limit support', Severity.Warning],
    ['I1207 10:00:00.000000       1 server.go:42] listening', Severity.Info],
    ['E1207 10:00:00.000000       1 server.go:42] failed', Severity.Error],
    ['<3>kernel: oops', Severity.Error],
    ['<6>kernel: fine', Severity.Info],
    ['no error was found, all is well', undefined],
    ['Information about the terrorist film', undefined],
    ['GET /errors 200', undefined],
  ];
  for (const [line, expected] of cases) it(`${JSON.stringify(line)} → ${expected ?? 'none stated'}`, () => assert.equal(statedSeverity(line), expected));

  it('looks for a level near the start only, so a long line costs little', () => {
    assert.equal(statedSeverity(`${'x'.repeat(300)} ERROR`), undefined);
  });

  it('falls back to the stream: stderr without a level is an error, stdout none', () => {
    assert.equal(severityOf('something happened', true), Severity.Error);
    assert.equal(severityOf('something happened', false), Severity.None);
    assert.equal(severityOf('INFO starting', true), Severity.Info, 'the line\'s own level wins over stderr');
  });
});
