/**
 * A container's files over the engine's archive API, with no vscode import: stat is
 * the path-stat header, reading is an archive of the path, writing is an archive put
 * into the parent folder. Folder listings read the headers of one archive and keep
 * every sub-folder they saw, so expanding deeper folders afterwards costs nothing.
 * provider.ts adapts this to vscode.FileSystemProvider.
 */
import * as l10n from '@vscode/l10n';
import type { Readable } from 'node:stream';
import { containerBasename, containerDirname, entrySegments, joinContainerPath, normalizeContainerPath } from './paths';
import { ArchivePort, PathKind, pathKind, PathStat, permissions } from './port';
import { EntryHeader, packDirectory, packFile, readFirstEntry, readHeaders } from './tarPack';

export type FsErrorCode = 'FileNotFound' | 'FileExists' | 'FileNotADirectory' | 'FileIsADirectory' | 'NoPermissions' | 'Unavailable';

export class FsError extends Error {
  override readonly name = 'FsError';
  constructor(readonly code: FsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The container (or volume) itself is gone: no path in it can be read or written, and no folder is to blame. */
export class ContainerGone extends FsError {
  constructor(id: string, options?: { cause?: unknown; owner?: 'container' | 'volume' }) {
    const owner = options?.owner ?? 'container';
    super('FileNotFound', owner === 'volume' ? l10n.t('No such volume: {0}. It was removed.', id) : l10n.t('No such container: {0}. It was removed.', id.slice(0, 12)), options);
  }
}

export interface FileInfo {
  kind: PathKind;
  /** For links: what the target is ('other' when it does not exist). */
  targetKind?: PathKind;
  linkTarget?: string;
  size: number;
  /** Milliseconds since the epoch. */
  mtime: number;
  permissions: number;
}

export interface DirEntry extends FileInfo {
  name: string;
}

export interface ContainerFsOptions {
  /** How long a folder listing is reused (ms); writes through this object drop it at once. */
  listingTtlMs?: number;
  /** Links in one listing whose target type is asked of the engine; the rest show as links to files. */
  maxLinkLookups?: number;
  /** Largest file opened in an editor. */
  maxReadBytes?: number;
  now?: () => number;
  /** Whose files these are, for messages: a container's (ids are container ids) or a volume's (ids are names). */
  owner?: 'container' | 'volume';
}

interface Listing {
  at: number;
  entries: DirEntry[];
}

export class ContainerFs {
  private readonly listings = new Map<string, Listing>();
  private readonly ttl: number;
  private readonly maxLinkLookups: number;
  private readonly maxReadBytes: number;
  private readonly now: () => number;
  private readonly owner: 'container' | 'volume';

  constructor(private readonly port: () => ArchivePort, options: ContainerFsOptions = {}) {
    this.owner = options.owner ?? 'container';
    this.ttl = options.listingTtlMs ?? 10_000;
    this.maxLinkLookups = options.maxLinkLookups ?? 200;
    this.maxReadBytes = options.maxReadBytes ?? 256 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** Forgets cached listings: of one container, or all. */
  forget(containerId?: string): void {
    if (!containerId) this.listings.clear();
    else for (const key of [...this.listings.keys()]) if (key.startsWith(`${containerId}:`)) this.listings.delete(key);
  }

  /** Forgets the listings of every container not in `live` (the engine's list: the others are gone). */
  forgetAllBut(live: ReadonlySet<string>): void {
    for (const key of [...this.listings.keys()]) if (!live.has(key.slice(0, key.indexOf(':')))) this.listings.delete(key);
  }

  /** Whether the engine still has the container (false only when it answers "no such container"). */
  async containerExists(id: string): Promise<boolean> {
    return this.port().inspect(id).then(() => true, (error: unknown) => toFsError(error, id).code !== 'FileNotFound');
  }

  async stat(id: string, path: string): Promise<FileInfo> {
    const raw = await this.call(() => this.port().statPath(id, normalizeContainerPath(path)), path).catch(async (error: unknown) => {
      if (error instanceof FsError && error.code === 'FileNotFound') await this.requireContainer(id);
      throw error;
    });
    const info = toInfo(raw);
    if (info.kind === 'symlink' && raw.linkTarget) {
      const target = await this.port().statPath(id, raw.linkTarget).catch(() => undefined);
      info.linkTarget = raw.linkTarget;
      info.targetKind = target ? pathKind(target) : 'other';
      if (target && info.targetKind !== 'directory') info.size = target.size;
    }
    return info;
  }

  async readDirectory(id: string, path: string, signal?: AbortSignal): Promise<DirEntry[]> {
    const dir = normalizeContainerPath(path);
    const cached = this.listings.get(`${id}:${dir}`);
    if (cached && this.now() - cached.at < this.ttl) return cached.entries;
    const stat = await this.stat(id, dir);
    const real = stat.kind === 'symlink' && stat.targetKind === 'directory' && stat.linkTarget ? stat.linkTarget : dir;
    if (stat.kind !== 'directory' && real === dir) throw new FsError('FileNotADirectory', l10n.t('{0} is not a folder.', dir));
    const { tar } = await this.call(() => this.port().getArchive(id, real, signal), real);
    const byDir = new Map<string, DirEntry[]>();
    byDir.set(real, []);
    let prefix: number | undefined;
    await this.call(() => readHeaders(tar, (header) => {
      // The first entry is the folder itself ("etc/" for /etc, "/" for the root); the rest are named below it.
      if (prefix === undefined) {
        prefix = entrySegments(header.name).length;
        return;
      }
      const segments = entrySegments(header.name).slice(prefix);
      if (segments.length === 0) return;
      const parent = joinContainerPath(real, segments.slice(0, -1).join('/'));
      const entry = headerEntry(segments[segments.length - 1], header);
      if (entry.kind === 'directory' && !byDir.has(joinContainerPath(parent, entry.name))) byDir.set(joinContainerPath(parent, entry.name), []);
      let list = byDir.get(parent);
      if (!list) byDir.set(parent, (list = []));
      list.push(entry);
    }), real);
    await this.resolveLinks(id, real, byDir);
    const at = this.now();
    for (const [folder, entries] of byDir) this.listings.set(`${id}:${folder}`, { at, entries });
    const entries = byDir.get(real) ?? [];
    if (real !== dir) this.listings.set(`${id}:${dir}`, { at, entries });
    return entries;
  }

  /** A link's target type: from the same listing when the target is in it, else asked of the engine (bounded). */
  private async resolveLinks(id: string, root: string, byDir: Map<string, DirEntry[]>): Promise<void> {
    const known = new Map<string, PathKind>();
    for (const [folder, entries] of byDir) for (const e of entries) known.set(joinContainerPath(folder, e.name), e.kind);
    const pending: DirEntry[] = [];
    for (const [folder, entries] of byDir) {
      for (const e of entries) {
        if (e.kind !== 'symlink' || !e.linkTarget) continue;
        const target = e.linkTarget.startsWith('/') ? normalizeContainerPath(e.linkTarget) : joinContainerPath(folder, e.linkTarget);
        const kind = target.startsWith(`${root}/`) || target === root ? known.get(target) : undefined;
        if (kind && kind !== 'symlink') e.targetKind = kind;
        else pending.push(e);
      }
    }
    // Only the listed folder's own links are worth a request; deeper ones resolve when opened.
    const own = new Set(byDir.get(root) ?? []);
    const ask = pending.filter((e) => own.has(e)).slice(0, this.maxLinkLookups);
    for (let i = 0; i < ask.length; i += 8) {
      await Promise.all(ask.slice(i, i + 8).map(async (e) => {
        const stat = await this.port().statPath(id, joinContainerPath(root, e.name)).catch(() => undefined);
        const target = stat?.linkTarget ? await this.port().statPath(id, stat.linkTarget).catch(() => undefined) : undefined;
        e.targetKind = target ? pathKind(target) : 'other';
      }));
    }
  }

  async readFile(id: string, path: string, signal?: AbortSignal): Promise<Uint8Array> {
    const real = await this.resolve(id, normalizeContainerPath(path));
    if (real.info.kind === 'directory') throw new FsError('FileIsADirectory', l10n.t('{0} is a folder.', path));
    const { tar } = await this.call(() => this.port().getArchive(id, real.path, signal), path);
    const first = await this.call(() => readFirstEntry(tar, { withContent: true, maxBytes: this.maxReadBytes }), path);
    if (!first?.content) throw new FsError('Unavailable', l10n.t('The engine sent no content for {0}.', path));
    return first.content;
  }

  /** Writes into a container (an editor's save) until it settles: a removal waits for them, or they would fail halfway. */
  private readonly writing = new Map<string, Set<Promise<unknown>>>();

  writeFile(id: string, path: string, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const write = this.doWriteFile(id, path, content, options);
    const pending = this.writing.get(id) ?? new Set();
    this.writing.set(id, pending.add(write));
    const done = () => {
      pending.delete(write);
      if (pending.size === 0 && this.writing.get(id) === pending) this.writing.delete(id);
    };
    write.then(done, done);
    return write;
  }

  /** Resolves once no write into the container is in flight (whatever their outcome). */
  async writesSettled(id: string): Promise<void> {
    while (this.writing.get(id)?.size) await Promise.allSettled([...this.writing.get(id)!]);
  }

  private async doWriteFile(id: string, path: string, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const normal = normalizeContainerPath(path);
    const existing = await this.resolve(id, normal).catch((error: unknown) => {
      if (error instanceof FsError && error.code === 'FileNotFound' && !(error instanceof ContainerGone)) return undefined;
      throw error;
    });
    if (existing?.info.kind === 'directory') throw new FsError('FileIsADirectory', l10n.t('{0} is a folder.', normal));
    if (existing && !options.overwrite) throw new FsError('FileExists', l10n.t('{0} already exists.', normal));
    if (!existing && !options.create) throw new FsError('FileNotFound', l10n.t('{0} does not exist.', normal));
    const target = existing?.path ?? normal;
    const parent = containerDirname(target);
    await this.requireFolder(id, parent);
    // Keep an existing file's owner and mode: its archive's first header says them.
    let header: Partial<EntryHeader> = {};
    if (existing) {
      const { tar } = await this.call(() => this.port().getArchive(id, target), target);
      header = (await readFirstEntry(tar, { withContent: false }))?.header ?? {};
    }
    await this.call(() => this.port().putArchive(id, parent, packFile(containerBasename(target), content, {
      mode: header.mode ?? 0o644, uid: header.uid ?? 0, gid: header.gid ?? 0, mtime: new Date(this.now()),
    })), normal);
    this.forget(id);
  }

  async createDirectory(id: string, path: string): Promise<void> {
    const normal = normalizeContainerPath(path);
    const existing = await this.port().statPath(id, normal).catch(() => undefined);
    if (existing) throw new FsError('FileExists', l10n.t('{0} already exists.', normal));
    const parent = containerDirname(normal);
    await this.requireFolder(id, parent);
    await this.call(() => this.port().putArchive(id, parent, packDirectory(containerBasename(normal))), normal);
    this.forget(id);
  }

  /** Uploads a tar stream (host files packed by the caller) into a container folder. */
  async upload(id: string, folder: string, tar: Readable, signal?: AbortSignal): Promise<void> {
    const normal = normalizeContainerPath(folder);
    await this.requireFolder(id, normal);
    await this.call(() => this.port().putArchive(id, normal, tar, { signal }), normal);
    this.forget(id);
  }

  /** An archive of a file or folder, for a download. */
  async download(id: string, path: string, signal?: AbortSignal): Promise<{ info: FileInfo; tar: Readable }> {
    const real = await this.resolve(id, normalizeContainerPath(path));
    const { tar } = await this.call(() => this.port().getArchive(id, real.path, signal), path);
    return { info: real.info, tar };
  }

  /** Follows links (the engine resolves the whole chain) to what a path names. */
  private async resolve(id: string, path: string): Promise<{ path: string; info: FileInfo }> {
    const info = await this.stat(id, path);
    if (info.kind !== 'symlink') return { path, info };
    if (!info.linkTarget || info.targetKind === 'other') throw new FsError('FileNotFound', info.linkTarget ? l10n.t('{0} is a link to {1}, which does not exist.', path, info.linkTarget) : l10n.t('{0} is a link to nothing.', path));
    return { path: info.linkTarget, info: await this.stat(id, info.linkTarget) };
  }

  /** Turns "path not found" into "container not found" when the container is what is missing. */
  private async requireContainer(id: string): Promise<void> {
    const gone = await this.port().inspect(id).then(() => undefined, (error: unknown) => toFsError(error, id));
    if (gone?.code === 'FileNotFound') throw new ContainerGone(id, { cause: gone, owner: this.owner });
  }

  private async requireFolder(id: string, folder: string): Promise<void> {
    const stat = await this.stat(id, folder).catch((error: unknown) => {
      if (error instanceof FsError && error.code === 'FileNotFound' && !(error instanceof ContainerGone)) throw new FsError('FileNotFound', this.owner === 'volume' ? l10n.t('The folder {0} does not exist in the volume.', folder) : l10n.t('The folder {0} does not exist in the container.', folder), { cause: error });
      throw error;
    });
    const isFolder = stat.kind === 'directory' || (stat.kind === 'symlink' && stat.targetKind === 'directory');
    if (!isFolder) throw new FsError('FileNotADirectory', l10n.t('{0} is not a folder.', folder));
  }

  private async call<T>(work: () => Promise<T>, path: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toFsError(error, path);
    }
  }
}

function toInfo(stat: PathStat): FileInfo {
  const mtime = Date.parse(stat.mtime);
  return { kind: pathKind(stat), size: stat.size, mtime: Number.isFinite(mtime) ? mtime : 0, permissions: permissions(stat), linkTarget: stat.linkTarget || undefined };
}

function headerEntry(name: string, header: EntryHeader): DirEntry {
  const kind: PathKind = header.type === 'link' ? 'file' : header.type;
  return { name, kind, size: header.size, mtime: header.mtime.getTime(), permissions: header.mode & 0o777, linkTarget: header.type === 'symlink' ? header.linkname : undefined };
}

/** Engine failures as file-system errors, by status and kind, never by message text. */
export function toFsError(error: unknown, path: string): FsError {
  if (error instanceof FsError) return error;
  const e = (error ?? {}) as { kind?: string; statusCode?: number; message?: string; detail?: string };
  const said = e.detail ?? e.message ?? String(error);
  if (e.kind === 'notFound' || e.statusCode === 404) return new FsError('FileNotFound', said || l10n.t('{0} does not exist.', path), { cause: error });
  if (e.kind === 'permission' || e.statusCode === 403 || e.kind === 'unauthorized') return new FsError('NoPermissions', said, { cause: error });
  return new FsError('Unavailable', said, { cause: error });
}
