/** Registers the tree views over the resource stores. */
import * as vscode from 'vscode';
import { BerthContext } from '../context';
import { describeError } from '../errorText';
import { Store } from '../state/store';
import { containerItem } from './containerItems';
import { imageItem } from './imageItems';
import { StoreTreeProvider } from './storeTree';
import { ContainerSummary, ImageSummary } from '../engine/types';

export interface Views {
  containers: StoreTreeProvider<ContainerSummary>;
  images: StoreTreeProvider<ImageSummary>;
  refreshAll(): Promise<void>;
}

export function registerViews(ctx: BerthContext): Views {
  const containerStore = new Store<ContainerSummary>(() => ctx.engine.listContainers({ all: true }));
  const imageStore = new Store<ImageSummary>(() => ctx.engine.listImages());
  const containers = new StoreTreeProvider(containerStore, containerItem);
  const images = new StoreTreeProvider(imageStore, (i) => imageItem(i));

  const containersView = vscode.window.createTreeView('berth.containers', { treeDataProvider: containers, canSelectMany: true, showCollapseAll: false });
  const imagesView = vscode.window.createTreeView('berth.images', { treeDataProvider: images, canSelectMany: true });

  // The welcome content in package.json reads these context keys: which endpoint failed and why.
  const showEngineState = (): void => {
    const state = containerStore.current;
    const unreachable = state.kind === 'error';
    void vscode.commands.executeCommand('setContext', 'berth.engineUnreachable', unreachable);
    containersView.message = unreachable ? describeError(state.error) : undefined;
    if (state.kind === 'ready') {
      const running = state.items.filter((c) => c.state === 'running').length;
      containersView.badge = running > 0 ? { value: running, tooltip: `${running} running` } : undefined;
    }
  };
  ctx.extension.subscriptions.push(
    containers, images, containersView, imagesView,
    containerStore.onDidChange(showEngineState),
    ctx.onDidChangeEngine((engine) => {
      void containerStore.setSource(() => engine.listContainers({ all: true }));
      void imageStore.setSource(() => engine.listImages());
    }),
  );

  return {
    containers,
    images,
    refreshAll: async () => {
      await Promise.all([containerStore.refresh(), imageStore.refresh()]);
    },
  };
}
