/**
 * vscode.FileSystemProvider for berth-layer://<image id>/<layer>/<path>: one layer's
 * files exactly as that layer holds them, read-only. Listing comes from the layer's
 * report; a file's bytes are read from a fresh stream of the image's archive.
 */
import * as vscode from 'vscode';
import { describeError } from '../errorText';
import type { ImageLayerFiles } from './imageFiles';
import { layerEntryNodes, parseLayerUri } from './nodes';

/** Files larger than this are not opened in an editor. */
const maxOpenBytes = 64 * 1024 * 1024;

export class LayerFileSystemProvider implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  constructor(private readonly files: ImageLayerFiles) {}

  watch(): vscode.Disposable {
    // A layer never changes.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { imageId, diffIndex, path } = this.parse(uri);
    const view = await this.files.layer(imageId, diffIndex).catch((error: unknown) => {
      throw vscode.FileSystemError.Unavailable(describeError(error));
    });
    const readonly = { permissions: vscode.FilePermission.Readonly, ctime: 0, mtime: 0 };
    if (path === '') return { type: vscode.FileType.Directory, size: 0, ...readonly };
    const file = view.report.files.find((f) => f.path === path && f.change !== 'removed');
    if (file) return { type: file.type === 'directory' ? vscode.FileType.Directory : file.type === 'symlink' ? vscode.FileType.SymbolicLink : vscode.FileType.File, size: file.size, ...readonly };
    if (view.report.files.some((f) => f.path.startsWith(`${path}/`))) return { type: vscode.FileType.Directory, size: 0, ...readonly };
    throw vscode.FileSystemError.FileNotFound(vscode.l10n.t('/{0} is not in layer {1} of this image.', path, diffIndex + 1));
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const { imageId, diffIndex, path } = this.parse(uri);
    const view = await this.files.layer(imageId, diffIndex);
    return layerEntryNodes({ imageId, tagKey: '', diffIndex }, view.report.files, path, view.layerCount)
      .filter((n) => n.kind === 'layerEntry' && n.file?.change !== 'removed')
      .map((n) => [n.kind === 'layerEntry' ? n.name : '', n.kind === 'layerEntry' && n.folder ? vscode.FileType.Directory : vscode.FileType.File]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { imageId, diffIndex, path } = this.parse(uri);
    try {
      return await this.files.readFile(imageId, diffIndex, path, maxOpenBytes);
    } catch (error) {
      throw vscode.FileSystemError.Unavailable(describeError(error));
    }
  }

  writeFile(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('An image layer cannot be changed; build a new image instead.'));
  }

  createDirectory(): never {
    return this.writeFile();
  }

  delete(): never {
    return this.writeFile();
  }

  rename(): never {
    return this.writeFile();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private parse(uri: vscode.Uri): { imageId: string; diffIndex: number; path: string } {
    try {
      return parseLayerUri(uri.authority, uri.path);
    } catch (error) {
      throw vscode.FileSystemError.FileNotFound(describeError(error));
    }
  }
}
