/**
 * Browse Layer Files… from the palette (what `dive` shows): an image, one of its
 * layers, then one of the files that layer added or changed, opened read-only. From
 * the Images view the same files are under each layer's row.
 */
import * as l10n from '@vscode/l10n';
import type { ImageSummary } from '../engine/types';
import { formatSize } from '../views/format';
import { layerFileUri } from '../layers/nodes';
import { mayMakeLayer, type LayerChange } from '../layers/analysis';
import type { PickItem } from '../ui/prompt';
import { itemsOf } from '../state/store';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { selectedNodes } from './explorerSupport';

/** A layer file's change as the pick shows it. */
function changeText(change: LayerChange): string {
  return change === 'added' ? l10n.t('added') : change === 'changed' ? l10n.t('changed') : l10n.t('removed');
}

interface ImageTarget {
  image: ImageSummary;
  reference?: string;
  /** A history row the command was run on. */
  row?: number;
}

export function layerCommands(services: Services): CommandHandlers {
  const { context: ctx, stores, prompts, layers } = services;

  const imageOf = async (item: unknown): Promise<ImageTarget | undefined> => {
    const [node] = selectedNodes<{ kind: string; image: ImageSummary; reference?: string; index?: number }>(item, undefined, ['image', 'imageLayer']);
    if (node) return { image: node.image, reference: node.reference, row: node.kind === 'imageLayer' ? node.index : undefined };
    const images = itemsOf(stores.images);
    if (images.length === 0) throw new Error(l10n.t('There are no images to look inside.'));
    const choices = images.flatMap((image) => (image.repoTags.length > 0 ? image.repoTags : [image.id]).map((ref): PickItem<ImageTarget> => ({
      label: ref.startsWith('sha256:') ? `<none> ${ref.slice(7, 19)}` : ref, description: formatSize(image.size), value: { image, reference: ref },
    })));
    return prompts.pick(choices, { title: l10n.t('Browse the files of an image\'s layers'), placeholder: l10n.t('Image') });
  };

  return {
    'berth.images.browseLayerFiles': async (item) => {
      const target = await imageOf(item);
      if (!target) return undefined;
      const history = await ctx.engine.images.history(target.image.id);
      const rows = await layers.files.layersOfRows(target.image.id, history);
      let row = target.row;
      if (row === undefined) {
        const choices = history.flatMap((h, index): PickItem<number>[] => (rows[index] === undefined || !mayMakeLayer(h) ? [] : [{
          label: h.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c\s*/, 'RUN ').replace(/\s+/g, ' ').trim() || h.comment || l10n.t('(no instruction)'),
          description: `${l10n.t('layer {0} of {1}', rows[index]! + 1, rows.filter((r) => r !== undefined).length)} · ${formatSize(h.size)}`,
          value: index,
        }]));
        row = await prompts.pick(choices, { title: l10n.t('Layers of {0}', target.reference ?? target.image.id.slice(7, 19)), placeholder: l10n.t('Newest first') });
        if (row === undefined) return undefined;
      }
      const diffIndex = rows[row];
      if (diffIndex === undefined) throw new Error(l10n.t('That step changed only the image\'s settings: it made no layer.'));
      const view = await layers.files.layer(target.image.id, diffIndex);
      const files = view.report.files.filter((f) => f.type !== 'directory');
      if (files.length === 0) throw new Error(l10n.t('Layer {0} holds no files, only folders.', diffIndex + 1));
      const picked = await prompts.pick(files.map((f): PickItem<typeof f> => ({
        label: `/${f.path}`,
        description: [changeText(f.change), f.change === 'removed' ? undefined : formatSize(f.size), f.replacedBy === undefined ? undefined : l10n.t('replaced in layer {0}', f.replacedBy + 1)].filter(Boolean).join(' · '),
        value: f,
      })), { title: l10n.t('Files of layer {0} of {1}', diffIndex + 1, view.layerCount), placeholder: l10n.t('Added, changed and removed files') });
      if (!picked) return undefined;
      if (picked.change === 'removed' || picked.type !== 'file') throw new Error(picked.change === 'removed' ? l10n.t('/{0} is removed by this layer: there is nothing to open.', picked.path) : l10n.t('/{0} is not a regular file: there is nothing to open.', picked.path));
      await layers.open(layerFileUri({ imageId: target.image.id, tagKey: target.reference ?? '', diffIndex }, picked.path));
      return `/${picked.path}`;
    },
  };
}
