/**
 * Wires the files feature: the berth-container file system, the Files and Changes
 * subtree that the Containers tree shows under each container (with drag and drop),
 * A/C/D decorations for Changes, and the services the files commands use. Runs before
 * registerViews, which hangs `tree` under the containers. Returns what the host-tier
 * tests drive.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthContext } from '../context';
import type { ContainerSummary } from '../engine/types';
import type { Store } from '../state/store';
import { formatSize } from '../views/format';
import { VolumeHelpers } from '../volumes/helpers';
import { ContainerFs } from './containerFs';
import { FileDialogs } from './dialogs';
import { changeColors, FilesNode, FilesOwner } from './nodes';
import { containerScheme, volumeScheme } from './paths';
import { ContainerFileSystemProvider, ownerUri } from './provider';
import { followRemovals, releaseFiles } from './removals';
import type { FilesServices } from './services';
import { packHostPaths } from './tarPack';
import { FilesTree } from './tree';

/** What the files commands use (FilesServices), plus the provider and tree the host tests drive. */
export interface FilesApi extends FilesServices {
  provider: ContainerFileSystemProvider;
  /** The Files and Changes subtree under each container of the Containers tree. */
  tree: FilesTree;
  dialogs: FileDialogs;
  /** The helper containers that volumes' files are read through. */
  volumeHelpers: VolumeHelpers;
}

const changeNames: Record<string, keyof typeof changeColors> = { A: 'added', C: 'changed', D: 'deleted' };

/** `containers`: the engine's container list, to let go of a container's files once it is gone. */
export function registerFiles(ctx: BerthContext, containers: Store<ContainerSummary>): FilesApi {
  const fs = new ContainerFs(() => ctx.engine.containers);
  const provider = new ContainerFileSystemProvider(fs);
  // The engine is read at each call: a helper is made on whichever engine Berth uses now.
  const volumeHelpers = new VolumeHelpers(() => ctx.engine);
  const volumeFs = new ContainerFs(() => volumeHelpers.port, { owner: 'volume' });
  const volumeProvider = new ContainerFileSystemProvider(volumeFs, 'volume');
  const fsOf = (owner: FilesOwner): ContainerFs => (owner.scheme === volumeScheme ? volumeFs : fs);
  const providerOf = (owner: FilesOwner): ContainerFileSystemProvider => (owner.scheme === volumeScheme ? volumeProvider : provider);
  const dialogs = new FileDialogs();

  const withProgress: FilesServices['withProgress'] = (title, work) =>
    Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      try {
        return await work({ report: (message, increment) => progress.report({ message, increment }) }, controller.signal);
      } finally {
        cancelled.dispose();
      }
    }));

  const upload = async (node: FilesNode, folder: string, sources: string[]): Promise<void> => {
    const stats = { files: 0, directories: 0, bytes: 0 };
    const names = sources.map((p) => path.basename(p));
    const title = names.length === 1
      ? vscode.l10n.t('Uploading {0} to {1} in {2}', names[0], folder, node.container.name)
      : vscode.l10n.t('Uploading {0} items to {1} in {2}', names.length, folder, node.container.name);
    await withProgress(title, async (progress, signal) => {
      const tick = setInterval(() => progress.report(vscode.l10n.t('{0} file(s), {1}', stats.files, formatSize(stats.bytes))), 500);
      try {
        await fsOf(node.container).upload(node.container.id, folder, packHostPaths(sources, stats), signal);
      } finally {
        clearInterval(tick);
      }
    });
    for (const name of names) services.changed(node.container, `${folder === '/' ? '' : folder}/${name}`, true);
    tree.refresh(node);
  };

  const tree = new FilesTree({ fsOf, diff: (id) => ctx.engine.containers.diff(id), upload });

  const services: FilesServices = {
    fs,
    fsOf,
    dialogs,
    withProgress,
    upload,
    openFile: async (owner, filePath) => {
      await vscode.window.showTextDocument(ownerUri(owner, filePath), { preview: false });
    },
    changed: (owner, changedPath, created) => providerOf(owner).fire(ownerUri(owner, changedPath), created ? vscode.FileChangeType.Created : vscode.FileChangeType.Changed),
    refresh: (node) => tree.refresh(node),
    release: async (ids) => {
      for (const id of ids) {
        await releaseFiles(id, ctx.log);
        // A save that began before its editor closed finishes first, or the removal would cut it halfway.
        await fs.writesSettled(id);
      }
    },
    info: (message) => void vscode.window.showInformationMessage(message),
    warn: (message) => void vscode.window.showWarningMessage(message),
  };

  const decorations: vscode.FileDecorationProvider = {
    provideFileDecoration(uri) {
      if (uri.scheme !== containerScheme) return undefined;
      const letter = /(?:^|&)change=([ACD])/.exec(uri.query)?.[1];
      if (!letter) return undefined;
      const kind = changeNames[letter];
      const tooltip = kind === 'added' ? vscode.l10n.t('Added') : kind === 'changed' ? vscode.l10n.t('Changed') : vscode.l10n.t('Deleted');
      return { badge: letter, tooltip, color: new vscode.ThemeColor(changeColors[kind]) };
    },
  };

  ctx.extension.subscriptions.push(
    provider, volumeProvider, tree,
    vscode.workspace.registerFileSystemProvider(containerScheme, provider, { isCaseSensitive: true }),
    vscode.workspace.registerFileSystemProvider(volumeScheme, volumeProvider, { isCaseSensitive: true }),
    { dispose: () => void volumeHelpers.release() },
    vscode.window.registerFileDecorationProvider(decorations),
    followRemovals(containers, fs, ctx.log),
  );
  return { ...services, provider, tree, dialogs, volumeHelpers };
}
