/** Wires credentials and the Registries view; commands reach them through the services record. */
import * as vscode from 'vscode';
import type { BerthContext } from '../context';
import { Credentials } from './credentials';
import { RegistriesProvider } from './view';

export interface Registries {
  credentials: Credentials;
  provider: RegistriesProvider;
  view: vscode.TreeView<import('./items').RegistryNode>;
}

export function registerRegistries(ctx: BerthContext): Registries {
  const credentials = new Credentials(ctx.extension.secrets);
  const provider = new RegistriesProvider(credentials, ctx.extension.globalState);
  const view = vscode.window.createTreeView('berth.registries', { treeDataProvider: provider, showCollapseAll: true });
  ctx.extension.subscriptions.push(provider, view);
  return { credentials, provider, view };
}
