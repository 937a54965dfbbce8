/**
 * What image a command was invoked on: a tree element from the Images view, a
 * Registries tag, a plain reference, or nothing (then a quick pick of local images).
 */
import * as l10n from '@vscode/l10n';
import type { BerthContext } from '../context';
import { tagReference } from '../registries/items';
import type { Prompter } from '../ui/prompt';

export function imageFromItem(item: unknown): string | undefined {
  if (typeof item === 'string' && item.trim()) return item.trim();
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  if (record.kind === 'tag' && typeof record.registry === 'string' && typeof record.repository === 'string' && typeof record.tag === 'string') {
    return tagReference({ registry: record.registry, repository: record.repository, tag: record.tag });
  }
  // A tag node of the Images tree names the tag that was clicked, not the image's first tag.
  if (record.kind === 'image' && typeof record.reference === 'string') return record.reference;
  if (Array.isArray(record.repoTags) && typeof record.repoTags[0] === 'string') return record.repoTags[0];
  if (typeof record.image === 'string') return record.image;
  if (typeof record.id === 'string' && record.id.startsWith('sha256:')) return record.id;
  // Tree nodes that wrap the image record (e.g. { kind: 'image', image: {...} }).
  if (record.image && typeof record.image === 'object') return imageFromItem(record.image);
  if (record.data && typeof record.data === 'object') return imageFromItem(record.data);
  return undefined;
}

/** All tags of the image an item names (for push: every tag it has). */
export function tagsFromItem(item: unknown): string[] {
  if (item && typeof item === 'object' && Array.isArray((item as { repoTags?: unknown }).repoTags)) return ((item as { repoTags: unknown[] }).repoTags).filter((t): t is string => typeof t === 'string');
  const one = imageFromItem(item);
  return one ? [one] : [];
}

export async function pickImage(ctx: BerthContext, prompts: Prompter, item: unknown, title: string): Promise<string | undefined> {
  const given = imageFromItem(item);
  if (given) return given;
  const images = await ctx.engine.images.list();
  const items = images.flatMap((image) => image.repoTags.map((tag) => ({ label: tag, description: image.id.replace(/^sha256:/, '').slice(0, 12), value: tag })));
  return prompts.pick(items, { title, placeholder: l10n.t('Choose an image') });
}
