/**
 * The "Container Files" view: every container, and under it Files (lazily expanded
 * folders) and Changes (the engine's diff). `FilesTree.childrenOf` and `itemFor` are
 * what another container tree needs to show the same nodes; drag and drop from VS
 * Code's Explorer onto a folder uploads there.
 */
import * as vscode from 'vscode';
import type { ContainerSummary } from '../engine/types';
import { describeError } from '../errorText';
import type { ContainerFs } from './containerFs';
import { containerBasename, containerDirname } from './paths';
import { changeNodes, containerChildNodes, entryNodes, FilesItemSpec, filesNodeItem, FilesNode, folderOf } from './nodes';

export type FilesTreeNode = FilesNode | { kind: 'container'; container: ContainerSummary };

export interface FilesTreeDeps {
  fs: ContainerFs;
  containers(): Promise<ContainerSummary[]>;
  diff(id: string): Promise<{ path: string; kind: 'added' | 'changed' | 'deleted' }[]>;
  upload(node: FilesNode, folder: string, hostPaths: string[]): Promise<void>;
}

export function renderFilesItem(spec: FilesItemSpec): vscode.TreeItem {
  const item = new vscode.TreeItem(spec.label, spec.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = spec.id;
  item.description = spec.description;
  if (spec.tooltip !== undefined) item.tooltip = new vscode.MarkdownString(spec.tooltip);
  item.contextValue = spec.contextValue;
  if (spec.resourceUri) item.resourceUri = vscode.Uri.from(spec.resourceUri);
  // Files take the theme's file icons from their resourceUri; the rest use codicons.
  const themed = spec.contextValue === 'berth.files.file' || spec.contextValue === 'berth.files.folder';
  if (!themed || !spec.resourceUri) item.iconPath = new vscode.ThemeIcon(spec.icon.id, spec.icon.color ? new vscode.ThemeColor(spec.icon.color) : undefined);
  if (spec.command) item.command = spec.command;
  return item;
}

export class FilesTree implements vscode.TreeDataProvider<FilesTreeNode>, vscode.TreeDragAndDropController<FilesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FilesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly dropMimeTypes = ['text/uri-list', 'files'];
  readonly dragMimeTypes: string[] = [];

  constructor(private readonly deps: FilesTreeDeps) {}

  /** Re-renders without dropping cached listings. */
  rerender(): void {
    this.changed.fire(undefined);
  }

  /** Re-reads from the engine: one node's subtree, or everything. */
  refresh(node?: FilesTreeNode): void {
    if (!node || node.kind === 'container' || node.kind === 'filesRoot') this.deps.fs.forget(node && 'container' in node ? node.container.id : undefined);
    else this.deps.fs.forget(node.container.id);
    this.changed.fire(node);
  }

  getTreeItem(node: FilesTreeNode): vscode.TreeItem {
    if (node.kind === 'container') {
      const item = new vscode.TreeItem(node.container.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `filesContainer:${node.container.id}`;
      item.description = `${node.container.image} · ${node.container.state}`;
      item.contextValue = `container.${node.container.state}`;
      item.iconPath = new vscode.ThemeIcon(node.container.state === 'running' ? 'vm-running' : 'vm-outline');
      return item;
    }
    return renderFilesItem(filesNodeItem(node));
  }

  async getChildren(node?: FilesTreeNode): Promise<FilesTreeNode[]> {
    if (!node) return (await this.deps.containers()).map((container) => ({ kind: 'container', container }));
    return this.childrenOf(node);
  }

  /** Lets reveal() expand the path down to a node (ids make rebuilt parents equal to the shown ones). */
  getParent(node: FilesTreeNode): FilesTreeNode | undefined {
    const c = node.container;
    switch (node.kind) {
      case 'container': return undefined;
      case 'filesRoot':
      case 'changesRoot': return { kind: 'container', container: c };
      case 'change': return { kind: 'changesRoot', container: c };
      case 'filesMessage': return undefined;
      case 'fileEntry': {
        const parent = containerDirname(node.path);
        if (parent === '/') return { kind: 'filesRoot', container: c };
        return { kind: 'fileEntry', container: c, path: parent, entry: { name: containerBasename(parent), kind: 'directory', size: 0, mtime: 0, permissions: 0o755 } };
      }
    }
  }

  /** Children of a container or of a files node; errors become one message node. */
  async childrenOf(node: FilesTreeNode): Promise<FilesNode[]> {
    const c = node.container;
    if (node.kind === 'container') return containerChildNodes(c);
    try {
      if (node.kind === 'changesRoot') {
        const nodes = changeNodes(c, await this.deps.diff(c.id));
        return nodes.length > 0 ? nodes : [{ kind: 'filesMessage', container: c, parent: 'changes', message: 'No changes since the container was created.', icon: 'check' }];
      }
      const folder = folderOf(node);
      if (!folder) return [];
      const nodes = entryNodes(c, folder, await this.deps.fs.readDirectory(c.id, folder));
      return nodes.length > 0 ? nodes : [{ kind: 'filesMessage', container: c, parent: folder, message: 'Empty folder', icon: 'info' }];
    } catch (error) {
      return [{ kind: 'filesMessage', container: c, parent: node.kind === 'changesRoot' ? 'changes' : (folderOf(node) ?? '?'), message: describeError(error), icon: 'warning' }];
    }
  }

  async handleDrop(target: FilesTreeNode | undefined, data: vscode.DataTransfer): Promise<void> {
    if (!target || target.kind === 'container') return;
    // Dropped on a file: into the folder that holds it, the way VS Code's Explorer does.
    const parent = target.kind === 'fileEntry' && !folderOf(target) ? this.getParent(target) : target;
    const folder = parent && parent.kind !== 'container' ? folderOf(parent) : undefined;
    if (!parent || parent.kind === 'container' || !folder) {
      void vscode.window.showWarningMessage('Drop files on a folder of the Files tree to upload them there.');
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
