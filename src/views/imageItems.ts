/** Image tree items as a pure function of the data. */
import { ImageSummary } from '../engine/types';
import { ItemSpec } from './containerItems';
import { formatAge, formatSize } from './format';

export function imageLabel(image: ImageSummary): string {
  return image.repoTags[0] ?? `<none> ${image.id.replace(/^sha256:/, '').slice(0, 12)}`;
}

export function imageItem(image: ImageSummary, now: number = Date.now()): ItemSpec {
  return {
    id: `image:${image.id}`,
    label: imageLabel(image),
    description: `${formatSize(image.size)} · ${formatAge(image.created, now)}`,
    contextValue: image.repoTags.length > 0 ? 'image.tagged' : 'image.dangling',
    icon: { id: 'package' },
    collapsible: false,
  };
}
