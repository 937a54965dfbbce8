/**
 * The Files and Changes nodes under a container, as plain records and pure item specs.
 * `containerChildNodes(container)` is what the Containers tree shows under a container
 * (after its ports and mounts); tree.ts fetches their children lazily (a folder's
 * entries only when it is expanded).
 */
import * as l10n from '@vscode/l10n';
import type { ContainerSummary, FileChange } from '../engine/types';
import { formatSize } from '../views/format';
import type { ItemSpec } from '../views/spec';
import type { DirEntry } from './containerFs';
import { containerBasename, containerScheme, joinContainerPath, volumeScheme } from './paths';
import { mdCode, mdText } from '../views/markdown';

/**
 * Whose files a node shows: a container (its id and name), or a volume, whose files are
 * read through a short-lived helper container (src/volumes) under the `berth-volume` scheme.
 */
export interface FilesOwner {
  id: string;
  name: string;
  /** Undefined for a container; a volume's files live under their own scheme. */
  scheme?: typeof volumeScheme;
}

export type FilesNode =
  | { kind: 'filesRoot'; container: FilesOwner }
  | { kind: 'changesRoot'; container: FilesOwner }
  | { kind: 'fileEntry'; container: FilesOwner; path: string; entry: DirEntry }
  | { kind: 'change'; container: FilesOwner; change: FileChange }
  | { kind: 'filesMessage'; container: FilesOwner; parent: string; message: string; icon: string };

export function containerChildNodes(container: ContainerSummary): FilesNode[] {
  return [{ kind: 'filesRoot', container }, { kind: 'changesRoot', container }];
}

/** The Files node under a volume: its root folder. */
export function volumeFilesNode(volumeName: string): FilesNode {
  return { kind: 'filesRoot', container: { id: volumeName, name: volumeName, scheme: volumeScheme } };
}

/** The URI scheme of a node's files. */
export function schemeOf(owner: FilesOwner): string {
  return owner.scheme ?? containerScheme;
}

export function isFilesNode(node: unknown): node is FilesNode {
  const kind = (node as { kind?: unknown } | undefined)?.kind;
  return kind === 'filesRoot' || kind === 'changesRoot' || kind === 'fileEntry' || kind === 'change' || kind === 'filesMessage';
}

/** Whether a node stands for a folder inside the container (the root's Files node is "/"). */
export function folderOf(node: FilesNode): string | undefined {
  if (node.kind === 'filesRoot') return '/';
  if (node.kind === 'fileEntry' && isFolderEntry(node.entry)) return node.path;
  return undefined;
}

export function isFolderEntry(entry: Pick<DirEntry, 'kind' | 'targetKind'>): boolean {
  return entry.kind === 'directory' || (entry.kind === 'symlink' && entry.targetKind === 'directory');
}

