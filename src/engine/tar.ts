/** Small tar helpers over tar-stream: pack files in memory, read entries out of a tar stream. */
import * as l10n from '@vscode/l10n';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';

export interface TarFile {
  /** Path inside the archive, relative ("dir/a.txt"). */
  path: string;
  content: Buffer | string;
  mode?: number;
}

export function packFiles(files: TarFile[]): Readable {
  const pack = tar.pack();
  for (const file of files) {
    const content = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
    pack.entry({ name: file.path, mode: file.mode ?? 0o644, size: content.length, mtime: new Date() }, content);
  }
  pack.finalize();
  return Readable.from(pack);
}

export interface TarEntry {
  path: string;
  type: string;
  size: number;
  mode: number;
  content: Buffer;
}

/** Reads every entry of a tar stream (file contents included): for small archives only. */
export async function readTar(stream: Readable, maxBytes = 64 * 1024 * 1024): Promise<TarEntry[]> {
  const extract = tar.extract();
  stream.on('error', (error) => extract.destroy(error));
  stream.pipe(extract as unknown as NodeJS.WritableStream);
  const entries: TarEntry[] = [];
  let total = 0;
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new Error(l10n.t('The archive is larger than {0} bytes.', maxBytes));
      chunks.push(chunk);
    }
    entries.push({ path: entry.header.name, type: entry.header.type ?? 'file', size: entry.header.size ?? 0, mode: entry.header.mode ?? 0, content: Buffer.concat(chunks) });
  }
  return entries;
}
