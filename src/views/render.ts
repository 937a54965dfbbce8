/** Turns a pure ItemSpec into a vscode.TreeItem. */
import * as vscode from 'vscode';
import type { ItemSpec } from './spec';

export function renderItem(spec: ItemSpec): vscode.TreeItem {
  const state = spec.collapsible === 'expanded'
    ? vscode.TreeItemCollapsibleState.Expanded
    : spec.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(spec.label, state);
  item.id = spec.id;
  item.description = spec.description;
  if (spec.tooltip !== undefined) item.tooltip = new vscode.MarkdownString(spec.tooltip);
  item.contextValue = spec.contextValue;
  if (spec.resourceUri) item.resourceUri = vscode.Uri.from(spec.resourceUri);
  if (!spec.themeFileIcon || !spec.resourceUri) item.iconPath = new vscode.ThemeIcon(spec.icon.id, spec.icon.color ? new vscode.ThemeColor(spec.icon.color) : undefined);
  if (spec.command) item.command = spec.command;
  return item;
}
