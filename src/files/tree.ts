/**
 * The Files and Changes subtree that the Containers tree shows under each container:
 * children fetched lazily (a folder's entries only when it is expanded, the diff only
 * when Changes is), parents for reveal, and drops from VS Code's Explorer onto a
 * folder (uploaded there). The Containers tree owns the view; this class only answers
 * for files nodes and says when one of them changed.
 */
import * as vscode from 'vscode';
import { describeError } from '../errorText';
import type { FileChange } from '../engine/types';
import type { ContainerFs } from './containerFs';
import { containerBasename, containerDirname, volumeScheme } from './paths';
import { changeNodes, entryNodes, FilesNode, FilesOwner, folderOf } from './nodes';

export interface FilesTreeDeps {
  fsOf(owner: FilesOwner): ContainerFs;
  diff(id: string): Promise<FileChange[]>;
  upload(node: FilesNode, folder: string, hostPaths: string[]): Promise<void>;
}

export class FilesTree implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FilesNode | undefined>();
  /** A files node whose children changed (undefined: all of them); the Containers tree re-reads it. */
  readonly onDidChange = this.changed.event;
  readonly dropMimeTypes = ['text/uri-list', 'files'];

  constructor(private readonly deps: FilesTreeDeps) {}

  /** Re-reads from the engine: one node's container or volume, or every one. */
  refresh(node?: FilesNode): void {
    if (node) this.deps.fsOf(node.container).forget(node.container.id);
    else for (const scheme of [undefined, volumeScheme] as const) this.deps.fsOf({ id: '', name: '', scheme }).forget();
    this.changed.fire(node);
  }

  /** The parent of a files node; undefined for Files and Changes (their parent is the container). */
  parentOf(node: FilesNode): FilesNode | undefined {
    const c = node.container;
    switch (node.kind) {
      case 'filesRoot':
      case 'changesRoot':
      case 'filesMessage': return undefined;
      case 'change': return { kind: 'changesRoot', container: c };
      case 'fileEntry': {
        const parent = containerDirname(node.path);
        if (parent === '/') return { kind: 'filesRoot', container: c };
        return { kind: 'fileEntry', container: c, path: parent, entry: { name: containerBasename(parent), kind: 'directory', size: 0, mtime: 0, permissions: 0o755 } };
      }
    }
  }

  /** Children of a files node; errors become one message node. */
  async childrenOf(node: FilesNode): Promise<FilesNode[]> {
    const c = node.container;
    try {
      if (node.kind === 'changesRoot') {
        const nodes = changeNodes(c, await this.deps.diff(c.id));
        return nodes.length > 0 ? nodes : [{ kind: 'filesMessage', container: c, parent: 'changes', message: vscode.l10n.t('No changes since the container was created.'), icon: 'check' }];
      }
      const folder = folderOf(node);
      if (!folder) return [];
      const nodes = entryNodes(c, folder, await this.deps.fsOf(c).readDirectory(c.id, folder));
      return nodes.length > 0 ? nodes : [{ kind: 'filesMessage', container: c, parent: folder, message: vscode.l10n.t('Empty folder'), icon: 'info' }];
    } catch (error) {
      return [{ kind: 'filesMessage', container: c, parent: node.kind === 'changesRoot' ? 'changes' : (folderOf(node) ?? '?'), message: describeError(error), icon: 'warning' }];
    }
  }

  async handleDrop(target: FilesNode, data: vscode.DataTransfer): Promise<void> {
    // Dropped on a file: into the folder that holds it, the way VS Code's Explorer does.
    const parent = target.kind === 'fileEntry' && !folderOf(target) ? this.parentOf(target) : target;
    const folder = parent ? folderOf(parent) : undefined;
    if (!parent || !folder) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Drop files on a folder of a container\'s Files to upload them there.'));
      return;
    }
    const paths = await droppedPaths(data);
    if (paths.length === 0) return;
    try {
      await this.deps.upload(parent, folder, paths);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Host paths from a drop: VS Code's Explorer gives a uri-list; the OS gives files. */
export async function droppedPaths(data: vscode.DataTransfer): Promise<string[]> {
  const paths: string[] = [];
  const list = await data.get('text/uri-list')?.asString();
  for (const line of (list ?? '').split(/\r?\n/)) {
    const text = line.trim();
    if (!text || text.startsWith('#')) continue;
    const uri = vscode.Uri.parse(text);
    if (uri.scheme === 'file') paths.push(uri.fsPath);
  }
  if (paths.length === 0) {
    data.forEach((item) => {
      const file = item.asFile();
      if (file?.uri?.scheme === 'file') paths.push(file.uri.fsPath);
    });
  }
  return [...new Set(paths)];
}
