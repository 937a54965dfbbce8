/**
 * A folder on the host standing in for a container's root, behind the same archive
 * port the engine offers: archives are real tars (packHostPaths), puts really extract.
 * It lets the unit tier check ContainerFs's logic; the host tier checks the real engine.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { ArchivePort, goMode, PathStat } from '../../../src/files/port';
import { extractTarSafely } from '../../../src/files/safeExtract';
import { packHostPaths } from '../../../src/files/tarPack';

function notFound(what: string): Error {
  return Object.assign(new Error(`Could not find the file ${what} in container`), { statusCode: 404, kind: 'notFound' });
}

export class FolderPort implements ArchivePort {
  statCalls = 0;
  archiveCalls = 0;

  constructor(private readonly root: string, readonly containers: Set<string> = new Set(['c1'])) {}

  async inspect(id: string): Promise<unknown> {
    if (!this.containers.has(id)) throw Object.assign(new Error(`No such container: ${id}`), { statusCode: 404, kind: 'notFound' });
    return { id };
  }

  private host(p: string): string {
    return path.join(this.root, p);
  }

  async statPath(_id: string, p: string): Promise<PathStat> {
    this.statCalls++;
    const host = this.host(p);
    const stat = await fsp.lstat(host).catch(() => undefined);
    if (!stat) throw notFound(p);
    let linkTarget = '';
    if (stat.isSymbolicLink()) {
      const real = await fsp.realpath(host).catch(() => undefined);
      linkTarget = real ? `/${path.relative(fs.realpathSync(this.root), real)}` : path.posix.resolve(path.posix.dirname(p), await fsp.readlink(host));
    }
    return { name: path.basename(p), size: stat.size, mode: goMode(stat.mode), mtime: stat.mtime.toISOString(), linkTarget, isDirectory: stat.isDirectory() };
  }

  async getArchive(id: string, p: string): Promise<{ stat: PathStat; tar: Readable }> {
    const stat = await this.statPath(id, p);
    this.archiveCalls++;
    return { stat, tar: packHostPaths([this.host(p)]) };
  }

  async putArchive(_id: string, p: string, tar: Readable | Buffer): Promise<void> {
    const host = this.host(p);
    if (!fs.existsSync(host)) throw notFound(p);
    if (Buffer.isBuffer(tar)) throw new Error('buffers are not used by Berth');
    await extractTarSafely(tar, host);
  }
}
