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
 * With several engines (EngineSessions.several) the top level is one group per engine,
 * each built by the same shape over that engine's own stores; a node's engine is
 * remembered when the node is handed out, so its children, parent and id are its
 * engine's. With one engine the tree is exactly the single engine's.
 *
 * While its view is hidden, a change is held and signalled once the view shows again.
 * VS Code keeps a hidden tree's refreshes and runs them itself when the tree shows,
 * outside the extension host's queue of refreshes; a change signalled during that
 * refresh makes the host drop every item while VS Code is still asking for the
 * children of the expanded ones, and the host logs "No tree item with id … found"
 * for each (the `hiddenViews` host suite).
 */
import * as vscode from 'vscode';
import type { EngineSession } from '../state/sessions';
import type { Store } from '../state/store';

export { itemsOf } from '../state/store';
import { EngineNode, engineGroupItem, engineProblemRows } from './engineGroup';
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

/** What a tree shows of one engine: the store whose failure replaces its rows, the stores it also reads, its shape. */
export interface EngineTree<N> {
  own: Store<unknown>;
  others: Store<unknown>[];
  shape: TreeShape<N>;
  /** What the engine's group counts in its description ("3 containers"). */
  count(items: unknown[]): string;
}

/** The engines a tree shows (EngineSessions). */
export interface SessionSource {
  readonly primary: EngineSession;
  readonly several: boolean;
  list(): EngineSession[];
  onDidChange(listener: () => void): { dispose(): void };
}

/** Every row a Berth tree can show: its own nodes, action rows, engine groups. */
export type TreeRow<N> = N | ActionNode | EngineNode;

