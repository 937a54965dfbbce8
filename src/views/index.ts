/**
 * Registers the four explorer views over the resource stores: their trees, the
 * running-count badge, the filter, and the unreachable-engine message that the
 * welcome content (package.json viewsWelcome) completes with a Retry button.
 */
import * as vscode from 'vscode';
import { BerthConfig, onConfigChange, readConfig, writeConfig } from '../config';
import type { BerthContext } from '../context';
import { remoteEngineHost } from '../engine/endpoint';
import type { ContainerGroupBy, ContainerSortBy } from '../config/schema';
import type { ContainerSummary, ImageSummary } from '../engine/types';
import { isFilesNode } from '../files/nodes';
import type { FilesTree } from '../files/tree';
import { isLayerFilesNode } from '../layers/nodes';
import type { LayerFilesTree } from '../layers/tree';
import type { EngineSession, EngineSessions } from '../state/sessions';
import type { Store } from '../state/store';
import { containerTooltip, ContainerDisplay } from './containerItems';
import { arrangeContainers, containerChildren, ContainerNode, containerNodeItem, containerParent, activeBadge, containersDescription } from './containerTree';
import { arrangeImages, ImageNode, imageNodeItem, layerNodes } from './imageItems';
import { arrangeNetworks, networkChildren, NetworkNode, networkNodeItem } from './networkItems';
import { diskUsageReport } from './diskUsage';
import { documentScheme, EngineDocuments } from './documents';
import { problemMessage } from './problem';
import type { ActivationTimings } from '../timings';
import type { Prompter } from '../ui/prompt';
import { registerStatusBar, switchEngine } from './statusBar';
import { Ui } from './ui';
import { lastResult } from './memo';
import { EngineTree, itemsOf, StoreTreeProvider, TreeRow } from './storeTree';
import { countOf } from './engineGroup';
import { arrangeVolumes, volumeChildren, VolumeNode, volumeNodeItem, volumeParent } from './volumeItems';

export interface Views {
  documents: EngineDocuments;
  ui: Ui;
  /** The status bar's text: the engine, and which one it is once it answered ("… · Podman 4.3.1"). */
  readonly engineStatus: string;
  /** The status bar's engine switcher. */
  switchEngine(): Promise<string | undefined>;
  containers: StoreTreeProvider<ContainerNode>;
  images: StoreTreeProvider<ImageNode>;
  networks: StoreTreeProvider<NetworkNode>;
  volumes: StoreTreeProvider<VolumeNode>;
  treeViews: {
    containers: vscode.TreeView<TreeRow<ContainerNode>>;
    images: vscode.TreeView<TreeRow<ImageNode>>;
    networks: vscode.TreeView<TreeRow<NetworkNode>>;
    volumes: vscode.TreeView<TreeRow<VolumeNode>>;
  };
  /** The Containers view's text filter ('' for none). */
  filter: string;
  setFilter(text: string): void;
  refreshAll(): Promise<void>;
  /** Writes a display setting; the views follow the change. */
  setSetting<K extends keyof BerthConfig>(key: K, value: BerthConfig[K]): Promise<void>;
}

/**
 * `stores`: the lists the trees show (src/state owns them).
 * `files`: the Files and Changes subtree hung under each container (src/files).
 * `timings`: marked when the Containers view first shows its children or its message.
 */
