/**
 * Browse Layer Files… from the palette (what `dive` shows): an image, one of its
 * layers, then one of the files that layer added or changed, opened read-only. From
 * the Images view the same files are under each layer's row.
 */
import type { ImageSummary } from '../engine/types';
import { formatSize } from '../views/format';
import { layerFileUri } from '../layers/nodes';
import { mayMakeLayer } from '../layers/analysis';
import type { PickItem } from '../ui/prompt';
import { itemsOf } from '../state/store';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';
import { selectedNodes } from './explorerSupport';

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
    if (images.length === 0) throw new Error('There are no images to look inside.');
    const choices = images.flatMap((image) => (image.repoTags.length > 0 ? image.repoTags : [image.id]).map((ref): PickItem<ImageTarget> => ({
      label: ref.startsWith('sha256:') ? `<none> ${ref.slice(7, 19)}` : ref, description: formatSize(image.size), value: { image, reference: ref },
    })));
    return prompts.pick(choices, { title: 'Browse the files of an image\'s layers', placeholder: 'Image' });
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
          label: h.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c\s*/, 'RUN ').replace(/\s+/g, ' ').trim() || h.comment || '(no instruction)',
          description: `layer ${rows[index]! + 1} of ${rows.filter((r) => r !== undefined).length} · ${formatSize(h.size)}`,
          value: index,
        }]));
        row = await prompts.pick(choices, { title: `Layers of ${target.reference ?? target.image.id.slice(7, 19)}`, placeholder: 'Newest first' });
        if (row === undefined) return undefined;
      }
      const diffIndex = rows[row];
      if (diffIndex === undefined) throw new Error('That step changed only the image\'s settings: it made no layer.');
      const view = await layers.files.layer(target.image.id, diffIndex);
      const files = view.report.files.filter((f) => f.type !== 'directory');
      if (files.length === 0) throw new Error(`Layer ${diffIndex + 1} holds no files, only folders.`);
      const picked = await prompts.pick(files.map((f): PickItem<typeof f> => ({
        label: `/${f.path}`,
        description: [f.change, f.change === 'removed' ? undefined : formatSize(f.size), f.replacedBy === undefined ? undefined : `replaced in layer ${f.replacedBy + 1}`].filter(Boolean).join(' · '),
        value: f,
      })), { title: `Files of layer ${diffIndex + 1} of ${view.layerCount}`, placeholder: 'Added, changed and removed files' });
      if (!picked) return undefined;
      if (picked.change === 'removed' || picked.type !== 'file') throw new Error(`/${picked.path} is ${picked.change === 'removed' ? 'removed by this layer' : 'not a regular file'}: there is nothing to open.`);
      await layers.open(layerFileUri({ imageId: target.image.id, tagKey: target.reference ?? '', diffIndex }, picked.path));
      return `/${picked.path}`;
    },
  };
}
