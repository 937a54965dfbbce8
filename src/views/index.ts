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
import type { EngineStores } from '../state';
import type { Store } from '../state/store';
import { containerTooltip, ContainerDisplay } from './containerItems';
import { arrangeContainers, containerChildren, ContainerNode, containerNodeItem, containerParent, activeBadge, containersDescription } from './containerTree';
import { arrangeImages, ImageNode, imageNodeItem, layerNodes } from './imageItems';
import { arrangeNetworks, networkChildren, NetworkNode, networkNodeItem } from './networkItems';
import { diskUsageReport } from './diskUsage';
import { documentScheme, EngineDocuments } from './documents';
import { ActionNode, problemMessage } from './problem';
import type { ActivationTimings } from '../timings';
import type { Prompter } from '../ui/prompt';
import { registerStatusBar, switchEngine } from './statusBar';
import { Ui } from './ui';
import { lastResult } from './memo';
import { itemsOf, StoreTreeProvider } from './storeTree';
import { arrangeVolumes, volumeChildren, VolumeNode, volumeNodeItem, volumeParent } from './volumeItems';

export interface Views {
  documents: EngineDocuments;
  ui: Ui;
  /** The status bar's engine switcher. */
  switchEngine(): Promise<string | undefined>;
  containers: StoreTreeProvider<ContainerNode>;
  images: StoreTreeProvider<ImageNode>;
  networks: StoreTreeProvider<NetworkNode>;
  volumes: StoreTreeProvider<VolumeNode>;
  treeViews: {
    containers: vscode.TreeView<ContainerNode | ActionNode>;
    images: vscode.TreeView<ImageNode | ActionNode>;
    networks: vscode.TreeView<NetworkNode | ActionNode>;
    volumes: vscode.TreeView<VolumeNode | ActionNode>;
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
export function registerViews(ctx: BerthContext, stores: EngineStores, prompt: Prompter, files: FilesTree, layers: LayerFilesTree, timings: ActivationTimings): Views {
  const documents = new EngineDocuments(ctx, async () => diskUsageReport(await ctx.engine.system.df(), ctx.engine.label));
  let filter = '';
  // Parsed once per endpoint, not once per tree item.
  const engineHostOf = lastResult((url: string) => remoteEngineHost(url));
  const display = (): ContainerDisplay => ({ label: ctx.config['containers.label'], description: ctx.config['containers.description'], engineHost: engineHostOf(ctx.engine.endpoint.url) });

  // Arranged once per list or setting change, not per getChildren/getParent call.
  const arrangedContainers = lastResult((all: readonly ContainerSummary[], groupBy: ContainerGroupBy, sortBy: ContainerSortBy, showStopped: boolean, text: string) =>
    arrangeContainers(all, { groupBy, sortBy, showStopped, filter: text }));
  const containerRoots = () => arrangedContainers(itemsOf(stores.containers), ctx.config['containers.groupBy'], ctx.config['containers.sortBy'], ctx.config['containers.showStopped'], filter);
  const containers = new StoreTreeProvider<ContainerNode>('berth.containers', stores.containers, [], {
    roots: () => {
      const roots = containerRoots();
      timings.mark('containersShown');
      return roots;
    },
    // Files and Changes list only when expanded: a refresh costs no call per container.
    children: (node) => (isFilesNode(node) ? files.childrenOf(node) : containerChildren(node)),
    parent: (node) => (isFilesNode(node) && files.parentOf(node)) || containerParent(node, containerRoots()),
    item: (node) => containerNodeItem(node, display()),
    tooltip: (node) => (node.kind === 'container' ? containerTooltip(node.container) : undefined),
    drop: { mimeTypes: files.dropMimeTypes, handle: async (node, data) => (isFilesNode(node) ? files.handleDrop(node, data) : undefined) },
  });
  const arrangedImages = lastResult((all: readonly ImageSummary[], showUntagged: boolean) => arrangeImages(all, { showUntagged }));
  const imageRoots = () => arrangedImages(itemsOf(stores.images), ctx.config['images.showUntagged']);
  // A layer's files know their layer, not the row (and tag) they were expanded under: remembered for reveal.
  const layerParents = new WeakMap<object, ImageNode>();
  const images = new StoreTreeProvider<ImageNode>('berth.images', stores.images, [], {
    roots: imageRoots,
    parent: (node) => {
      if (isLayerFilesNode(node)) return layerParents.get(node);
      const repoOf = (image: string, reference?: string) => imageRoots().find((r) => r.kind === 'imageRepo' && r.tags.some((t) => t.image.id === image && t.reference === reference));
      if (node.kind === 'image') return repoOf(node.image.id, node.reference);
      if (node.kind === 'imageLayer') {
        const repo = repoOf(node.image.id, node.reference);
        return repo?.kind === 'imageRepo' ? repo.tags.find((t) => t.image.id === node.image.id && t.reference === node.reference) : undefined;
      }
      return undefined;
    },
    // Layers cost one history call, made only when a person expands the image; a layer's files, one archive read.
    children: async (node) => {
      if (isLayerFilesNode(node) || node.kind === 'imageLayer') {
        const files = isLayerFilesNode(node) ? await layers.childrenOfNode(node) : await layers.childrenOfRow(node.image.id, node.reference ?? '', node.history, node.index);
        for (const file of files) layerParents.set(file, node);
        return files;
      }
      return node.kind === 'imageRepo' ? node.tags : layerNodes(node, await ctx.engine.images.history(node.image.id));
    },
    item: (node) => imageNodeItem(node),
  });
  const networks = new StoreTreeProvider<NetworkNode>('berth.networks', stores.networks, [stores.containers], {
    roots: () => arrangeNetworks(itemsOf(stores.networks), itemsOf(stores.containers), { showBuiltIn: ctx.config['networks.showBuiltIn'] }),
    children: networkChildren,
    item: networkNodeItem,
  });
  const volumeRoots = () => arrangeVolumes(itemsOf(stores.volumes), itemsOf(stores.containers));
  const volumes = new StoreTreeProvider<VolumeNode>('berth.volumes', stores.volumes, [stores.containers], {
    roots: volumeRoots,
    children: (node) => (isFilesNode(node) ? files.childrenOf(node) : volumeChildren(node)),
    parent: (node) => (isFilesNode(node) && files.parentOf(node)) || volumeParent(node, volumeRoots()),
    item: volumeNodeItem,
    drop: { mimeTypes: files.dropMimeTypes, handle: async (node, data) => (isFilesNode(node) ? files.handleDrop(node, data) : undefined) },
  });

  const treeViews = {
    containers: vscode.window.createTreeView('berth.containers', { treeDataProvider: containers, dragAndDropController: containers, canSelectMany: true, showCollapseAll: true }),
    images: vscode.window.createTreeView('berth.images', { treeDataProvider: images, canSelectMany: true, showCollapseAll: true }),
    networks: vscode.window.createTreeView('berth.networks', { treeDataProvider: networks, canSelectMany: true }),
    volumes: vscode.window.createTreeView('berth.volumes', { treeDataProvider: volumes, dragAndDropController: volumes, canSelectMany: true }),
  };

  // Which endpoint failed and why goes in the view's message; the welcome content
  // (shown while the tree is empty) adds the Retry button.
  const showState = (view: vscode.TreeView<unknown>, store: Store<unknown>): void => {
    view.message = problemMessage(store.current);
  };
  const showContainerState = (): void => {
    const state = stores.containers.current;
    void vscode.commands.executeCommand('setContext', 'berth.engineUnreachable', state.kind === 'error');
    showState(treeViews.containers, stores.containers);
    if (state.kind === 'error') timings.mark('containersMessage');
    // No count while loading another engine's list or when it failed: the last one is not this engine's.
    treeViews.containers.badge = state.kind === 'ready' ? activeBadge(state.items as ContainerSummary[]) : undefined;
    treeViews.containers.description = containersDescription(filter, ctx.config['containers.showStopped']);
  };

  ctx.extension.subscriptions.push(
    containers, images, networks, volumes, documents,
    vscode.workspace.registerTextDocumentContentProvider(documentScheme, documents),
    ...registerStatusBar(ctx, stores),
    ...Object.values(treeViews),
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
    // Registered after the context's own listener (extension.ts), so ctx.config is already the new one.
    onConfigChange(() => {
      showContainerState();
      for (const tree of [containers, images, networks, volumes]) tree.rerender();
    }),
  );
  return {
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
    refreshAll: () => stores.refresh(),
    setSetting: async (key, value) => {
      await writeConfig(key, value);
      // Do not wait for the change event: callers (and tests) see the new display at once.
      ctx.updateConfig(readConfig());
      showContainerState();
      for (const tree of [containers, images, networks, volumes]) tree.rerender();
    },
  };
}
