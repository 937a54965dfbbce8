/**
 * The Images tree as pure functions: repositories, one item per tag under them,
 * untagged (dangling or digest-only) images behind a toggle, layers as children.
 */
import * as l10n from '@vscode/l10n';
import type { ImageSummary } from '../engine/types';
import { formatAge, formatSize } from './format';
import type { ItemSpec } from './spec';
import { mayMakeLayer } from '../layers/analysis';
import { LayerFilesNode, layerFilesNodeItem } from '../layers/nodes';
import { mdBlock, mdCode, mdText } from './markdown';

/** One layer of an image's history (the engine's `history`). */
export interface LayerEntry {
  id: string;
  created: number;
  createdBy: string;
  size: number;
  /** E.g. "Imported from -" for an imported layer, which has no instruction. */
  comment?: string;
}

export type ImageNode =
  | { kind: 'imageRepo'; repository: string; tags: ImageTagNode[] }
  | ImageTagNode
  | { kind: 'imageLayer'; image: ImageSummary; reference?: string; index: number; layer: LayerEntry; /** Every row of the image's history: which layer a row made depends on the others. */ history: readonly LayerEntry[] }
  /** A layer's files, under its row; their children come from src/layers when expanded. */
  | LayerFilesNode;

/** One tag of an image; `tag` undefined for an untagged image. */
export interface ImageTagNode {
  kind: 'image';
  image: ImageSummary;
  /** The full reference, e.g. "127.0.0.1:5000/app:dev". */
  reference?: string;
}

export const untaggedRepository = '<untagged>';

/** "registry:5000/team/app:dev" → ["registry:5000/team/app", "dev"]; a digest reference keeps "@sha256:…" as its tag. */
export function splitReference(reference: string): { repository: string; tag: string } {
  const at = reference.indexOf('@');
  if (at >= 0) return { repository: reference.slice(0, at), tag: reference.slice(at) };
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: 'latest' };
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

export function arrangeImages(images: readonly ImageSummary[], options: { showUntagged: boolean }): ImageNode[] {
  const repos = new Map<string, ImageTagNode[]>();
  const untagged: ImageTagNode[] = [];
  for (const image of images) {
    if (image.repoTags.length === 0) {
      untagged.push({ kind: 'image', image });
      continue;
    }
    for (const reference of image.repoTags) {
      const { repository } = splitReference(reference);
      const tags = repos.get(repository);
      if (tags) tags.push({ kind: 'image', image, reference });
      else repos.set(repository, [{ kind: 'image', image, reference }]);
    }
  }
  const nodes: ImageNode[] = [...repos.keys()].sort((a, b) => a.localeCompare(b)).map((repository) => ({
    kind: 'imageRepo',
    repository,
    tags: repos.get(repository)!.sort((a, b) => b.image.created - a.image.created || (a.reference ?? '').localeCompare(b.reference ?? '')),
  }));
  if (options.showUntagged && untagged.length > 0) {
    nodes.push({ kind: 'imageRepo', repository: untaggedRepository, tags: untagged.sort((a, b) => b.image.created - a.image.created) });
  }
  return nodes;
}

export function imageLabel(image: ImageSummary): string {
  return image.repoTags[0] ?? `<none> ${shortId(image.id)}`;
}

export function repoItem(node: Extract<ImageNode, { kind: 'imageRepo' }>): ItemSpec {
  const untagged = node.repository === untaggedRepository;
  return {
    id: `imageRepo:${node.repository}`,
    label: untagged ? l10n.t('<untagged>') : node.repository,
    description: untagged
      ? (node.tags.length === 1 ? l10n.t('1 image') : l10n.t('{0} images', node.tags.length))
      : (node.tags.length === 1 ? l10n.t('1 tag') : l10n.t('{0} tags', node.tags.length)),
    contextValue: untagged ? 'imageRepo.untagged' : 'imageRepo',
    icon: { id: untagged ? 'circle-slash' : 'repo', color: untagged ? 'disabledForeground' : undefined },
    collapsible: true,
  };
}

