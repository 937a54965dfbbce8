/**
 * A tar reader for headers only, fed chunk by chunk with no stream machinery: the
 * layer listing pushes a gigabyte through it, and a per-entry stream (tar-stream's
 * way) costs more than the hashing. It knows ustar names with a prefix, GNU long names
 * and links (L, K), pax path/linkpath/size records, and base-256 sizes. Entry bodies
 * go to the sink the caller returns for that entry, or are skipped.
 */
import * as l10n from '@vscode/l10n';

export interface ScanHeader {
  name: string;
  /** tar's type flag: '0' or '\0' file, '5' directory, '2' symlink, '1' hard link, … */
  flag: string;
  size: number;
  linkname: string;
}

export interface EntrySink {
  write(chunk: Buffer): void;
  end(): void;
}

const block = 512;

function cString(buffer: Buffer, start: number, length: number): string {
  const end = buffer.indexOf(0, start);
  return buffer.toString('utf8', start, end < 0 || end > start + length ? start + length : end);
}

function octal(buffer: Buffer, start: number, length: number): number {
  // Base-256 (GNU): the high bit of the first byte is set; sizes above 8 GiB use it.
  if (buffer[start] & 0x80) {
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + buffer[i];
    return value;
  }
  const text = cString(buffer, start, length).trim();
  return text ? parseInt(text, 8) : 0;
}

function paxRecords(body: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space < 0) break;
    const length = parseInt(body.toString('ascii', at, space), 10);
    if (!(length > 0)) break;
    const record = body.toString('utf8', space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

export class TarScanner {
  private header = Buffer.alloc(block);
  private headerFill = 0;
  /** Body bytes left of the current entry, then its padding. */
  private bodyLeft = 0;
  private padLeft = 0;
  private sink?: EntrySink;
  /** A pax or GNU long-name body being collected for the next header. */
  private meta?: { flag: string; chunks: Buffer[] };
  private pending: { name?: string; linkname?: string; size?: number } = {};
  private ended = false;

  constructor(private readonly onEntry: (header: ScanHeader) => EntrySink | undefined) {}

  /** Whether the archive's end-of-archive blocks were seen. */
  get done(): boolean {
    return this.ended;
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - at);
        const part = chunk.subarray(at, at + take);
        if (this.meta) this.meta.chunks.push(Buffer.from(part));
        else this.sink?.write(part);
        this.bodyLeft -= take;
        at += take;
        if (this.bodyLeft === 0) this.finishBody();
        continue;
      }
      if (this.padLeft > 0) {
        const take = Math.min(this.padLeft, chunk.length - at);
        this.padLeft -= take;
        at += take;
        continue;
      }
      const take = Math.min(block - this.headerFill, chunk.length - at);
      chunk.copy(this.header, this.headerFill, at, at + take);
      this.headerFill += take;
      at += take;
      if (this.headerFill === block) {
        this.headerFill = 0;
        this.startEntry();
      }
    }
  }

  private startEntry(): void {
    const h = this.header;
    if (h.every((b) => b === 0)) {
      // One zero block ends the archive for our purpose (tar writes two).
      this.ended = true;
      return;
    }
    let checksum = 0;
    for (let i = 0; i < block; i++) checksum += i >= 148 && i < 156 ? 0x20 : h[i];
    if (checksum !== octal(h, 148, 8)) throw new Error(l10n.t('Not a tar archive (a header\'s checksum does not match).'));
    const flag = String.fromCharCode(h[156] || 0x30);
    const size = this.pending.size ?? octal(h, 124, 12);
    this.bodyLeft = size;
    this.padLeft = (block - (size % block)) % block;
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      this.meta = { flag, chunks: [] };
      this.pending.size = undefined;
      if (size === 0) this.finishBody();
      return;
    }
    const prefix = h.toString('ascii', 257, 262) === 'ustar' ? cString(h, 345, 155) : '';
    const base = cString(h, 0, 100);
    const name = this.pending.name ?? (prefix ? `${prefix}/${base}` : base);
    const linkname = this.pending.linkname ?? cString(h, 157, 100);
    this.pending = {};
    this.sink = this.onEntry({ name, flag, size, linkname });
    if (size === 0) this.finishBody();
  }

  private finishBody(): void {
    if (this.meta) {
      const body = Buffer.concat(this.meta.chunks);
      if (this.meta.flag === 'x') {
        const records = paxRecords(body);
        if (records.has('path')) this.pending.name = records.get('path');
        if (records.has('linkpath')) this.pending.linkname = records.get('linkpath');
        if (records.has('size')) this.pending.size = Number(records.get('size'));
      } else if (this.meta.flag === 'L') {
        this.pending.name = cString(body, 0, body.length);
      } else if (this.meta.flag === 'K') {
        this.pending.linkname = cString(body, 0, body.length);
      }
      this.meta = undefined;
      return;
    }
    const sink = this.sink;
    this.sink = undefined;
    sink?.end();
  }
}
