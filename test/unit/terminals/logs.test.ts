import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineDecoder, sanitizeLine, TtyDecoder } from '../../../src/terminals/text';
import { ProcessOutput } from '../../../src/terminals/streamOutput';
import { bannerLine, formatLogLine, LogDecoder, parseSince, PendingOutput, servicePrefix, splitTimestamp, timestampKey } from '../../../src/terminals/logFormat';

/** Feeds a buffer in every possible pair of pieces, and byte by byte, to catch state kept across chunk edges. */
function splits(buffer: Buffer): Buffer[][] {
  const out: Buffer[][] = [[buffer]];
  for (let i = 1; i < buffer.length; i++) out.push([buffer.subarray(0, i), buffer.subarray(i)]);
  out.push([...buffer].map((b) => Buffer.from([b])));
  return out;
}

describe('LineDecoder and TtyDecoder', () => {
  it('keeps multi-byte characters split across chunks whole', () => {
    const bytes = Buffer.from('héllo 日本 🎉\nnext\n');
    for (const pieces of splits(bytes)) {
      const decoder = new LineDecoder();
      const lines = pieces.flatMap((p) => decoder.push(p));
      assert.deepEqual(lines, ['héllo 日本 🎉', 'next']);
      assert.equal(decoder.end(), undefined);
    }
    const tty = new TtyDecoder();
    assert.equal([...bytes].map((b) => tty.push(Buffer.from([b]))).join('') + tty.end(), bytes.toString());
  });

  it('replaces invalid UTF-8 instead of failing', () => {
    const decoder = new LineDecoder();
    assert.deepEqual(decoder.push(Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a])), ['a\ufffd\ufffdb']);
  });

  it('cuts an endless line into pieces and returns the unterminated tail at the end', () => {
    const decoder = new LineDecoder(10);
    assert.deepEqual(decoder.push(Buffer.from('x'.repeat(25))), ['x'.repeat(10), 'x'.repeat(10)]);
    assert.equal(decoder.end(), 'xxxxx');
  });
});

describe('sanitizeLine', () => {
  it('keeps plain text and colours, drops CR at the end', () => {
    assert.equal(sanitizeLine('plain\ttext'), 'plain\ttext');
    assert.equal(sanitizeLine('\x1b[32mgreen\x1b[0m'), '\x1b[32mgreen\x1b[0m');
    assert.equal(sanitizeLine('windows line\r'), 'windows line');
  });

  it('drops sequences that move the cursor or retitle the terminal, shows other controls', () => {
    assert.equal(sanitizeLine('a\x1b[2Jb\x1b[10;20Hc'), 'abc');
    assert.equal(sanitizeLine('\x1b]0;evil title\x07x'), 'x');
    assert.equal(sanitizeLine('nul\x00bell\x07'), 'nul\u2400bell\u2407');
    assert.equal(sanitizeLine('\x1bcreset'), 'reset');
    assert.equal(sanitizeLine('c1\x9b'), 'c1\ufffd');
  });
});

