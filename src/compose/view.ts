/**
 * The Compose view: each project found in the workspace, its services (running or not,
 * from the Containers store, so no call per item), its profiles as a level of their own,
 * and the services' containers. It follows the projects' files and the store.
 */
import * as vscode from 'vscode';
import type { ContainerSummary } from '../engine/types';
import { renderItem } from '../views/render';
import type { ComposeProjects } from './discovery';
import { childrenOf, ComposeNode, composeItem, parentOf, projectNode } from './items';

export class ComposeTree implements vscode.TreeDataProvider<ComposeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: { dispose(): void }[];
  /** The roots as last shown, for tests and for commands called from the palette. */
  roots: ComposeNode[] = [];

  constructor(private readonly projects: ComposeProjects, private readonly containers: () => readonly ContainerSummary[], onContainers: (listener: () => void) => { dispose(): void }) {
    this.subscriptions = [projects.onDidChange(() => this.changed.fire(undefined)), onContainers(() => this.changed.fire(undefined))];
  }

  getChildren(node?: ComposeNode): ComposeNode[] {
    if (node) return childrenOf(node);
    const all = this.containers();
    this.roots = this.projects.projects.map((p) => projectNode(p, all));
    return this.roots;
  }

  getParent(node: ComposeNode): ComposeNode | undefined {
    return parentOf(node, this.containers());
  }

  getTreeItem(node: ComposeNode): vscode.TreeItem {
    const item = renderItem(composeItem(node));
    if (node.kind === 'composeProblem') {
      const { start } = node.problem;
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Show the problem'), arguments: [vscode.Uri.file(node.file), { selection: new vscode.Range(start.line, start.character, start.line, start.character) }] };
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