/** Folders first, then by name the way `ls` sorts in the C locale. */
export function sortEntries(entries: readonly DirEntry[]): DirEntry[] {
  return [...entries].sort((a, b) => Number(isFolderEntry(b)) - Number(isFolderEntry(a)) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function entryNodes(container: FilesOwner, folder: string, entries: readonly DirEntry[]): FilesNode[] {
  return sortEntries(entries).map((entry) => ({ kind: 'fileEntry', container, path: joinContainerPath(folder, entry.name), entry }));
}

const changeLetters: Record<FileChange['kind'], string> = { added: 'A', changed: 'C', deleted: 'D' };
export const changeColors: Record<FileChange['kind'], string> = {
  added: 'gitDecoration.addedResourceForeground',
  changed: 'gitDecoration.modifiedResourceForeground',
  deleted: 'gitDecoration.deletedResourceForeground',
};

export function changeLetter(kind: FileChange['kind']): string {
  return changeLetters[kind];
}

/** Deleted paths first is noise; the engine's order (by path) reads best. */
export function changeNodes(container: FilesOwner, changes: readonly FileChange[]): FilesNode[] {
  return [...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((change) => ({ kind: 'change', container, change }));
}

/** Item ids: a volume and a container may share a name-like id. */
function idPrefix(owner: FilesOwner): string {
  return owner.scheme === volumeScheme ? 'volumeFiles' : 'files';
}

function mode(permissions: number): string {
  const bits = 'rwxrwxrwx';
  return [...bits].map((c, i) => ((permissions >> (8 - i)) & 1 ? c : '-')).join('');
}

function entryKindLabel(entry: DirEntry): string {
  if (entry.kind === 'symlink') return l10n.t('link to {0}', entry.linkTarget ?? '?');
  return entry.kind === 'directory' ? l10n.t('folder') : entry.kind === 'other' ? l10n.t('special file') : formatSize(entry.size);
}

export function filesNodeItem(node: FilesNode): ItemSpec {
  const c = node.container;
  switch (node.kind) {
    case 'filesRoot':
      return {
        id: `${idPrefix(c)}:${c.id}:/`, label: l10n.t('Files'), description: '/',
        tooltip: c.scheme === volumeScheme
          ? l10n.t('The files of volume {0}, read through a helper container that is created for each operation, never started, and removed afterwards.', mdText(c.name))
          : l10n.t('The files of {0}, read through the engine\'s archive API (works on stopped containers too).', mdText(c.name)),
        contextValue: 'berth.files.folder.root', icon: { id: 'file-directory' }, collapsible: true,
        resourceUri: { scheme: schemeOf(c), authority: c.id, path: '/' },
      };
    case 'changesRoot':
      return {
        id: `changes:${c.id}`, label: l10n.t('Changes'), tooltip: l10n.t('Paths added, changed or deleted in {0} since it was created from its image.', mdText(c.name)),
        contextValue: 'berth.changes', icon: { id: 'diff' }, collapsible: true,
      };
    case 'fileEntry': {
      const e = node.entry;
      const folder = isFolderEntry(e);
      const uri = { scheme: schemeOf(c), authority: c.id, path: node.path };
      return {
        id: `${idPrefix(c)}:${c.id}:${node.path}`,
        label: e.name,
        description: entryKindLabel(e),
        tooltip: `${mdText(node.path)}\n\n${mode(e.permissions)} · ${e.kind === 'directory' ? l10n.t('folder') : formatSize(e.size)} · ${l10n.t('modified {0}', new Date(e.mtime).toISOString())}`
          + (e.kind === 'symlink' ? `\n\n${l10n.t('link to {0}', mdCode(e.linkTarget ?? '?'))}` : ''),
        contextValue: folder ? 'berth.files.folder' : e.kind === 'symlink' ? 'berth.files.file.link' : 'berth.files.file',
        icon: { id: e.kind === 'symlink' ? (folder ? 'file-symlink-directory' : 'file-symlink-file') : folder ? 'folder' : 'file' },
        collapsible: folder,
        resourceUri: uri,
        // Files and folders take the theme's file icons; links to files keep their codicon.
        themeFileIcon: folder || e.kind !== 'symlink',
        command: folder || e.kind === 'other' ? undefined : { command: 'vscode.open', title: l10n.t('Open'), arguments: [uri] },
      };
    }
    case 'change': {
      const { path, kind } = node.change;
      const uri = { scheme: containerScheme, authority: c.id, path, query: `change=${changeLetter(kind)}` };
      return {
        id: `changes:${c.id}:${path}`,
        label: containerBasename(path) || '/',
        description: path,
        tooltip: kind === 'added' ? l10n.t('Added: {0}', mdText(path)) : kind === 'changed' ? l10n.t('Changed: {0}', mdText(path)) : l10n.t('Deleted: {0}', mdText(path)),
        contextValue: `berth.change.${kind}`,
        icon: { id: kind === 'deleted' ? 'diff-removed' : kind === 'added' ? 'diff-added' : 'diff-modified', color: changeColors[kind] },
        collapsible: false,
        resourceUri: uri,
        // Deleted paths have nothing to open; the others open what is there now.
        command: kind === 'deleted' ? undefined : { command: 'berth.files.openChange', title: l10n.t('Open'), arguments: [node] },
      };
    }
    case 'filesMessage':
      return {
        id: `${idPrefix(c)}:${c.id}:${node.parent}:message`, label: node.message, contextValue: 'berth.files.message',
        icon: { id: node.icon }, collapsible: false,
      };
  }
}
