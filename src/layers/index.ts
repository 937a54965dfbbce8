/**
 * Wires image layers' files: the read-only berth-layer file system, its A/C/D
 * decorations, and the tree the Images view asks for a layer's children. Nothing is
 * read from the engine until a layer is expanded or a layer file is opened.
 */
import * as vscode from 'vscode';
import type { BerthContext } from '../context';
import { changeColors } from '../files/nodes';
import { ImageLayerFiles } from './imageFiles';
import { layerScheme } from './nodes';
import { LayerFileSystemProvider } from './provider';
import { LayerFilesTree } from './tree';

export interface LayersApi {
  files: ImageLayerFiles;
  tree: LayerFilesTree;
  /** Opens a layer file read-only in an editor. */
  open(uri: { scheme: string; authority: string; path: string }): Promise<void>;
}

const changeNames: Record<string, { color: keyof typeof changeColors; tooltip: () => string }> = {
  A: { color: 'added', tooltip: () => vscode.l10n.t('Added by this layer') },
  C: { color: 'changed', tooltip: () => vscode.l10n.t('Changed by this layer') },
  D: { color: 'deleted', tooltip: () => vscode.l10n.t('Removed by this layer') },
};

export function registerLayers(ctx: BerthContext): LayersApi {
  // The engine is read at each call, so a switch of engine reads the new one's images.
  const files = new ImageLayerFiles(() => ctx.engine.images);
  const provider = new LayerFileSystemProvider(files);
  const decorations: vscode.FileDecorationProvider = {
    provideFileDecoration(uri) {
      if (uri.scheme !== layerScheme) return undefined;
      const change = changeNames[/(?:^|&)change=([ACD])/.exec(uri.query)?.[1] ?? ''];
      return change ? { badge: /change=([ACD])/.exec(uri.query)![1], tooltip: change.tooltip(), color: new vscode.ThemeColor(changeColors[change.color]) } : undefined;
    },
  };
  ctx.extension.subscriptions.push(
    provider, files,
    vscode.workspace.registerFileSystemProvider(layerScheme, provider, { isCaseSensitive: true, isReadonly: true }),
    vscode.window.registerFileDecorationProvider(decorations),
  );
  return {
    files,
    tree: new LayerFilesTree(files),
    open: async (uri) => {
      await vscode.window.showTextDocument(vscode.Uri.from(uri), { preview: true });
    },
  };
}
