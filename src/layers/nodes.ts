/**
 * The files of one image layer as tree nodes under the layer's row in the Images view:
 * folders built from the layer's paths, each file with what the layer did to it and
 * whether a later layer replaced it. Plain records and pure item specs.
 */
import * as l10n from '@vscode/l10n';
import { changeColors } from '../files/nodes';
import { formatSize } from '../views/format';
import { mdCode } from '../views/markdown';
import type { ItemSpec } from '../views/spec';
import type { ImageFilesReport, LayerFile, LayerReport } from './analysis';

/** The URI scheme of layer files: berth-layer://<image id hex>/<layer index>/<path>, read-only. */
export const layerScheme = 'berth-layer';

/** One layer of one image as a tag of the Images view shows it. */
export interface LayerRef {
  imageId: string;
  /** The tag the image is shown under ('' untagged): keeps item ids unique. */
  tagKey: string;
  /** Base first, the image's diff id order. */
  diffIndex: number;
}

export type LayerFilesNode =
  | { kind: 'layerEntry'; layer: LayerRef; path: string; name: string; folder: boolean; file?: LayerFile; layerCount: number; /** False while the layers below are read: added and changed are not told apart yet. */ complete: boolean }
  | { kind: 'layerMessage'; layer: LayerRef; parent: string; message: string; icon: string };

export function isLayerFilesNode(node: unknown): node is LayerFilesNode {
  const kind = (node as { kind?: unknown } | undefined)?.kind;
  return kind === 'layerEntry' || kind === 'layerMessage';
}

