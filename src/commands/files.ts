/**
 * Inside containers and images: new file or folder, download and upload in the Files
 * tree; commit and export a container; import, save and load images. Every transfer
 * streams between the engine and the disk with progress and can be cancelled; host
 * paths come from the dialogs in FilesServices, so tests can answer them. No vscode
 * import at run time (the manifest test loads this table in plain Node).
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import type { ContainerSummary, ImageSummary } from '../engine/types';
import { splitRepoTag, validateImageReference } from '../engine/validate';
import { parseCommitChanges } from '../files/commitChanges';
import { checkHostDestination, checkHostFile, checkHostSources, describeHostWriteError, fileSource, percentOf, streamToFile, tarNameFor } from '../files/hostFiles';
import { FilesNode, folderOf, isFilesNode } from '../files/nodes';
import { containerBasename, joinContainerPath } from '../files/paths';
import { downloadArchive } from '../files/safeExtract';
import { itemsOf } from '../state/store';
import { formatSize } from '../views/format';
import type { PickItem } from '../ui/prompt';
import { listNames, plural, selectedNodes, targetsOrPick } from './explorerSupport';
import type { Services } from '../services';
import type { CommandHandler, CommandHandlers } from './handler';

const containerKinds = ['container', 'networkContainer', 'volumeContainer'];
const tarFilters = (): Record<string, string[]> => ({ [l10n.t('Tar archives')]: ['tar', 'tar.gz', 'tgz'], [l10n.t('All files')]: ['*'] });

/** A name typed into an input box: one path segment, no separators. */
export function validateEntryName(text: string): string | undefined {
  const name = text.trim();
  if (!name) return l10n.t('The name is empty.');
  if (name === '.' || name === '..') return l10n.t('"{0}" cannot be a file name.', name);
  if (name.includes('/') || name.includes('\0')) return l10n.t('A name cannot contain "/"; create the folders one at a time.');
  return undefined;
}

