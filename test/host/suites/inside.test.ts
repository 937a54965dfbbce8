/**
 * Seeing inside, in the real VS Code against the private engine: a volume's files
 * (browse, open, edit, upload, download) through helper containers that never run and
 * are gone afterwards, and an image's layers file by file (what each layer added,
 * changed and removed), from the trees and from the palette, checked against the
 * engine with raw dockerode, with screenshots.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { BerthApi } from '../../../src/extension';
import { FilesNode, isFilesNode } from '../../../src/files/nodes';
import { readFirstEntry } from '../../../src/files/tarPack';
import { isLayerFilesNode, LayerFilesNode } from '../../../src/layers/nodes';
import type { ImageNode } from '../../../src/views/imageItems';
import { helperLabel } from '../../../src/volumes/helperLabel';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { takeScreenshot } from '../../support/screenshot';
import { waitFor } from '../../support/wait';
import { berthApi, walk } from './explorerHelpers';

type ImageTagNode = Extract<ImageNode, { kind: 'image' }>;
type LayerRow = Extract<ImageNode, { kind: 'imageLayer' }>;

describe('Inside volumes and image layers', function () {
  this.timeout(180_000);
  const docker = testDocker();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-inside-host-'));
  const volume = uniqueName('inside-vol');
  const tag = `${uniqueName('inside-img').replace(/[^a-z0-9-]/g, '')}:v1`;
  let berth: BerthApi;
  let user: Docker.Container;

  /** A file of the volume as a container that mounts it sees it, read without Berth. */
  const engineRead = async (file: string): Promise<string | undefined> => {
    const stream = await user.getArchive({ path: `/data${file}` }).catch(() => undefined);
    if (!stream) return undefined;
    return (await readFirstEntry(stream as unknown as import('node:stream').Readable, { withContent: true }))?.content?.toString();
  };
  const helpers = async (): Promise<Docker.ContainerInfo[]> => docker.listContainers({ all: true, filters: { label: [`${helperLabel}=${volume}`] } });
  const volumeFiles = async (): Promise<FilesNode> => {
    const node = await waitFor(async () => (await berth.views.volumes.getChildren()).find((n) => n.kind === 'volume' && n.volume.name === volume), `volume ${volume} in the Volumes tree`);
    const files = (await berth.views.volumes.getChildren(node))[0];
    assert.ok(isFilesNode(files) && files.kind === 'filesRoot', 'a volume\'s first child is its Files');
    return files;
  };
  const childrenOf = async (node: FilesNode): Promise<FilesNode[]> => (await berth.views.volumes.getChildren(node)).filter(isFilesNode);
  const names = (nodes: FilesNode[]) => nodes.map((n) => (n.kind === 'fileEntry' ? n.entry.name : n.kind));

  before(async () => {
    berth = await berthApi();
    berth.prompts.strict = true;
    berth.files.dialogs.strict = true;
    await docker.createVolume({ Name: volume });
    user = await docker.createContainer({ Image: testImage, name: uniqueName('inside-user'), Cmd: ['sleep', '600'], HostConfig: { Binds: [`${volume}:/data`] } });
    await user.putArchive(await packOne('seed/readme.txt', '볼륨 안의 파일\n'), { path: '/data' });
  });

  after(async () => {
    berth.prompts.reset();
    await user.remove({ force: true }).catch(() => undefined);
    await berth.files.volumeHelpers.release();
    await docker.getVolume(volume).remove().catch(() => undefined);
    await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('browses a volume from the tree, opens and edits a file, and leaves no helper behind', async () => {
    const root = await volumeFiles();
    assert.deepEqual(names(await childrenOf(root)), ['seed']);
    const seed = (await childrenOf(root))[0];
    assert.deepEqual(names(await childrenOf(seed)), ['readme.txt']);
    const readme = (await childrenOf(seed))[0];
    const item = berth.views.volumes.getTreeItem(readme) as vscode.TreeItem;
    assert.equal(item.resourceUri?.scheme, 'berth-volume');
    // Opened as the item's click opens it, edited and saved through the editor.
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.scheme === 'berth-volume' ? vscode.window.activeTextEditor : undefined), 'the volume file editor');
    assert.equal(editor.document.getText(), '볼륨 안의 파일\n');
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'edited in VS Code\n'));
    const saved = await editor.document.save();
    assert.ok(saved, `the volume file saved (dirty: ${editor.document.isDirty}; stat: ${JSON.stringify(await vscode.workspace.fs.stat(editor.document.uri).then((s) => s, (e: Error) => e.message))})`);
    assert.equal(await engineRead('/seed/readme.txt'), '볼륨 안의 파일\nedited in VS Code\n');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor(async () => ((await helpers()).length === 0 ? true : undefined), 'the helper containers to be removed', 10_000);
    // Helpers never show as the user's containers, nor as users of the volume.
    assert.ok(!(await berth.views.containers.getChildren()).some((n) => n.kind === 'container' && n.container.labels[helperLabel] !== undefined));
  });

  it('browses a volume from the palette, uploads, creates and downloads files', async () => {
    berth.prompts.answer(volume);
    const root = await vscode.commands.executeCommand<FilesNode>('berth.volumes.browseFiles');
    assert.ok(root && root.kind === 'filesRoot' && root.container.id === volume);
    const host = path.join(scratch, 'notes.md');
    fs.writeFileSync(host, '# uploaded\n');
    berth.files.dialogs.answer([host]);
    await vscode.commands.executeCommand('berth.files.upload', root);
    assert.equal(await engineRead('/notes.md'), '# uploaded\n');
    berth.prompts.answer('made-here');
    await vscode.commands.executeCommand('berth.files.newFolder', root);
    assert.deepEqual(names(await childrenOf(await volumeFiles())).sort(), ['made-here', 'notes.md', 'seed']);
    const notes = (await childrenOf(await volumeFiles())).find((n) => n.kind === 'fileEntry' && n.entry.name === 'notes.md')!;
    const destination = path.join(scratch, 'downloaded.md');
    berth.files.dialogs.answer(destination);
    await vscode.commands.executeCommand('berth.files.download', notes);
    assert.equal(fs.readFileSync(destination, 'utf8'), '# uploaded\n');
    await vscode.commands.executeCommand('berth.volumes.focus');
    await berth.views.treeViews.volumes.reveal(root, { expand: true, select: false });
    await takeScreenshot('inside-volume-files', { selector: '.monaco-list-row:has-text("notes.md")' });
    await waitFor(async () => ((await helpers()).length === 0 ? true : undefined), 'the helper containers to be removed', 10_000);
  });

  it('shows what each layer of an image added, changed and removed, from the tree and the palette', async () => {
    const context = path.join(scratch, 'build');
    fs.mkdirSync(context);
    fs.writeFileSync(path.join(context, 'Dockerfile'), [
      `FROM ${testImage}`,
      'RUN mkdir -p /data && echo first > /data/note.txt && dd if=/dev/zero of=/data/big bs=1024 count=64 2>/dev/null',
      'RUN echo second > /data/note.txt && rm /data/big',
      '',
    ].join('\n'));
    await berth.context.engine.images.build({ context, tags: [tag] });
    const image = await waitFor(async () => (await walk(berth.views.images, (n) => n.kind === 'image')).find((n): n is ImageTagNode => n.kind === 'image' && n.reference === tag), `${tag} in the Images tree`);
    const rows = (await berth.views.images.getChildren(image)) as LayerRow[];
    const top = rows[0];
    assert.match(top.layer.createdBy, /rm \/data\/big/);
    assert.equal(berth.views.images.getTreeItem(top).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    // A layer shows as soon as it is read, and again (complete) once the layers below are.
    const settled = async (row: LayerRow): Promise<LayerFilesNode[]> => waitFor(async () => {
      const nodes = (await berth.views.images.getChildren(row)).filter(isLayerFilesNode) as LayerFilesNode[];
      return nodes[0]?.kind === 'layerMessage' && !nodes[0].message.endsWith('reading the layers below…') ? nodes : undefined;
    }, 'the layer\'s files with their changes known', 60_000, 250);
    const under = await settled(top);
    assert.equal(under[0].kind, 'layerMessage');
    assert.match(under[0].kind === 'layerMessage' ? under[0].message : '', /^0 added · 1 changed · 1 removed · 7 B/);
    const data = under.find((n) => n.kind === 'layerEntry' && n.name === 'data')!;
    const files = (await berth.views.images.getChildren(data)).filter(isLayerFilesNode) as LayerFilesNode[];
    const byName = new Map(files.map((n) => [n.kind === 'layerEntry' ? n.name : '', n]));
    assert.equal((byName.get('note.txt') as { file?: { change: string } }).file?.change, 'changed');
    assert.equal((byName.get('big') as { file?: { change: string } }).file?.change, 'removed');
    // What the layer holds is what the image ends with: check against a container made from it.
    const probe = await docker.createContainer({ Image: tag, Cmd: ['true'] });
    try {
      const inImage = await readFirstEntry(await probe.getArchive({ path: '/data/note.txt' }) as unknown as import('node:stream').Readable, { withContent: true });
      const uri = (berth.views.images.getTreeItem(byName.get('note.txt')!) as vscode.TreeItem).resourceUri!;
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString(), inImage?.content?.toString());
      await assert.rejects(probe.getArchive({ path: '/data/big' }), /404|no such file/i);
    } finally {
      await probe.remove({ force: true });
    }
    // The lower layer's big file is wasted: a later layer removes it.
    const lower = await settled(rows[1]);
    assert.match(lower[0].kind === 'layerMessage' ? lower[0].message : '', /^2 added · 0 changed · 0 removed · 66 kB · 66 kB wasted \(replaced later\)$/);
    await vscode.commands.executeCommand('berth.images.focus');
    await berth.views.treeViews.images.reveal(image, { expand: true, select: false });
    await berth.views.treeViews.images.reveal(data, { expand: true, select: false });
    await takeScreenshot('inside-layer-files', { selector: '.monaco-list-row:has-text("note.txt")' });

    // The palette: image, layer, file; the file opens read-only with that layer's bytes.
    berth.prompts.answer(tag, (label: string) => label.startsWith('RUN mkdir'), '/data/note.txt');
    const opened = await vscode.commands.executeCommand<string>('berth.images.browseLayerFiles');
    assert.equal(opened, '/data/note.txt');
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.scheme === 'berth-layer' ? vscode.window.activeTextEditor : undefined), 'the layer file editor');
    assert.equal(editor.document.getText(), 'first\n');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(editor.document.uri, Buffer.from('x'))), /cannot be changed|NoPermissions|read-?only/i);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

async function packOne(name: string, body: string): Promise<Buffer> {
  const tar = await import('tar-stream');
  const pack = tar.pack();
  pack.entry({ name: name.split('/')[0], type: 'directory', mode: 0o755 });
  pack.entry({ name, mode: 0o644 }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