/** What is directly in `folder` ('' for the layer's top): its files, and folders implied by deeper paths. */
export function layerEntryNodes(layer: LayerRef, files: readonly LayerFile[], folder: string, layerCount: number, complete = true): LayerFilesNode[] {
  const prefix = folder === '' ? '' : `${folder}/`;
  const byName = new Map<string, Extract<LayerFilesNode, { kind: 'layerEntry' }>>();
  for (const file of files) {
    if (!file.path.startsWith(prefix) || file.path === folder) continue;
    const rest = file.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    const path = prefix + name;
    const known = byName.get(name);
    if (slash < 0) {
      const folderEntry = file.type === 'directory' && file.change !== 'removed';
      byName.set(name, { kind: 'layerEntry', layer, path, name, folder: folderEntry || (known?.folder ?? false), file, layerCount, complete });
    } else if (!known) {
      byName.set(name, { kind: 'layerEntry', layer, path, name, folder: true, layerCount, complete });
    } else if (!known.folder) {
      known.folder = true;
    }
  }
  return [...byName.values()].sort((a, b) => Number(b.folder) - Number(a.folder) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The first row under a layer: what it did, and once the whole image is read, what later layers wasted of it. */
export function layerSummary(report: LayerReport, image: ImageFilesReport | undefined, complete = true): string {
  const count = (change: LayerFile['change']) => report.files.filter((f) => f.change === change && f.type !== 'directory').length;
  if (!complete) return l10n.t('{0} files · {1} removed · {2} · reading the layers below…', count('added') + count('changed'), count('removed'), formatSize(report.bytes));
  const parts = [l10n.t('{0} added', count('added')), l10n.t('{0} changed', count('changed')), l10n.t('{0} removed', count('removed')), formatSize(report.bytes)];
  if (image) parts.push(report.wastedBytes > 0 ? l10n.t('{0} wasted (replaced later)', formatSize(report.wastedBytes)) : l10n.t('nothing wasted'));
  return parts.join(' · ');
}

const changeColor: Record<LayerFile['change'], string> = { added: changeColors.added, changed: changeColors.changed, removed: changeColors.deleted };
const changeLetter: Record<LayerFile['change'], string> = { added: 'A', changed: 'C', removed: 'D' };

export function layerFileUri(layer: LayerRef, path: string, change?: LayerFile['change']): { scheme: string; authority: string; path: string; query?: string } {
  return { scheme: layerScheme, authority: layer.imageId.replace(/^sha256:/, ''), path: `/${layer.diffIndex}/${path}`, query: change ? `change=${changeLetter[change]}` : undefined };
}

/** The image, layer and path a berth-layer URI names. */
export function parseLayerUri(authority: string, uriPath: string): { imageId: string; diffIndex: number; path: string } {
  const match = /^\/(\d+)(?:\/(.*))?$/.exec(uriPath);
  if (!/^[0-9a-f]{12,64}$/.test(authority) || !match) throw new Error(l10n.t('Not a layer file: {0}', `${authority}${uriPath}`));
  return { imageId: `sha256:${authority}`, diffIndex: Number(match[1]), path: (match[2] ?? '').replace(/\/+$/, '') };
}

function replacedNote(file: Pick<LayerFile, 'replacedBy'>, layerCount: number): string | undefined {
  if (file.replacedBy === undefined) return undefined;
  return l10n.t('replaced in layer {0} of {1}', file.replacedBy + 1, layerCount);
}

type ShownChange = LayerFile['change'] | 'written';

function changeWord(change: ShownChange): string {
  switch (change) {
    case 'added': return l10n.t('added');
    case 'changed': return l10n.t('changed');
    case 'removed': return l10n.t('removed');
    default: return l10n.t('written');
  }
}

/** "Added in layer 2 of 5 (3 kB).": one sentence per change, with the size when the file is there. */
function changeSentence(change: ShownChange, layer: number, count: number, size: string | undefined): string {
  switch (change) {
    case 'added': return size === undefined ? l10n.t('Added in layer {0} of {1}.', layer, count) : l10n.t('Added in layer {0} of {1} ({2}).', layer, count, size);
    case 'changed': return size === undefined ? l10n.t('Changed in layer {0} of {1}.', layer, count) : l10n.t('Changed in layer {0} of {1} ({2}).', layer, count, size);
    case 'removed': return l10n.t('Removed in layer {0} of {1}.', layer, count);
    default: return size === undefined ? l10n.t('Written in layer {0} of {1}.', layer, count) : l10n.t('Written in layer {0} of {1} ({2}).', layer, count, size);
  }
}

export function layerFilesNodeItem(node: LayerFilesNode): ItemSpec {
  const base = `layerFiles:${node.layer.imageId}:${node.layer.tagKey}:${node.layer.diffIndex}`;
  if (node.kind === 'layerMessage') {
    return { id: `${base}:${node.parent}:message`, label: node.message, contextValue: 'berth.layer.message', icon: { id: node.icon }, collapsible: false };
  }
  // Until the layers below are read, a file this layer writes is only "written", not added or changed.
  const f = node.file && !node.complete && node.file.change !== 'removed' ? { ...node.file, change: 'written' as const } : node.file;
  const removed = f?.change === 'removed';
  const note = f ? replacedNote(f, node.layerCount) : undefined;
  const description = node.folder
    ? [f?.change === 'added' ? l10n.t('new folder') : undefined, note].filter(Boolean).join(' · ')
    : f ? [removed ? l10n.t('removed') : `${formatSize(f.size)} · ${changeWord(f.change)}`, f.type === 'symlink' ? l10n.t('link to {0}', f.linkTarget ?? '?') : undefined, note].filter(Boolean).join(' · ') : '';
  const [layerNumber, layerCount] = [node.layer.diffIndex + 1, node.layerCount];
  const tooltip = [
    mdCode(`/${node.path}`),
    '',
    f ? changeSentence(f.change, layerNumber, layerCount, removed ? undefined : formatSize(f.size)) : l10n.t('A folder this layer writes in (layer {0} of {1}).', layerNumber, layerCount),
    f && !removed ? (f.replacedBy === undefined ? l10n.t('In the final image as this layer wrote it.') : l10n.t('Layer {0} replaces it: its bytes here are wasted.', f.replacedBy + 1)) : '',
  ].filter((line, i) => line !== '' || i === 1).join('  \n');
  const uri = layerFileUri(node.layer, node.path, f?.change === 'written' ? undefined : f?.change);
  const openable = !node.folder && !removed && f?.type === 'file';
  return {
    id: `${base}:${node.path}`,
    label: node.name,
    description,
    tooltip,
    contextValue: node.folder ? 'berth.layer.folder' : removed ? 'berth.layer.removed' : 'berth.layer.file',
    icon: removed ? { id: 'diff-removed', color: changeColor.removed } : { id: node.folder ? 'folder' : f?.change === 'changed' ? 'diff-modified' : 'file', color: f && note ? 'disabledForeground' : f && f.change !== 'written' ? changeColor[f.change] : undefined },
    collapsible: node.folder,
    resourceUri: uri,
    command: openable ? { command: 'vscode.open', title: l10n.t('Open'), arguments: [uri] } : undefined,
  };
}