export function registerViews(ctx: BerthContext, sessions: EngineSessions, prompt: Prompter, files: FilesTree, layers: LayerFilesTree, timings: ActivationTimings): Views {
  const stores = sessions.primary.stores;
  const documents = new EngineDocuments((key) => (sessions.byKey(key) ?? sessions.primary).engine, async () => diskUsageReport(await ctx.engine.system.df(), ctx.engine.label));
  let filter = '';
  // Parsed once per endpoint, not once per tree item.
  const engineHostOf = lastResult((url: string) => remoteEngineHost(url));

  // Each engine's trees, arranged once per list or setting change, not per getChildren/getParent call.
  const containerTree = (session: EngineSession): EngineTree<ContainerNode> => {
    const s = session.stores;
    const display = (): ContainerDisplay => ({ label: ctx.config['containers.label'], description: ctx.config['containers.description'], engineHost: engineHostOf(session.engine.endpoint.url) });
    const arranged = lastResult((all: readonly ContainerSummary[], groupBy: ContainerGroupBy, sortBy: ContainerSortBy, showStopped: boolean, text: string) =>
      arrangeContainers(all, { groupBy, sortBy, showStopped, filter: text }));
    const roots = () => arranged(itemsOf(s.containers), ctx.config['containers.groupBy'], ctx.config['containers.sortBy'], ctx.config['containers.showStopped'], filter);
    return {
      own: s.containers, others: [], count: countOf('container'),
      shape: {
        roots: () => {
          const nodes = roots();
          if (session.primary) timings.mark('containersShown');
          return nodes;
        },
        // Files and Changes list only when expanded: a refresh costs no call per container.
        // They read the primary engine's container file system, so a pinned engine's containers go without them.
        children: (node) => (isFilesNode(node) ? files.childrenOf(node) : containerChildren(node).filter((child) => session.primary || !isFilesNode(child))),
        parent: (node) => (isFilesNode(node) && files.parentOf(node)) || containerParent(node, roots()),
        item: (node) => containerNodeItem(node, display()),
        tooltip: (node) => (node.kind === 'container' ? containerTooltip(node.container) : undefined),
      },
    };
  };
  const containers = new StoreTreeProvider<ContainerNode>('berth.containers', sessions, containerTree,
    { mimeTypes: files.dropMimeTypes, handle: async (node, data) => (isFilesNode(node) ? files.handleDrop(node, data) : undefined) });

  // A layer's files know their layer, not the row (and tag) they were expanded under: remembered for reveal.
  const layerParents = new WeakMap<object, ImageNode>();
  const imageTree = (session: EngineSession): EngineTree<ImageNode> => {
    const s = session.stores;
    const arranged = lastResult((all: readonly ImageSummary[], showUntagged: boolean) => arrangeImages(all, { showUntagged }));
    const roots = () => arranged(itemsOf(s.images), ctx.config['images.showUntagged']);
    const repoOf = (image: string, reference?: string) => roots().find((r) => r.kind === 'imageRepo' && r.tags.some((t) => t.image.id === image && t.reference === reference));
    return {
      own: s.images, others: [], count: countOf('image'),
      shape: {
        roots,
        parent: (node) => {
          if (isLayerFilesNode(node)) return layerParents.get(node);
          if (node.kind === 'image') return repoOf(node.image.id, node.reference);
          if (node.kind === 'imageLayer') {
            const repo = repoOf(node.image.id, node.reference);
            return repo?.kind === 'imageRepo' ? repo.tags.find((t) => t.image.id === node.image.id && t.reference === node.reference) : undefined;
          }
          return undefined;
        },
        // Layers cost one history call, made only when a person expands the image; a layer's files, one archive read.
        // A layer's files read the primary engine's layers, so a pinned engine's layers show none.
        children: async (node) => {
          if (isLayerFilesNode(node) || node.kind === 'imageLayer') {
            if (!session.primary) return [];
            const layerFiles = isLayerFilesNode(node) ? await layers.childrenOfNode(node) : await layers.childrenOfRow(node.image.id, node.reference ?? '', node.history, node.index);
            for (const file of layerFiles) layerParents.set(file, node);
            return layerFiles;
          }
          return node.kind === 'imageRepo' ? node.tags : layerNodes(node, await session.engine.images.history(node.image.id));
        },
        item: (node) => imageNodeItem(node),
      },
    };
  };
  const images = new StoreTreeProvider<ImageNode>('berth.images', sessions, imageTree);
  const networks = new StoreTreeProvider<NetworkNode>('berth.networks', sessions, (session) => ({
    own: session.stores.networks, others: [session.stores.containers], count: countOf('network'),
    shape: {
      roots: () => arrangeNetworks(itemsOf(session.stores.networks), itemsOf(session.stores.containers), { showBuiltIn: ctx.config['networks.showBuiltIn'] }),
      children: networkChildren,
      item: networkNodeItem,
    },
  }));
  const volumeTree = (session: EngineSession): EngineTree<VolumeNode> => {
    const s = session.stores;
    const roots = () => arrangeVolumes(itemsOf(s.volumes), itemsOf(s.containers));
    return {
      own: s.volumes, others: [s.containers], count: countOf('volume'),
      shape: {
        roots,
        // A volume's Files read the primary engine's volumes, so a pinned engine's volumes go without them.
        children: (node) => (isFilesNode(node) ? files.childrenOf(node) : volumeChildren(node).filter((child) => session.primary || !isFilesNode(child))),
        parent: (node) => (isFilesNode(node) && files.parentOf(node)) || volumeParent(node, roots()),
        item: volumeNodeItem,
      },
    };
  };
  const volumes = new StoreTreeProvider<VolumeNode>('berth.volumes', sessions, volumeTree,
    { mimeTypes: files.dropMimeTypes, handle: async (node, data) => (isFilesNode(node) ? files.handleDrop(node, data) : undefined) });

  const treeViews = {
    containers: vscode.window.createTreeView('berth.containers', { treeDataProvider: containers, dragAndDropController: containers, canSelectMany: true, showCollapseAll: true }),
    images: vscode.window.createTreeView('berth.images', { treeDataProvider: images, canSelectMany: true, showCollapseAll: true }),
    networks: vscode.window.createTreeView('berth.networks', { treeDataProvider: networks, canSelectMany: true }),
    volumes: vscode.window.createTreeView('berth.volumes', { treeDataProvider: volumes, dragAndDropController: volumes, canSelectMany: true }),
  };

  const following = [containers.follow(treeViews.containers), images.follow(treeViews.images), networks.follow(treeViews.networks), volumes.follow(treeViews.volumes)];


  // Which endpoint failed and why goes in the view's message; the welcome content
  // (shown while the tree is empty) adds the Retry button. With several engines each
  // group says it itself, and the view has no message: the other engines still answer.
  const showState = (view: vscode.TreeView<unknown>, store: Store<unknown>): void => {
    view.message = sessions.several ? undefined : problemMessage(store.current);
  };
  const showContainerState = (): void => {
    const state = stores.containers.current;
    void vscode.commands.executeCommand('setContext', 'berth.engineUnreachable', !sessions.several && state.kind === 'error');
    showState(treeViews.containers, stores.containers);
    if (state.kind === 'error') timings.mark('containersMessage');
    // No count while loading another engine's list or when it failed: the last one is not this engine's.
    const active = sessions.list().flatMap((session) => itemsOf(session.stores.containers));
    treeViews.containers.badge = state.kind === 'ready' || sessions.several ? activeBadge(active) : undefined;
    treeViews.containers.description = containersDescription(filter, ctx.config['containers.showStopped']);
  };
  const showAll = (): void => {
    showContainerState();
    showState(treeViews.images, stores.images);
    showState(treeViews.networks, stores.networks);
    showState(treeViews.volumes, stores.volumes);
  };
  // A pinned engine's containers change the badge too.
  let pinnedBadges: { dispose(): void }[] = [];
  const followBadges = (): void => {
    for (const d of pinnedBadges) d.dispose();
    pinnedBadges = sessions.list().filter((s) => !s.primary).map((s) => s.stores.containers.onDidChange(showContainerState));
  };
  followBadges();

  const statusBar = registerStatusBar(ctx, stores);
  ctx.extension.subscriptions.push(
    containers, images, networks, volumes, documents,
    vscode.workspace.registerTextDocumentContentProvider(documentScheme, documents),
    ...statusBar.disposables,
    ...Object.values(treeViews),
    ...following,
    stores.containers.onDidChange(showContainerState),
    stores.images.onDidChange(() => showState(treeViews.images, stores.images)),
    stores.networks.onDidChange(() => showState(treeViews.networks, stores.networks)),
    stores.volumes.onDidChange(() => showState(treeViews.volumes, stores.volumes)),
    // A files node changed (upload, new file, refresh): re-read that subtree only.
    // Layers shown before the ones below them were read: shown again with their changes known.
    layers.onProgress(() => images.rerender()),
    files.onDidChange((node) => {
      if (!node || !node.container.scheme) containers.rerender(node);
      if (!node || node.container.scheme) volumes.rerender(node);
    }),
    sessions.onDidChange(() => {
      followBadges();
      showAll();
    }),
    { dispose: () => pinnedBadges.forEach((d) => d.dispose()) },
    // Registered after the context's own listener (extension.ts), so ctx.config is already the new one.
    onConfigChange(() => {
      showContainerState();
      for (const tree of [containers, images, networks, volumes]) tree.rerender();
    }),
  );
  return {
    get engineStatus() {
      return statusBar.item.text;
    },
    documents, ui: new Ui(), switchEngine: () => switchEngine(ctx, prompt), containers, images, networks, volumes, treeViews,
    get filter() {
      return filter;
    },
    setFilter(text: string) {
      filter = text.trim();
      void vscode.commands.executeCommand('setContext', 'berth.containers.filtered', filter !== '');
      showContainerState();
      containers.rerender();
    },
    refreshAll: async () => {
      await Promise.all(sessions.list().map((session) => session.stores.refresh()));
    },
    setSetting: async (key, value) => {
      await writeConfig(key, value);
      // Do not wait for the change event: callers (and tests) see the new display at once.
      ctx.updateConfig(readConfig());
      showContainerState();
      for (const tree of [containers, images, networks, volumes]) tree.rerender();
    },
  };
}
