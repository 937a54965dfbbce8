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
  // Specs name files as plain URI parts; commands such as vscode.open take only a real Uri.
  if (spec.command) item.command = { ...spec.command, arguments: spec.command.arguments?.map((arg) => (isUriParts(arg) ? vscode.Uri.from(arg) : arg)) };
  return item;
}

function isUriParts(value: unknown): value is { scheme: string; authority?: string; path: string; query?: string } {
  if (typeof value !== 'object' || value === null || value instanceof vscode.Uri) return false;
  const parts = value as { scheme?: unknown; path?: unknown; kind?: unknown };
  return typeof parts.scheme === 'string' && typeof parts.path === 'string' && parts.kind === undefined;
}
