/**
 * vscode.FileSystemProvider for berth-container://<container id>/<path>: a thin
 * adapter over ContainerFs that turns its errors into vscode.FileSystemErrors and
 * says which files changed after a write, so open editors and trees follow.
 */
import * as vscode from 'vscode';
import { ContainerFs, DirEntry, FileInfo, FsError } from './containerFs';
import { FilesOwner, schemeOf } from './nodes';
import { containerScheme, fromUriParts, toUriParts } from './paths';

export function containerUri(containerId: string, path: string): vscode.Uri {
  return vscode.Uri.from(toUriParts({ containerId, path }));
}

/** A container's or a volume's file. */
export function ownerUri(owner: FilesOwner, path: string): vscode.Uri {
  return containerUri(owner.id, path).with({ scheme: schemeOf(owner) });
}

function fileType(info: Pick<FileInfo, 'kind' | 'targetKind'>): vscode.FileType {
  switch (info.kind) {
    case 'directory': return vscode.FileType.Directory;
    case 'file': return vscode.FileType.File;
    case 'symlink': {
      const target = info.targetKind === 'directory' ? vscode.FileType.Directory : info.targetKind === 'file' ? vscode.FileType.File : vscode.FileType.Unknown;
      return vscode.FileType.SymbolicLink | target;
    }
    default: return vscode.FileType.Unknown;
  }
}

export function toFileSystemError(error: unknown, uri: vscode.Uri, owner: 'container' | 'volume' = 'container'): Error {
  if (!(error instanceof FsError)) return error instanceof Error ? error : new Error(String(error));
  // The factories take a message or a URI; the message says more than the URI alone.
  const message = `${error.message} (${uri.path} in ${owner} ${owner === 'volume' ? uri.authority : uri.authority.slice(0, 12)})`;
  switch (error.code) {
    case 'FileNotFound': return vscode.FileSystemError.FileNotFound(message);
    case 'FileExists': return vscode.FileSystemError.FileExists(message);
    case 'FileNotADirectory': return vscode.FileSystemError.FileNotADirectory(message);
    case 'FileIsADirectory': return vscode.FileSystemError.FileIsADirectory(message);
    case 'NoPermissions': return vscode.FileSystemError.NoPermissions(message);
    default: return vscode.FileSystemError.Unavailable(message);
  }
}

export class ContainerFileSystemProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  constructor(readonly fs: ContainerFs, private readonly owner: 'container' | 'volume' = 'container') {}

  private async run<T>(uri: vscode.Uri, work: (id: string, path: string) => Promise<T>): Promise<T> {
    const { containerId, path } = fromUriParts(uri.authority, uri.path);
    try {
      return await work(containerId, path);
    } catch (error) {
      throw toFileSystemError(error, uri, this.owner);
    }
  }

  watch(): vscode.Disposable {
    // The engine has no file events; changes made through Berth are announced by fire().
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.run(uri, async (id, path) => {
      const info = await this.fs.stat(id, path);
      return { type: fileType(info), size: info.size, mtime: info.mtime, ctime: info.mtime };
    });
  }

  readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return this.run(uri, async (id, path) => (await this.fs.readDirectory(id, path)).map((e: DirEntry) => [e.name, fileType(e)]));
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.run(uri, (id, path) => this.fs.readFile(id, path));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const existed = await this.fs.stat(fromUriParts(uri.authority, uri.path).containerId, uri.path).then(() => true, () => false);
    await this.run(uri, (id, path) => this.fs.writeFile(id, path, content, options));
    this.fire(uri, existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    await this.run(uri, (id, path) => this.fs.createDirectory(id, path));
    this.fire(uri, vscode.FileChangeType.Created);
  }

  delete(uri: vscode.Uri): Promise<void> {
    // The archive API can add and replace, never remove.
    throw vscode.FileSystemError.NoPermissions(this.owner === 'volume'
      ? vscode.l10n.t('The engine\'s archive API cannot delete {0}; open a shell in a container that mounts this volume to delete it.', uri.path)
      : vscode.l10n.t('The engine\'s archive API cannot delete {0}; open a shell in a container that mounts this container\'s files to delete it.', uri.path));
  }

  rename(oldUri: vscode.Uri): Promise<void> {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('The engine\'s archive API cannot rename or remove {0}; open a shell in the container to move it.', oldUri.path));
  }

  /** Tells VS Code (editors, Explorer, our tree) that a path changed. */
  fire(uri: vscode.Uri, type: vscode.FileChangeType): void {
    const parent = uri.with({ path: uri.path.replace(/\/[^/]*$/, '') || '/' });
    this.emitter.fire([{ type, uri }, { type: vscode.FileChangeType.Changed, uri: parent }]);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export { containerScheme };