export function imageItem(node: ImageTagNode, now: number = Date.now()): ItemSpec {
  const { image, reference } = node;
  const tag = reference ? splitReference(reference).tag : undefined;
  const digestOnly = !reference && image.repoDigests.length > 0;
  const label = tag ?? (digestOnly ? `<none> ${shortId(image.id)} (${image.repoDigests[0].split('@')[0]})` : `<none> ${shortId(image.id)}`);
  const used = image.containers > 0 ? ` · ${l10n.t('in use')}` : '';
  return {
    id: `image:${image.id}:${reference ?? ''}`,
    label,
    description: `${formatSize(image.size)} · ${formatAge(image.created, now)}${used}`,
    tooltip: [
      `**${mdText(reference ?? label)}**`,
      '',
      l10n.t('ID: {0}', mdCode(shortId(image.id))),
      l10n.t('Size: {0}', formatSize(image.size)),
      l10n.t('Created: {0}', formatAge(image.created, now)),
      image.repoTags.length > 1 ? l10n.t('Also tagged: {0}', mdText(image.repoTags.filter((t) => t !== reference).join(', '))) : '',
      image.repoDigests.length > 0 ? l10n.t('Digests: {0}', mdText(image.repoDigests.join(', '))) : '',
    ].filter(Boolean).join('  \n'),
    contextValue: reference ? 'image.tagged' : digestOnly ? 'image.digestOnly' : 'image.dangling',
    icon: { id: 'package', color: image.containers > 0 ? 'testing.iconPassed' : undefined },
    collapsible: true,
  };
}

export function layerItem(node: Extract<ImageNode, { kind: 'imageLayer' }>, now: number = Date.now()): ItemSpec {
  const createdBy = node.layer.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c\s*/, 'RUN ').replace(/\s+/g, ' ').trim();
  return {
    // The same image shows under each of its tags: the tag keeps layer ids unique.
    id: `image:${node.image.id}:${node.reference ?? ''}:layer:${node.index}`,
    label: createdBy || node.layer.comment || l10n.t('(no instruction)'),
    description: `${formatSize(node.layer.size)} · ${formatAge(node.layer.created, now)}`,
    tooltip: mdBlock(node.layer.createdBy),
    contextValue: node.layer.size > 0 ? 'image.layer' : 'image.layer.empty',
    icon: { id: 'layers', color: node.layer.size > 0 ? undefined : 'disabledForeground' },
    // A row that made a layer shows that layer's files.
    collapsible: mayMakeLayer(node.layer),
  };
}

export function imageNodeItem(node: ImageNode, now: number = Date.now()): ItemSpec {
  switch (node.kind) {
    case 'imageRepo': return repoItem(node);
    case 'image': return imageItem(node, now);
    case 'imageLayer': return layerItem(node, now);
    default: return layerFilesNodeItem(node);
  }
}

/** Layers newest first, the way `docker history` lists them. */
export function layerNodes(tag: ImageTagNode, history: readonly LayerEntry[]): ImageNode[] {
  return history.map((layer, index) => ({ kind: 'imageLayer', image: tag.image, reference: tag.reference, index, layer, history }));
}

/** A node's parent among the arranged roots (for reveal): a tag's repository, a layer's tag; undefined for a repository, a layer's files (their tree knows) or a node that is gone. */
export function imageParent(node: ImageNode, roots: readonly ImageNode[]): ImageNode | undefined {
  if (node.kind !== 'image' && node.kind !== 'imageLayer') return undefined;
  for (const root of roots) {
    if (root.kind !== 'imageRepo') continue;
    const tag = root.tags.find((t) => t.image.id === node.image.id && t.reference === node.reference);
    if (tag) return node.kind === 'image' ? root : tag;
  }
  return undefined;
}
