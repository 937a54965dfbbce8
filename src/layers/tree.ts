/**
 * Children of an image layer's row and of the folders below it: the layer's files,
 * read from the image's archive the first time any layer of it is expanded. A layer
 * shows as soon as it and the layers below it have been read; errors become one row.
 */
import * as l10n from '@vscode/l10n';
import { describeError } from '../errorText';
import type { HistoryRow } from './analysis';
import type { ImageLayerFiles } from './imageFiles';
import { LayerFilesNode, layerEntryNodes, LayerRef, layerSummary } from './nodes';

export class LayerFilesTree {
  constructor(private readonly files: ImageLayerFiles) {}

  /** Fires when layers of an image became complete; the Images view re-reads what it shows. */
  onProgress(listener: () => void): { dispose(): void } {
    return this.files.onProgress(listener);
  }

  /** A layer's top (`folder` '') or a folder of it. */
  async childrenOf(layer: LayerRef, folder = ''): Promise<LayerFilesNode[]> {
    try {
      // A layer shows as soon as it is read; the tree re-reads it once the layers below are (onProgress).
      const view = await this.files.layer(layer.imageId, layer.diffIndex, { partial: true });
      const entries = layerEntryNodes(layer, view.report.files, folder, view.layerCount, view.complete);
      if (folder !== '') return entries.length > 0 ? entries : [{ kind: 'layerMessage', layer, parent: folder, message: l10n.t('Nothing else in this folder'), icon: 'info' }];
      return [{ kind: 'layerMessage', layer, parent: '', message: layerSummary(view.report, view.image, view.complete), icon: view.complete ? 'info' : 'loading~spin' }, ...entries];
    } catch (error) {
      return [{ kind: 'layerMessage', layer, parent: folder, message: describeError(error), icon: 'warning' }];
    }
  }

  /** Under a history row: the files of the layer it made, or a row saying it made none. */
  async childrenOfRow(imageId: string, tagKey: string, history: readonly HistoryRow[], rowIndex: number): Promise<LayerFilesNode[]> {
    const layer = (diffIndex: number): LayerRef => ({ imageId, tagKey, diffIndex });
    try {
      const diffIndex = (await this.files.layersOfRows(imageId, history))[rowIndex];
      if (diffIndex === undefined) return [{ kind: 'layerMessage', layer: layer(-1), parent: `row${rowIndex}`, message: l10n.t('This step changed only the image\'s settings: it made no layer.'), icon: 'info' }];
      return this.childrenOf(layer(diffIndex));
    } catch (error) {
      return [{ kind: 'layerMessage', layer: layer(-1), parent: `row${rowIndex}`, message: describeError(error), icon: 'warning' }];
    }
  }

  /** Children of a layer files node (folders only have any). */
  async childrenOfNode(node: LayerFilesNode): Promise<LayerFilesNode[]> {
    return node.kind === 'layerEntry' && node.folder ? this.childrenOf(node.layer, node.path) : [];
  }
}
