/**
 * The Engines view: one row per Docker context and added endpoint (rows.ts), asked
 * whether it answers when the view is first shown and on Refresh, never on a timer
 * (each check is a connection, an ssh process for ssh endpoints). A click makes the
 * row Berth's engine.
 */
import * as vscode from 'vscode';
import { renderItem } from '../views/render';
import { EngineRow, engineRowItem } from './rows';

export class EnginesProvider implements vscode.TreeDataProvider<EngineRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EngineRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly rows: () => EngineRow[]) {}

  rerender(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(row: EngineRow): vscode.TreeItem {
    return renderItem(engineRowItem(row));
  }

  getChildren(row?: EngineRow): EngineRow[] {
    return row ? [] : this.rows();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
