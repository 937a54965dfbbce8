/**
 * One tree data provider for every view: elements are plain records, getTreeItem
 * renders them through a pure spec function, and the tree follows its stores'
 * change signals. getChildren never waits on the engine: it answers synchronously
 * from the stores' lists (no I/O per item), and while a first list is on its way
 * (activation, another engine; 1,000 containers can take seconds to list) it shows
 * Loading…, and the store's change signal brings the rows when the list lands.
 * Children that need the engine (image layers) are fetched on expansion only.
 * When the primary store holds an error the tree holds the actions, and the view's
 * message explains it.
 *
 * While its view is hidden, a change is held and signalled once the view shows again.
 * VS Code keeps a hidden tree's refreshes and runs them itself when the tree shows,
 * outside the extension host's queue of refreshes; a change signalled during that
 * refresh makes the host drop every item while VS Code is still asking for the
 * children of the expanded ones, and the host logs "No tree item with id … found"
 * for each (the `hiddenViews` host suite).
 */
import * as vscode from 'vscode';
import type { Store } from '../state/store';

export { itemsOf } from '../state/store';
import { ActionNode, actionItem, placeholderRoots } from './problem';
import { renderItem } from './render';
import type { ItemSpec } from './spec';

export interface TreeShape<N> {
  /** The top level, computed from ready stores. */
  roots(): N[];
  children(node: N): N[] | Promise<N[]>;
  item(node: N): ItemSpec;
  /** A tooltip built only when VS Code asks for it (hover). */
  tooltip?(node: N): string | undefined;
  /** The parent of a nested node (for reveal); top-level nodes have none. */
  parent?(node: N): N | undefined;
  /** Drops onto a node from VS Code's Explorer or the OS; the view is created with this provider as its controller. */
  drop?: { mimeTypes: readonly string[]; handle(target: N, data: vscode.DataTransfer): Promise<void> };
}

export class StoreTreeProvider<N> implements vscode.TreeDataProvider<N | ActionNode>, vscode.TreeDragAndDropController<N | ActionNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<N | ActionNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: { dispose(): void }[];
  readonly dragMimeTypes: readonly string[] = [];
  readonly dropMimeTypes: readonly string[];
  private treeView: vscode.TreeView<N | ActionNode> | undefined;
  /** VS Code asked for the roots at least once: before that, a change needs no signal. */
  private shown = false;
  /** A change arrived while the view was hidden. */
  private held = false;

  constructor(
    /** The view id, for the ids of its action items. */
    private readonly view: string,
    /** The store whose failure replaces the tree with actions; the others only add data (e.g. users of a volume). */
    readonly store: Store<unknown>,
    private readonly others: Store<unknown>[],
    private readonly shape: TreeShape<N>,
  ) {
    this.subscriptions = [store, ...others].map((s) => s.onDidChange(() => this.signal(undefined)));
    this.dropMimeTypes = shape.drop?.mimeTypes ?? [];
  }

  /** Re-renders with the current data (after a display setting or the filter changed); with a node, only its subtree. */
  rerender(node?: N): void {
    this.signal(node);
  }

  /** Follows the view's visibility: changes made while it is hidden are signalled once, when it shows. */
  follow(view: vscode.TreeView<N | ActionNode>): vscode.Disposable {
    this.treeView = view;
    return view.onDidChangeVisibility(({ visible }) => {
      if (!visible || !this.held) return;
      this.held = false;
      this.changed.fire(undefined);
    });
  }

  /** Whether a change is waiting for the view to show (tests read it). */
  get holding(): boolean {
    return this.held;
  }

  private signal(node: N | undefined): void {
    if (this.treeView && !this.treeView.visible) {
      // A subtree refresh held becomes a whole refresh: the node may be gone by then.
      if (this.shown) this.held = true;
      return;
    }
    this.changed.fire(node);
  }

  async handleDrop(target: N | ActionNode | undefined, data: vscode.DataTransfer): Promise<void> {
    if (target !== undefined && !isAction(target)) await this.shape.drop?.handle(target, data);
  }

  getTreeItem(element: N | ActionNode): vscode.TreeItem {
    return renderItem(isAction(element) ? actionItem(element) : this.shape.item(element));
  }

  resolveTreeItem(item: vscode.TreeItem, element: N | ActionNode): vscode.TreeItem {
    if (isAction(element)) return item;
    const tooltip = this.shape.tooltip?.(element);
    if (tooltip !== undefined) item.tooltip = new vscode.MarkdownString(tooltip);
    return item;
  }

  getParent(element: N | ActionNode): N | undefined {
    return isAction(element) ? undefined : this.shape.parent?.(element);
  }

  getChildren(element?: N | ActionNode): (N | ActionNode)[] | Promise<(N | ActionNode)[]> {
    if (element) return isAction(element) ? [] : this.shape.children(element);
    this.shown = true;
    // A store still loading shows Loading… now; its change signal brings the rows. ready() starts its list if none is under way.
    for (const store of [this.store, ...this.others]) if (store.current.kind === 'loading') void store.ready();
    return placeholderRoots(this.view, this.store.current, this.others.map((s) => s.current)) ?? this.shape.roots();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function isAction(node: unknown): node is ActionNode {
  return (node as { kind?: string }).kind === 'action';
}