describe('log lines', () => {
  it('splits and normalises engine timestamps so they compare', () => {
    assert.deepEqual(splitTimestamp('2024-05-01T10:00:00.1234Z hello world'), { timestamp: '2024-05-01T10:00:00.1234Z', text: 'hello world' });
    assert.deepEqual(splitTimestamp('no timestamp here'), { text: 'no timestamp here' });
    assert.ok(timestampKey('2024-05-01T10:00:00.9Z') > timestampKey('2024-05-01T10:00:00.123456789Z'));
    assert.equal(timestampKey('2024-05-01T10:00:00Z'), '2024-05-01T10:00:00.000000000Z');
  });

  it('colours stderr, keeps it red after the program resets colours, and ends with CRLF', () => {
    assert.equal(formatLogLine({ stream: 'stdout', text: 'fine' }, { showTimestamps: false }), 'fine\r\n');
    assert.equal(formatLogLine({ stream: 'stderr', text: 'bad \x1b[1mx\x1b[0m y' }, { showTimestamps: false }), '\x1b[31mbad \x1b[1mx\x1b[0m\x1b[31m y\x1b[0m\r\n');
  });

  it('shows timestamps only when asked, after the service prefix', () => {
    const line = { stream: 'stdout' as const, timestamp: '2024-05-01T10:00:00Z', text: 'up' };
    assert.equal(formatLogLine(line, { showTimestamps: false }), 'up\r\n');
    const prefix = servicePrefix('web', 0, 5);
    assert.equal(prefix, '\x1b[36mweb   |\x1b[0m ');
    assert.equal(formatLogLine(line, { showTimestamps: true, prefix }), `${prefix}\x1b[2m2024-05-01T10:00:00Z\x1b[0m up\r\n`);
    assert.notEqual(servicePrefix('db', 1, 5), servicePrefix('db', 0, 5));
  });

  it('decodes timestamped frames per stream, keeping partial lines apart, and remembers the newest timestamp', () => {
    const decoder = new LogDecoder();
    const lines = [
      ...decoder.push('stdout', Buffer.from('2024-05-01T10:00:00.1Z one\n2024-05-01T10:00:00.3Z th')),
      ...decoder.push('stderr', Buffer.from('2024-05-01T10:00:00.2Z two\n')),
      ...decoder.push('stdout', Buffer.from('r')),
    ];
    assert.deepEqual(lines.map((l) => [l.stream, l.text]), [['stdout', 'one'], ['stderr', 'two']]);
    assert.deepEqual(decoder.end().map((l) => l.text), ['thr']);
    assert.equal(decoder.lastTimestamp, '2024-05-01T10:00:00.3Z');
  });

  it('skips lines already shown when it re-attaches after a restart', () => {
    const decoder = new LogDecoder({ after: '2024-05-01T10:00:00.2Z' });
    const lines = decoder.push('stdout', Buffer.from('2024-05-01T10:00:00.1Z old\n2024-05-01T10:00:00.2Z old too\n2024-05-01T10:00:05Z new\n'));
    assert.deepEqual(lines.map((l) => l.text), ['new']);
  });

  it('bounds what waits for the terminal and says how much it skipped', () => {
    const pending = new PendingOutput(100, 5);
    for (let i = 0; i < 20; i++) pending.push(`line ${i}\r\n`);
    assert.ok(pending.pendingBytes <= 100);
    const text = pending.take();
    assert.match(text, /15 lines skipped/);
    assert.ok(text.endsWith('line 15\r\nline 16\r\nline 17\r\nline 18\r\nline 19\r\n'));
    assert.ok(pending.isEmpty);
    pending.push('a\r\n');
    assert.equal(pending.take(), 'a\r\n');
  });

  it('keeps memory flat under a flood', () => {
    const pending = new PendingOutput(1000, 10);
    for (let i = 0; i < 200_000; i++) pending.push('0123456789\r\n');
    assert.ok(pending.pendingBytes <= 1000);
    assert.equal(pending.dropped, 200_000 - 10);
  });

  it('marks banners', () => assert.match(bannerLine('Container stopped'), /Container stopped/));

  it('parses "since" as a duration, Unix seconds or a date', () => {
    const now = Date.UTC(2024, 4, 1, 12, 0, 0);
    assert.equal(parseSince('', now), undefined);
    assert.equal(parseSince('10m', now), now / 1000 - 600);
    assert.equal(parseSince('1h30m', now), now / 1000 - 5400);
    assert.equal(parseSince('2d', now), now / 1000 - 2 * 86400);
    assert.equal(parseSince('1714564800', now), 1714564800);
    assert.equal(parseSince('2024-05-01T11:00:00Z', now), now / 1000 - 3600);
    assert.throws(() => parseSince('yesterday-ish', now));
  });
});

describe('ProcessOutput', () => {
  it('passes TTY output through untouched, split characters included', () => {
    const output = new ProcessOutput(true);
    const bytes = Buffer.from('\x1b[1;32mok\x1b[0m ✓\r\n');
    assert.equal([...bytes].map((b) => output.push('stdout', Buffer.from([b]))).join('') + output.end(), bytes.toString());
  });

  it('gives non-TTY output carriage returns and colours stderr', () => {
    const output = new ProcessOutput(false);
    assert.equal(output.push('stdout', Buffer.from('a\nb\r\n')), 'a\r\nb\r\n');
    assert.equal(output.push('stderr', Buffer.from('bad\n')), '\x1b[31mbad\r\n\x1b[0m');
  });
});
