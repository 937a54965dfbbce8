/**
 * Bytes to terminal text. Output may be binary or not UTF-8 at all: decoding replaces
 * invalid sequences with U+FFFD and keeps multi-byte characters split across chunks
 * whole; log text (which is not a TTY stream) also loses the control sequences that
 * could move the cursor or reprogram the terminal, keeping only colours.
 */
import { StringDecoder } from 'node:string_decoder';

/** Splits a byte stream into lines; a line longer than `maxLineLength` is cut into pieces. */
export class LineDecoder {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(private readonly maxLineLength = 16 * 1024) {}

  push(chunk: Buffer): string[] {
    const text = this.partial + this.decoder.write(chunk);
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    while (this.partial.length > this.maxLineLength) {
      lines.push(this.partial.slice(0, this.maxLineLength));
      this.partial = this.partial.slice(this.maxLineLength);
    }
    return lines;
  }

  /** The unterminated last line, if any, when the stream ends. */
  end(): string | undefined {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest.length > 0 ? rest : undefined;
  }
}

/** A TTY stream's text: decoded, escape sequences untouched (the shell owns the screen). */
export class TtyDecoder {
  private readonly decoder = new StringDecoder('utf8');

  push(chunk: Buffer): string {
    return this.decoder.write(chunk);
  }

  end(): string {
    return this.decoder.end();
  }
}

// SGR (colour) sequences are kept; every other ESC sequence and C0/C1 control is not.
// eslint-disable-next-line no-control-regex
const escapeOrControl = /\x1b\[[0-9;:?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[\x20-\x7e]?|[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]/g;

/** One log line made safe to print: colours stay, anything else that steers a terminal is shown or dropped. */
export function sanitizeLine(line: string): string {
  if (line.endsWith('\r')) line = line.slice(0, -1);
  // Fast path: most lines are plain printable text.
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(line)) return line;
  return line.replace(escapeOrControl, (match) => {
    if (match.startsWith('\x1b[') && match.endsWith('m')) return match;
    if (match.length === 1) {
      const code = match.charCodeAt(0);
      if (code === 0x09) return match;
      // Visible stand-ins for C0 controls (U+2400 block), a replacement character for the rest.
      return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
    }
    return '';
  });
}
