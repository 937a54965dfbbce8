/**
 * What a tree item shows, as plain data: every view's item functions return this and
 * render.ts turns it into a vscode.TreeItem, so items are unit-tested without VS Code.
 */
export interface IconSpec {
  /** A codicon id. */
  id: string;
  /** A theme color id. */
  color?: string;
}

export interface ItemSpec {
  /** Stable across refreshes, so VS Code keeps selection and expansion. */
  id: string;
  label: string;
  description?: string;
  /** Markdown; containers build theirs lazily in resolveTreeItem. */
  tooltip?: string;
  /** Names the state; menus' `when` clauses match it (`viewItem =~ /^container\.running/`). */
  contextValue: string;
  icon: IconSpec;
  collapsible: boolean | 'expanded';
  /** Runs on click. */
  command?: { command: string; title: string; arguments?: unknown[] };
  /** A resource the item stands for, so file decorations (and file icon themes) apply. */
  resourceUri?: { scheme: string; authority: string; path: string; query?: string };
  /** Take the icon from the file icon theme (by resourceUri) instead of `icon`. */
  themeFileIcon?: boolean;
}