export class StoreTreeProvider<N> implements vscode.TreeDataProvider<TreeRow<N>>, vscode.TreeDragAndDropController<TreeRow<N>>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeRow<N> | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private storeSubscriptions: { dispose(): void }[] = [];
  private readonly sessionSubscription: { dispose(): void };
  readonly dragMimeTypes: readonly string[] = [];
  readonly dropMimeTypes: readonly string[];
  /** The engine of each node handed out while several engines are shown. */
  private readonly owners = new WeakMap<object, EngineSession>();
  private readonly trees = new Map<EngineSession, EngineTree<N>>();
  private readonly groups = new Map<EngineSession, EngineNode>();
  private readonly drop: TreeShape<N>['drop'];
  private treeView: vscode.TreeView<TreeRow<N>> | undefined;
  /** VS Code asked for the roots at least once: before that, a change needs no signal. */
  private shown = false;
  /** A change arrived while the view was hidden. */
  private held = false;

  constructor(
    /** The view id, for the ids of its action items. */
    private readonly view: string,
    private readonly sessions: SessionSource,
    /** The tree of one engine; made once per session. */
    private readonly treeOf: (session: EngineSession) => EngineTree<N>,
    drop?: TreeShape<N>['drop'],
  ) {
    this.dropMimeTypes = drop?.mimeTypes ?? [];
    this.drop = drop;
    this.followStores();
    this.sessionSubscription = sessions.onDidChange(() => {
      this.followStores();
      this.signal(undefined);
    });
  }

  /** The primary engine's store whose failure replaces the tree (the view's message reads it). */
  get store(): Store<unknown> {
    return this.tree(this.sessions.primary).own;
  }

  /** Re-renders with the current data (after a display setting or the filter changed); with a node, only its subtree. */
  rerender(node?: N): void {
    this.signal(node);
  }

  /** Follows the view's visibility: changes made while it is hidden are signalled once, when it shows. */
  follow(view: vscode.TreeView<TreeRow<N>>): vscode.Disposable {
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

  /** The engine a node of this tree belongs to. */
  sessionOf(node: TreeRow<N>): EngineSession {
    if (isEngineNode(node)) return node.session;
    return this.owners.get(node as object) ?? this.sessions.primary;
  }

  async handleDrop(target: TreeRow<N> | undefined, data: vscode.DataTransfer): Promise<void> {
    if (target !== undefined && !isAction(target) && !isEngineNode(target)) await this.drop?.handle(target, data);
  }

  getTreeItem(element: TreeRow<N>): vscode.TreeItem {
    if (isAction(element)) return renderItem(actionItem(element));
    if (isEngineNode(element)) {
      const tree = this.tree(element.session);
      return renderItem(engineGroupItem(element, tree.own.current, tree.count));
    }
    const session = this.sessionOf(element);
    const spec = this.tree(session).shape.item(element);
    // The same container, image or volume name can be on two engines: ids are per engine then.
    return renderItem(this.sessions.several ? { ...spec, id: `${session.key}/${spec.id}` } : spec);
  }

  resolveTreeItem(item: vscode.TreeItem, element: TreeRow<N>): vscode.TreeItem {
    if (isAction(element) || isEngineNode(element)) return item;
    const tooltip = this.tree(this.sessionOf(element)).shape.tooltip?.(element);
    if (tooltip !== undefined) item.tooltip = new vscode.MarkdownString(tooltip);
    return item;
  }

  getParent(element: TreeRow<N>): TreeRow<N> | undefined {
    if (isAction(element) || isEngineNode(element)) return undefined;
    const session = this.sessionOf(element);
    const parent = this.tree(session).shape.parent?.(element);
    if (parent !== undefined) return this.own(session, parent);
    return this.sessions.several ? this.group(session) : undefined;
  }

  getChildren(element?: TreeRow<N>): TreeRow<N>[] | Promise<TreeRow<N>[]> {
    if (!element) this.shown = true;
    if (!element) return this.sessions.several ? this.sessions.list().map((s) => this.group(s)) : this.rootsOf(this.sessions.primary, this.view);
    if (isAction(element)) return [];
    if (isEngineNode(element)) return this.rootsOf(element.session, `${this.view}/${element.session.key}`);
    const session = this.sessionOf(element);
    const children = this.tree(session).shape.children(element);
    return Array.isArray(children) ? this.ownAll(session, children) : children.then((nodes) => this.ownAll(session, nodes));
  }

  /** An engine's top level: its rows, or Loading…, or (its own store failed) what failed and the actions. */
  private rootsOf(session: EngineSession, rowView: string): TreeRow<N>[] {
    const tree = this.tree(session);
    // A store still loading shows Loading… now; its change signal brings the rows. ready() starts its list if none is under way.
    for (const store of [tree.own, ...tree.others]) if (store.current.kind === 'loading') void store.ready();
    const grouped = this.sessions.several;
    if (grouped && tree.own.current.kind === 'error') return engineProblemRows(rowView, tree.own.current.error);
    const placeholder = placeholderRoots(rowView, tree.own.current, tree.others.map((s) => s.current));
    return placeholder ?? this.ownAll(session, tree.shape.roots());
  }

  private tree(session: EngineSession): EngineTree<N> {
    let tree = this.trees.get(session);
    if (!tree) {
      tree = this.treeOf(session);
      this.trees.set(session, tree);
    }
    return tree;
  }

  private group(session: EngineSession): EngineNode {
    let node = this.groups.get(session);
    if (!node) {
      node = { kind: 'engine', view: this.view, session };
      this.groups.set(session, node);
    }
    return node;
  }

  private own(session: EngineSession, node: N): N {
    if (this.sessions.several && typeof node === 'object' && node !== null) this.owners.set(node, session);
    return node;
  }

  private ownAll(session: EngineSession, nodes: N[]): N[] {
    // With one engine every node is the primary's: nothing to remember (1,000 containers cost nothing more).
    if (this.sessions.several) for (const node of nodes) this.own(session, node);
    return nodes;
  }

  /** Follows the stores of the engines shown now; forgets the trees of engines no longer shown. */
  private followStores(): void {
    for (const s of this.storeSubscriptions) s.dispose();
    const shown = this.sessions.list();
    for (const session of [...this.trees.keys()]) {
      if (shown.includes(session)) continue;
      this.trees.delete(session);
      this.groups.delete(session);
    }
    this.storeSubscriptions = shown.flatMap((session) => {
      const tree = this.tree(session);
      return [tree.own, ...tree.others].map((s) => s.onDidChange(() => this.signal(undefined)));
    });
  }

  dispose(): void {
    for (const s of this.storeSubscriptions) s.dispose();
    this.sessionSubscription.dispose();
    this.changed.dispose();
  }
}

function isAction(node: unknown): node is ActionNode {
  return (node as { kind?: string }).kind === 'action';
}

function isEngineNode(node: unknown): node is EngineNode {
  return (node as { kind?: string }).kind === 'engine';
}
