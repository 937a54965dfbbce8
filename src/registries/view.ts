/**
 * The Registries view: registries (Docker Hub, docker config's, added by the user,
 * Berth logins) → repositories (`/v2/_catalog`) → tags. Children are fetched when a
 * node is expanded; failures show as a message node under the registry.
 */
import * as vscode from 'vscode';
import { RegistryClient, RegistryError } from './client';
import type { Credentials } from './credentials';
import { configuredRegistries, normalizeRegistry } from './dockerConfig';
import { mergeRegistries, RegistryItemSpec, registryItem, RegistryNode } from './items';

const addedKey = 'berth.registries.added';

export class RegistriesProvider implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RegistryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly credentials: Credentials, private readonly state: vscode.Memento) {
    this.subscription = credentials.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  client(registry: string): RegistryClient {
    return new RegistryClient(registry, { credential: () => this.credentials.forRegistry(registry) });
  }

  added(): string[] {
    return this.state.get<string[]>(addedKey, []);
  }

  async add(registry: string): Promise<void> {
    const name = normalizeRegistry(registry);
    if (!this.added().includes(name)) await this.state.update(addedKey, [...this.added(), name]);
    this.refresh();
  }

  async remove(registry: string): Promise<void> {
    await this.state.update(addedKey, this.added().filter((r) => r !== normalizeRegistry(registry)));
    this.refresh();
  }

  getTreeItem(node: RegistryNode): vscode.TreeItem {
    return render(registryItem(node));
  }

  async getChildren(node?: RegistryNode): Promise<RegistryNode[]> {
    if (!node) {
      const config = await this.credentials.dockerConfig();
      const registries = mergeRegistries(configuredRegistries(config), this.added(), await this.credentials.berthLogins());
      return Promise.all(registries.map(async ({ registry, sources }) => ({
        kind: 'registry' as const, registry, sources, loggedIn: (await this.credentials.forRegistry(registry).catch(() => undefined))?.source,
      })));
    }
    try {
      if (node.kind === 'registry') {
        const repositories = await this.client(node.registry).catalog();
        if (repositories.length === 0) return [{ kind: 'message', parent: node.registry, text: 'No repositories yet.', error: false }];
        return repositories.map((repository) => ({ kind: 'repository', registry: node.registry, repository }));
      }
      if (node.kind === 'repository') {
        const tags = await this.client(node.registry).tags(node.repository);
        return tags.sort().map((tag) => ({ kind: 'tag', registry: node.registry, repository: node.repository, tag }));
      }
    } catch (error) {
      const text = error instanceof RegistryError ? error.message : `Listing failed: ${String(error)}`;
      const parent = node.kind === 'repository' ? `${node.registry}/${node.repository}` : node.kind === 'registry' ? node.registry : '';
      return [{ kind: 'message', parent, text, error: true }];
    }
    return [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function render(spec: RegistryItemSpec): vscode.TreeItem {
  const item = new vscode.TreeItem(spec.label, spec.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = spec.id;
  item.description = spec.description;
  item.tooltip = spec.tooltip;
  item.contextValue = spec.contextValue;
  item.iconPath = new vscode.ThemeIcon(spec.icon.id, spec.icon.color ? new vscode.ThemeColor(spec.icon.color) : undefined);
  return item;
}
