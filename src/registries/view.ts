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
  /**
   * One element object per tree id: VS Code refuses a second object with an id it has
   * registered, which happens when refreshes overlap or reveal() asks for parents.
   */
  private readonly nodes = new Map<string, RegistryNode>();

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

  /** Parents by identity of their tree item id (what reveal() needs); a registry's own details do not matter there. */
  getParent(node: RegistryNode): RegistryNode | undefined {
    if (node.kind === 'tag') return this.node({ kind: 'repository', registry: node.registry, repository: node.repository });
    if (node.kind === 'repository') return this.nodes.get(registryItem({ kind: 'registry', registry: node.registry, sources: [], loggedIn: undefined }).id)
      ?? this.node({ kind: 'registry', registry: node.registry, sources: [], loggedIn: undefined });
    return undefined;
  }

  /** The cached object for this node's id, updated with the fresh fields. */
  private node<N extends RegistryNode>(fresh: N): N {
    const id = registryItem(fresh).id;
    const known = this.nodes.get(id);
    if (known && known.kind === fresh.kind) return Object.assign(known, fresh) as N;
    this.nodes.set(id, fresh);
    return fresh;
  }

  async getChildren(node?: RegistryNode): Promise<RegistryNode[]> {
    if (!node) {
      const config = await this.credentials.dockerConfig();
      const registries = mergeRegistries(configuredRegistries(config), this.added(), await this.credentials.berthLogins());
      return Promise.all(registries.map(async ({ registry, sources }) => this.node({
        kind: 'registry' as const, registry, sources, loggedIn: (await this.credentials.forRegistry(registry).catch(() => undefined))?.source,
      })));
    }
    try {
      if (node.kind === 'registry') {
        const repositories = await this.client(node.registry).catalog();
        if (repositories.length === 0) return [this.node({ kind: 'message', parent: node.registry, text: vscode.l10n.t('No repositories yet.'), error: false })];
        return repositories.map((repository) => this.node({ kind: 'repository', registry: node.registry, repository }));
      }
      if (node.kind === 'repository') {
        const tags = await this.client(node.registry).tags(node.repository);
        return tags.sort().map((tag) => this.node({ kind: 'tag', registry: node.registry, repository: node.repository, tag }));
      }
    } catch (error) {
      const text = error instanceof RegistryError ? error.message : vscode.l10n.t('Listing failed: {0}', String(error));
      const parent = node.kind === 'repository' ? `${node.registry}/${node.repository}` : node.kind === 'registry' ? node.registry : '';
      return [this.node({ kind: 'message', parent, text, error: true })];
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
