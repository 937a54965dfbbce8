/**
 * Inside containers and images: new file or folder, download and upload in the Files
 * tree; commit and export a container; import, save and load images. Every transfer
 * streams between the engine and the disk with progress and can be cancelled; host
 * paths come from the dialogs in FilesServices, so tests can answer them. No vscode
 * import at run time (the manifest test loads this table in plain Node).
 */
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
const tarFilters = { 'Tar archives': ['tar', 'tar.gz', 'tgz'], 'All files': ['*'] };

/** A name typed into an input box: one path segment, no separators. */
export function validateEntryName(text: string): string | undefined {
  const name = text.trim();
  if (!name) return 'The name is empty.';
  if (name === '.' || name === '..') return `"${name}" cannot be a file name.`;
  if (name.includes('/') || name.includes('\0')) return 'A name cannot contain "/"; create the folders one at a time.';
  return undefined;
}

export function filesCommands(services: Services): CommandHandlers {
  const { context: ctx, stores, prompts, files } = services;
  // Commit, export and save act on the engine of their item (a pinned engine's group holds its own records).
  const sessionOf = (item: unknown) => services.engines.sessions.sessionOf(item);

  const fileNode = (item: unknown, kinds: FilesNode['kind'][]): FilesNode => {
    if (!isFilesNode(item) || !kinds.includes(item.kind)) throw new Error('Run this from an item of a container\'s or volume\'s Files tree.');
    return item;
  };
  const folderNode = (item: unknown): { node: FilesNode; folder: string } => {
    const node = fileNode(item, ['filesRoot', 'fileEntry']);
    const folder = folderOf(node);
    if (!folder) throw new Error('Run this on a folder of the Files tree.');
    return { node, folder };
  };

  const containers = (item: unknown, selected: unknown, title: string) =>
    targetsOrPick<{ kind: string; container: ContainerSummary }, ContainerSummary>(prompts, item, selected, containerKinds, (n) => n.container,
      () => itemsOf(stores.containers).map((c): PickItem<ContainerSummary> => ({ label: c.name, description: `${c.image} · ${c.status}`, value: c })), title);

  const imageRefs = async (item: unknown, selected: unknown, title: string): Promise<string[]> => {
    const nodes = selectedNodes<{ kind: string; image: ImageSummary; reference?: string }>(item, selected, ['image']);
    const engines = new Set(nodes.map((n) => sessionOf(n.image)));
    if (engines.size > 1) throw new Error(`${title}: choose images of one engine; one tar comes from one engine.`);
    if (nodes.length > 0) return nodes.map((n) => n.reference ?? n.image.id);
    const items = itemsOf(stores.images).flatMap((image) => (image.repoTags.length > 0 ? image.repoTags : [image.id]).map((ref): PickItem<string> => ({
      label: ref.startsWith('sha256:') ? `<none> ${ref.slice(7, 19)}` : ref, description: formatSize(image.size), value: ref,
    })));
    if (items.length === 0) throw new Error(`${title}: there are no images.`);
    return (await prompts.pickMany(items, { title })) ?? [];
  };

  const askReference = (title: string, required: boolean, value = '') => prompts.input({
    title,
    prompt: required ? 'repository[:tag], e.g. app:dev' : 'repository[:tag], e.g. app:dev; empty for an untagged image',
    value,
    validate: (text) => (!text.trim() ? (required ? 'The repository is empty (e.g. app:dev).' : undefined) : validateImageReference(text.trim())),
  });

  /** Host paths are checked before the engine is asked for anything. */
  const refuse = async (problem: Promise<string | undefined>): Promise<void> => {
    const sentence = await problem;
    if (sentence) throw new Error(sentence);
  };

  const newEntry = (kind: 'file' | 'folder'): CommandHandler => async (item) => {
    const { node, folder } = folderNode(item);
    const name = await prompts.input({ title: `New ${kind} in ${folder}`, prompt: `The ${kind}'s name`, validate: validateEntryName });
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
    const sources = await s.dialogs.open({ title: `Upload ${folders ? 'folders' : 'files'} to ${folder} in ${node.container.name}`, files: !folders, folders, many: true });
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
      if (source === '/' && !node.container.scheme) throw new Error('Use Export Container… to copy a container\'s whole filesystem.');
      const s = files;
      const destination = await s.dialogs.save({ title: `Download ${source} from ${node.container.name}`, defaultName: containerBasename(source) || node.container.name });
      if (!destination) return undefined;
      await refuse(checkHostDestination(destination, { mayReplaceFolder: true }));
      const result = await s.withProgress(`Downloading ${source}`, async (progress, signal) => {
        const { tar } = await s.fsOf(node.container).download(node.container.id, source, signal);
        progress.report(`to ${destination}`);
        return downloadArchive(tar, destination, { signal, overwrite: true }).catch((error: unknown) => {
          throw describeHostWriteError(error, destination);
        });
      });
      if (result.skipped.length > 0) {
        s.warn(`Downloaded ${source}, but left out ${plural(result.skipped.length, 'entry')}: ${listNames(result.skipped.map((e) => `${e.name} (${e.reason})`))}.`);
      }
      return destination;
    },
    'berth.files.openChange': async (item) => {
      const node = fileNode(item, ['change']);
      if (node.kind !== 'change') return;
      const s = files;
      const info = await s.fs.stat(node.container.id, node.change.path);
      if (info.kind === 'directory') s.info(`${node.change.path} is a folder; expand Files to see it.`);
      else await s.openFile(node.container, node.change.path);
    },

    'berth.containers.commit': async (item, selected) => {
      const [container] = await containers(item, selected, 'Commit a container');
      if (!container) return undefined;
      const reference = await askReference(`Commit ${container.name} as`, false);
      if (reference === undefined) return undefined;
      const author = await prompts.input({ title: 'Author', prompt: 'e.g. Jane Doe <jane@example.com>; may be empty' });
      if (author === undefined) return undefined;
      const message = await prompts.input({ title: 'Commit message', prompt: 'What changed; may be empty' });
      if (message === undefined) return undefined;
      const changesText = await prompts.input({
        title: 'Dockerfile changes',
        prompt: 'e.g. CMD ["httpd", "-f"]; EXPOSE 80; ENV MODE=prod — separated by ";"; may be empty',
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
      const id = await s.withProgress(`Committing ${container.name}${reference.trim() ? ` as ${reference.trim()}` : ''}`, async (progress) => {
        progress.report(container.state === 'running' ? 'pausing the container while its filesystem is copied' : 'copying the filesystem');
        return sessionOf(container).engine.containers.commit(container.id, { repo, tag, author: author.trim() || undefined, message: message.trim() || undefined, changes: parsed.changes, pause: true });
      });
      sessionOf(container).stores.requestRefresh(['images']);
      s.info(`Committed ${container.name} as ${reference.trim() || 'an untagged image'} (${id.replace(/^sha256:/, '').slice(0, 12)}).`);
      return id;
    },
    'berth.containers.export': async (item, selected) => {
      const [container] = await containers(item, selected, 'Export a container\'s filesystem');
      if (!container) return undefined;
      const s = files;
      const destination = await s.dialogs.save({ title: `Export the filesystem of ${container.name}`, defaultName: tarNameFor(container.name), filters: tarFilters });
      if (!destination) return undefined;
      await refuse(checkHostDestination(destination));
      const bytes = await s.withProgress(`Exporting ${container.name}`, async (progress, signal) => {
        const tar = await sessionOf(container).engine.containers.export(container.id, signal);
        return streamToFile(tar, destination, { signal, onBytes: (n) => progress.report(`${formatSize(n)} written`) })
          .catch((error: unknown) => {
            throw describeHostWriteError(error, destination);
          });
      });
      s.info(`Exported ${container.name} to ${destination} (${formatSize(bytes)}).`);
      return destination;
    },

    'berth.images.import': async () => {
      const s = files;
      const [source] = (await s.dialogs.open({ title: 'Import a filesystem tar as an image', files: true, folders: false, many: false, filters: tarFilters })) ?? [];
      if (!source) return undefined;
      await refuse(checkHostFile(source));
      const reference = await askReference(`Import ${path.basename(source)} as`, false);
      if (reference === undefined) return undefined;
      const { repo, tag } = reference.trim() ? splitRepoTag(reference.trim()) : { repo: undefined, tag: undefined };
      const id = await s.withProgress(`Importing ${path.basename(source)}`, async (progress, signal) => {
        let last = 0;
        const { stream, size } = await fileSource(source, (n) => {
          progress.report(`${formatSize(n)} of ${formatSize(size)}`, percentOf(n, size) - last);
          last = percentOf(n, size);
        });
        return ctx.engine.images.import(stream, { repo, tag, signal });
      });
      stores.requestRefresh(['images']);
      s.info(`Imported ${path.basename(source)} as ${reference.trim() || 'an untagged image'} (${id.replace(/^sha256:/, '').slice(0, 12)}).`);
      return id;
    },
    'berth.images.save': async (item, selected) => {
      const refs = await imageRefs(item, selected, 'Save images to a tar');
      if (refs.length === 0) return undefined;
      // From a pinned engine's group, its engine; from the palette, the current one.
      const saveEngine = sessionOf(selectedNodes<{ kind: string; image: ImageSummary }>(item, selected, ['image'])[0]?.image).engine;
      const s = files;
      const destination = await s.dialogs.save({ title: `Save ${listNames(refs)} to a tar`, defaultName: tarNameFor(refs.length === 1 ? refs[0] : 'images'), filters: tarFilters });
      if (!destination) return undefined;
      await refuse(checkHostDestination(destination));
      const bytes = await s.withProgress(`Saving ${listNames(refs)}`, async (progress, signal) => {
        const tar = await saveEngine.images.save(refs, signal);
        return streamToFile(tar, destination, { signal, onBytes: (n) => progress.report(`${formatSize(n)} written`) })
          .catch((error: unknown) => {
            throw describeHostWriteError(error, destination);
          });
      });
      s.info(`Saved ${listNames(refs)} to ${destination} (${formatSize(bytes)}).`);
      return destination;
    },
    'berth.images.load': async () => {
      const s = files;
      const [source] = (await s.dialogs.open({ title: 'Load images from a tar', files: true, folders: false, many: false, filters: tarFilters })) ?? [];
      if (!source) return undefined;
      await refuse(checkHostFile(source));
      const loaded = await s.withProgress(`Loading ${path.basename(source)}`, async (progress, signal) => {
        let last = 0;
        const { stream, size } = await fileSource(source, (n) => {
          progress.report(`${formatSize(n)} of ${formatSize(size)}`, percentOf(n, size) - last);
          last = percentOf(n, size);
        });
        return ctx.engine.images.load(stream, { signal });
      });
      stores.requestRefresh(['images']);
      s.info(loaded.length > 0 ? `Loaded ${listNames(loaded, 8)} from ${path.basename(source)}.` : `${path.basename(source)} held no images.`);
      return loaded;
    },
  };
}
