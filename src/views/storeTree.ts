/**
 * One tree data provider for every view: elements are plain records, getTreeItem
 * renders them through a pure spec function, and the tree follows its stores'
 * change signals. getChildren only awaits the stores' first list (no I/O per item);
 * children that need the engine (image layers) are fetched on expansion only.
 * When the primary store holds an error the tree is empty, and the view's message
 * plus its welcome content explain it.
 */
import * as vscode from 'vscode';
import type { Store } from '../state/store';

export { itemsOf } from '../state/store';
import { renderItem } from './render';
import type { ItemSpec } from './spec';

export interface TreeShape<N> {
  /** The top level, computed from ready stores. */
  roots(): N[];
  children(node: N): N[] | Promise<N[]>;
  item(node: N): ItemSpec;
  /** A tooltip built only when VS Code asks for it (hover). */
  tooltip?(node: N): string | undefined;
}

export class StoreTreeProvider<N> implements vscode.TreeDataProvider<N>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<N | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    /** The store whose failure empties the tree; the others only add data (e.g. users of a volume). */
    readonly store: Store<unknown>,
    private readonly others: Store<unknown>[],
    private readonly shape: TreeShape<N>,
  ) {
    this.subscriptions = [store, ...others].map((s) => s.onDidChange(() => this.changed.fire(undefined)));
  }

  /** Re-renders with the current data (after a display setting or the filter changed). */
  rerender(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(element: N): vscode.TreeItem {
    return renderItem(this.shape.item(element));
  }

  resolveTreeItem(item: vscode.TreeItem, element: N): vscode.TreeItem {
    const tooltip = this.shape.tooltip?.(element);
    if (tooltip !== undefined) item.tooltip = new vscode.MarkdownString(tooltip);
    return item;
  }

  async getChildren(element?: N): Promise<N[]> {
    if (element) return this.shape.children(element);
    const state = await this.store.ready();
    if (state.kind !== 'ready') return [];
    await Promise.all(this.others.map((s) => s.ready()));
    return this.shape.roots();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
