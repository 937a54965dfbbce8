/**
 * A tree data provider over a Store: elements are the store's plain records,
 * getTreeItem renders them through a pure spec function. When the store holds an
 * error, the tree is empty and the view's welcome content explains it (the
 * `berth.engineState` context key drives which welcome shows).
 */
import * as vscode from 'vscode';
import { Store } from '../state/store';
import { ItemSpec } from './containerItems';
import { renderItem } from './render';

export class StoreTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    readonly store: Store<T>,
    private readonly toSpec: (item: T) => ItemSpec,
  ) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(element: T): vscode.TreeItem {
    return renderItem(this.toSpec(element));
  }

  async getChildren(element?: T): Promise<T[]> {
    if (element) return [];
    const state = await this.store.ready();
    return state.kind === 'ready' ? state.items : [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