export function filesCommands(services: Services): CommandHandlers {
  const { context: ctx, stores, prompts, files } = services;
  // Commit, export and save act on the engine of their item (a pinned engine's group holds its own records).
  const sessionOf = (item: unknown) => services.engines.sessions.sessionOf(item);

  const fileNode = (item: unknown, kinds: FilesNode['kind'][]): FilesNode => {
    if (!isFilesNode(item) || !kinds.includes(item.kind)) throw new Error(l10n.t('Run this from an item of a container\'s or volume\'s Files tree.'));
    return item;
  };
  const folderNode = (item: unknown): { node: FilesNode; folder: string } => {
    const node = fileNode(item, ['filesRoot', 'fileEntry']);
    const folder = folderOf(node);
    if (!folder) throw new Error(l10n.t('Run this on a folder of the Files tree.'));
    return { node, folder };
  };

  const containers = (item: unknown, selected: unknown, title: string) =>
    targetsOrPick<{ kind: string; container: ContainerSummary }, ContainerSummary>(prompts, item, selected, containerKinds, (n) => n.container,
      () => itemsOf(stores.containers).map((c): PickItem<ContainerSummary> => ({ label: c.name, description: `${c.image} · ${c.status}`, value: c })), title);

  const imageRefs = async (item: unknown, selected: unknown, title: string): Promise<string[]> => {
    const nodes = selectedNodes<{ kind: string; image: ImageSummary; reference?: string }>(item, selected, ['image']);
    const engines = new Set(nodes.map((n) => sessionOf(n.image)));
    if (engines.size > 1) throw new Error(l10n.t('{0}: choose images of one engine; one tar comes from one engine.', title));
    if (nodes.length > 0) return nodes.map((n) => n.reference ?? n.image.id);
    const items = itemsOf(stores.images).flatMap((image) => (image.repoTags.length > 0 ? image.repoTags : [image.id]).map((ref): PickItem<string> => ({
      label: ref.startsWith('sha256:') ? `<none> ${ref.slice(7, 19)}` : ref, description: formatSize(image.size), value: ref,
    })));
    if (items.length === 0) throw new Error(l10n.t('{0}: there are no images.', title));
    return (await prompts.pickMany(items, { title })) ?? [];
  };

  const askReference = (title: string, required: boolean, value = '') => prompts.input({
    title,
    prompt: required ? l10n.t('repository[:tag], e.g. app:dev') : l10n.t('repository[:tag], e.g. app:dev; empty for an untagged image'),
    value,
    validate: (text) => (!text.trim() ? (required ? l10n.t('The repository is empty (e.g. app:dev).') : undefined) : validateImageReference(text.trim())),
  });

  /** Host paths are checked before the engine is asked for anything. */
  const refuse = async (problem: Promise<string | undefined>): Promise<void> => {
    const sentence = await problem;
    if (sentence) throw new Error(sentence);
  };

  const newEntry = (kind: 'file' | 'folder'): CommandHandler => async (item) => {
    const { node, folder } = folderNode(item);
    const name = await prompts.input({ title: kind === 'file' ? l10n.t('New file in {0}', folder) : l10n.t('New folder in {0}', folder), prompt: kind === 'file' ? l10n.t('The file\'s name') : l10n.t('The folder\'s name'), validate: validateEntryName });
    if (name === undefined) return undefined;
    const target = joinContainerPath(folder, name.trim());
    const s = files;
    const fs = s.fsOf(node.container);
    if (kind === 'file') await fs.writeFile(node.container.id, target, new Uint8Array(), { create: true, overwrite: false });
    else await fs.createDirectory(node.container.id, target);
    s.changed(node.container, target, true);
    s.refresh(node);
    if (kind === 'file') await s.openFile(node.container, target);
    return target;
  };

  const upload = (folders: boolean): CommandHandler => async (item) => {
    const { node, folder } = folderNode(item);
    const s = files;
    const sources = await s.dialogs.open({ title: folders ? l10n.t('Upload folders to {0} in {1}', folder, node.container.name) : l10n.t('Upload files to {0} in {1}', folder, node.container.name), files: !folders, folders, many: true });
    if (!sources || sources.length === 0) return undefined;
    await refuse(checkHostSources(sources));
    await s.upload(node, folder, sources);
    return sources.map((source) => joinContainerPath(folder, path.basename(source)));
  };

  return {
    'berth.files.refresh': (item) => files.refresh(isFilesNode(item) ? item : undefined),
    'berth.files.newFile': newEntry('file'),
    'berth.files.newFolder': newEntry('folder'),
    'berth.files.upload': upload(false),
    'berth.files.uploadFolder': upload(true),
    'berth.files.download': async (item) => {
      const node = fileNode(item, ['fileEntry', 'filesRoot']);
      const source = node.kind === 'fileEntry' ? node.path : '/';
      if (source === '/' && !node.container.scheme) throw new Error(l10n.t('Use Export Container… to copy a container\'s whole filesystem.'));
      const s = files;
      const destination = await s.dialogs.save({ title: l10n.t('Download {0} from {1}', source, node.container.name), defaultName: containerBasename(source) || node.container.name });
      if (!destination) return undefined;
      await refuse(checkHostDestination(destination, { mayReplaceFolder: true }));
      const result = await s.withProgress(l10n.t('Downloading {0}', source), async (progress, signal) => {
        const { tar } = await s.fsOf(node.container).download(node.container.id, source, signal);
        progress.report(l10n.t('to {0}', destination));
        return downloadArchive(tar, destination, { signal, overwrite: true }).catch((error: unknown) => {
          throw describeHostWriteError(error, destination);
        });
      });
      if (result.skipped.length > 0) {
        s.warn(l10n.t('Downloaded {0}, but left out {1}: {2}.', source, plural(result.skipped.length, 'entry'), listNames(result.skipped.map((e) => `${e.name} (${e.reason})`))));
      }
      return destination;
    },
    'berth.files.openChange': async (item) => {
      const node = fileNode(item, ['change']);
      if (node.kind !== 'change') return;
      const s = files;
      const info = await s.fs.stat(node.container.id, node.change.path);
      if (info.kind === 'directory') s.info(l10n.t('{0} is a folder; expand Files to see it.', node.change.path));
      else await s.openFile(node.container, node.change.path);
    },

    'berth.containers.commit': async (item, selected) => {
      const [container] = await containers(item, selected, l10n.t('Commit a container'));
      if (!container) return undefined;
      const reference = await askReference(l10n.t('Commit {0} as', container.name), false);
      if (reference === undefined) return undefined;
      const author = await prompts.input({ title: l10n.t('Author'), prompt: l10n.t('e.g. Jane Doe <jane@example.com>; may be empty') });
      if (author === undefined) return undefined;
      const message = await prompts.input({ title: l10n.t('Commit message'), prompt: l10n.t('What changed; may be empty') });
      if (message === undefined) return undefined;
      const changesText = await prompts.input({
        title: l10n.t('Dockerfile changes'),
        prompt: l10n.t('e.g. CMD ["httpd", "-f"]; EXPOSE 80; ENV MODE=prod — separated by ";"; may be empty'),
        validate: (text) => {
          const parsed = parseCommitChanges(text);
          return parsed.ok ? undefined : parsed.error;
        },
      });
      if (changesText === undefined) return undefined;
      const parsed = parseCommitChanges(changesText);
      if (!parsed.ok) throw new Error(parsed.error);
      const { repo, tag } = reference.trim() ? splitRepoTag(reference.trim()) : { repo: undefined, tag: undefined };
      const s = files;
      const id = await s.withProgress(reference.trim() ? l10n.t('Committing {0} as {1}', container.name, reference.trim()) : l10n.t('Committing {0}', container.name), async (progress) => {
        progress.report(container.state === 'running' ? l10n.t('pausing the container while its filesystem is copied') : l10n.t('copying the filesystem'));
        return sessionOf(container).engine.containers.commit(container.id, { repo, tag, author: author.trim() || undefined, message: message.trim() || undefined, changes: parsed.changes, pause: true });
      });
      sessionOf(container).stores.requestRefresh(['images']);
      s.info(reference.trim() ? l10n.t('Committed {0} as {1} ({2}).', container.name, reference.trim(), id.replace(/^sha256:/, '').slice(0, 12)) : l10n.t('Committed {0} as an untagged image ({1}).', container.name, id.replace(/^sha256:/, '').slice(0, 12)));
      return id;
    },
    'berth.containers.export': async (item, selected) => {
      const [container] = await containers(item, selected, l10n.t('Export a container\'s filesystem'));
      if (!container) return undefined;
      const s = files;
      const destination = await s.dialogs.save({ title: l10n.t('Export the filesystem of {0}', container.name), defaultName: tarNameFor(container.name), filters: tarFilters() });
      if (!destination) return undefined;
      await refuse(checkHostDestination(destination));
      const bytes = await s.withProgress(l10n.t('Exporting {0}', container.name), async (progress, signal) => {
        const tar = await sessionOf(container).engine.containers.export(container.id, signal);
        return streamToFile(tar, destination, { signal, onBytes: (n) => progress.report(l10n.t('{0} written', formatSize(n))) })
          .catch((error: unknown) => {
            throw describeHostWriteError(error, destination);
          });
      });
      s.info(l10n.t('Exported {0} to {1} ({2}).', container.name, destination, formatSize(bytes)));
      return destination;
    },

    'berth.images.import': async () => {
      const s = files;
      const [source] = (await s.dialogs.open({ title: l10n.t('Import a filesystem tar as an image'), files: true, folders: false, many: false, filters: tarFilters() })) ?? [];
      if (!source) return undefined;
      await refuse(checkHostFile(source));
      const reference = await askReference(l10n.t('Import {0} as', path.basename(source)), false);
      if (reference === undefined) return undefined;
      const { repo, tag } = reference.trim() ? splitRepoTag(reference.trim()) : { repo: undefined, tag: undefined };
      const id = await s.withProgress(l10n.t('Importing {0}', path.basename(source)), async (progress, signal) => {
        let last = 0;
        const { stream, size } = await fileSource(source, (n) => {
          progress.report(l10n.t('{0} of {1}', formatSize(n), formatSize(size)), percentOf(n, size) - last);
          last = percentOf(n, size);
        });
        return ctx.engine.images.import(stream, { repo, tag, signal });
      });
      stores.requestRefresh(['images']);
      s.info(reference.trim() ? l10n.t('Imported {0} as {1} ({2}).', path.basename(source), reference.trim(), id.replace(/^sha256:/, '').slice(0, 12)) : l10n.t('Imported {0} as an untagged image ({1}).', path.basename(source), id.replace(/^sha256:/, '').slice(0, 12)));
      return id;
    },
    'berth.images.save': async (item, selected) => {
      const refs = await imageRefs(item, selected, l10n.t('Save images to a tar'));
      if (refs.length === 0) return undefined;
      // From a pinned engine's group, its engine; from the palette, the current one.
      const saveEngine = sessionOf(selectedNodes<{ kind: string; image: ImageSummary }>(item, selected, ['image'])[0]?.image).engine;
      const s = files;
      const destination = await s.dialogs.save({ title: l10n.t('Save {0} to a tar', listNames(refs)), defaultName: tarNameFor(refs.length === 1 ? refs[0] : 'images'), filters: tarFilters() });
      if (!destination) return undefined;
      await refuse(checkHostDestination(destination));
      const bytes = await s.withProgress(l10n.t('Saving {0}', listNames(refs)), async (progress, signal) => {
        const tar = await saveEngine.images.save(refs, signal);
        return streamToFile(tar, destination, { signal, onBytes: (n) => progress.report(l10n.t('{0} written', formatSize(n))) })
          .catch((error: unknown) => {
            throw describeHostWriteError(error, destination);
          });
      });
      s.info(l10n.t('Saved {0} to {1} ({2}).', listNames(refs), destination, formatSize(bytes)));
      return destination;
    },
    'berth.images.load': async () => {
      const s = files;
      const [source] = (await s.dialogs.open({ title: l10n.t('Load images from a tar'), files: true, folders: false, many: false, filters: tarFilters() })) ?? [];
      if (!source) return undefined;
      await refuse(checkHostFile(source));
      const loaded = await s.withProgress(l10n.t('Loading {0}', path.basename(source)), async (progress, signal) => {
        let last = 0;
        const { stream, size } = await fileSource(source, (n) => {
          progress.report(l10n.t('{0} of {1}', formatSize(n), formatSize(size)), percentOf(n, size) - last);
          last = percentOf(n, size);
        });
        return ctx.engine.images.load(stream, { signal });
      });
      stores.requestRefresh(['images']);
      s.info(loaded.length > 0 ? l10n.t('Loaded {0} from {1}.', listNames(loaded, 8), path.basename(source)) : l10n.t('{0} held no images.', path.basename(source)));
      return loaded;
    },
  };
}
