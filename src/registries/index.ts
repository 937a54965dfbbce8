/** Wires credentials and the Registries view; commands reach them through registriesOf(ctx). */
import * as vscode from 'vscode';
import type { BerthContext } from '../context';
import { Credentials } from './credentials';
import { RegistriesProvider } from './view';

export interface Registries {
  credentials: Credentials;
  provider: RegistriesProvider;
  view: vscode.TreeView<import('./items').RegistryNode>;
}

const byContext = new WeakMap<BerthContext, Registries>();

export function registerRegistries(ctx: BerthContext): Registries {
  const credentials = new Credentials(ctx.extension.secrets);
  const provider = new RegistriesProvider(credentials, ctx.extension.globalState);
  const view = vscode.window.createTreeView('berth.registries', { treeDataProvider: provider, showCollapseAll: true });
  ctx.extension.subscriptions.push(provider, view);
  const registries = { credentials, provider, view };
  byContext.set(ctx, registries);
  return registries;
}

export function registriesOf(ctx: BerthContext): Registries {
  const registries = byContext.get(ctx);
  if (!registries) throw new Error('The registries are not registered yet.');
  return registries;
}
