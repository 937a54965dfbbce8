/**
 * Inside containers and images, in the real VS Code against the private engine: the
 * berth-container file system (running, stopped, and shell-less containers), editor
 * save, upload/download round trips (commands and drag and drop), Changes, commit,
 * export/import, save/load and image history. Dialogs are answered through the
 * Prompter and FileDialogs queues; the engine is checked with raw dockerode.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { BerthApi } from '../../../src/extension';
import type { ContainerSummary, ImageSummary } from '../../../src/engine/types';
import { FilesNode, isFilesNode } from '../../../src/files/nodes';
import { containerUri } from '../../../src/files/provider';
import { readFirstEntry } from '../../../src/files/tarPack';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { takeScreenshot } from '../../support/screenshot';
import { containerNode } from './explorerHelpers';
import { BerthLog } from '../support/berth';

const extensionId = 'berth.berth';

async function api(): Promise<BerthApi> {
  const extension = vscode.extensions.getExtension<BerthApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed in this host`);
  return extension.isActive ? extension.exports : extension.activate();
}

function tarOf(entries: { name: string; body?: string | Buffer; type?: 'file' | 'directory' | 'symlink'; linkname?: string; mode?: number }[]): Readable {
  const pack = tar.pack();
  for (const { body, ...header } of entries) pack.entry({ mode: header.type === 'directory' ? 0o755 : 0o644, ...header }, body ?? '');
  pack.finalize();
  return pack as unknown as Readable;
}

async function drain(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString();
}

/** A file's content as the engine has it, read without Berth. */
async function engineRead(container: Docker.Container, file: string): Promise<Buffer> {
  const stream = (await container.getArchive({ path: file })) as unknown as Readable;
  const first = await readFirstEntry(stream, { withContent: true });
  assert.ok(first?.content, `no content for ${file}`);
  return first.content;
}

async function exec(container: Docker.Container, cmd: string[]): Promise<void> {
  const e = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  await drain(await e.start({}));
  const info = await e.inspect();
  assert.equal(info.ExitCode, 0, `${cmd.join(' ')} exited ${info.ExitCode}`);
}

/** Every file under a host folder: relative path → sha256 (links as "link:target"). */
function digestTree(root: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    const full = path.join(root, rel);
    if (entry.isSymbolicLink()) out[rel] = `link:${fs.readlinkSync(full)}`;
    else if (entry.isDirectory()) Object.assign(out, { [`${rel}/`]: 'dir' }, digestTree(root, rel));
    else out[rel] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

describe('Files inside containers and images', function () {
  this.timeout(180_000);
  const docker = testDocker();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-files-host-'));
  const containers: Docker.Container[] = [];
  const images: string[] = [];
  let berth: BerthApi;
  let running: Docker.Container;
  let stopped: Docker.Container;
  let shellless: Docker.Container;
  const shelllessImage = `${uniqueName('distroless')}:v1`.toLowerCase();

  const summary = async (container: Docker.Container): Promise<ContainerSummary> => {
    const found = (await berth.context.engine.listContainers({ all: true })).find((c) => c.id === container.id);
    assert.ok(found, `container ${container.id} is not listed`);
    return found;
  };
  /** Files or Changes under a container of the Containers tree, as a person expands the container. */
  const underContainer = async (container: Docker.Container, kind: 'filesRoot' | 'changesRoot'): Promise<FilesNode> => {
    const name = (await container.inspect()).Name.replace(/^\//, '');
    await berth.views.refreshAll();
    const children = await berth.views.containers.getChildren(await containerNode(berth, name));
    const node = children.find((n) => n.kind === kind);
    assert.ok(node && isFilesNode(node), `no ${kind} under ${name}: ${children.map((n) => n.kind).join(', ')}`);
    return node;
  };
  const filesRoot = (container: Docker.Container): Promise<FilesNode> => underContainer(container, 'filesRoot');
  /** The children of a files node in the Containers tree, as VS Code asks on expansion. */
  const childrenOf = async (node: FilesNode): Promise<FilesNode[]> => (await berth.views.containers.getChildren(node)).filter(isFilesNode);
  /** Expands folders by name from a container's Files node. */
  const folder = async (container: Docker.Container, ...names: string[]): Promise<FilesNode> => {
    let node = await filesRoot(container);
    for (const name of names) {
      const next = (await childrenOf(node)).find((n) => n.kind === 'fileEntry' && n.entry.name === name);
      assert.ok(next, `no ${name} under ${node.kind === 'fileEntry' ? node.path : '/'}`);
      node = next;
    }
    return node;
  };
  const uri = (container: Docker.Container, p: string) => containerUri(container.id, p);

  before(async () => {
    berth = await api();
    berth.prompts.strict = true;
    berth.files.dialogs.strict = true;
    const make = async (options: Docker.ContainerCreateOptions, start: boolean) => {
      const c = await docker.createContainer({ name: uniqueName('files'), ...options });
      containers.push(c);
      if (start) await c.start();
      return c;
    };
    running = await make({ Image: testImage, Cmd: ['sleep', '600'] }, true);
    stopped = await make({ Image: testImage, Cmd: ['true'] }, false);
    // An image with no shell at all: two files and a folder, imported from a tar.
    const [repo, tag] = shelllessImage.split(':');
    await drain(await docker.importImage(tarOf([
      { name: 'hello.txt', body: 'hello from a distroless image\n' },
      { name: 'app/', type: 'directory' },
      { name: 'app/config.json', body: '{"ok":true}\n', mode: 0o600 },
    ]) as unknown as NodeJS.ReadableStream, { repo, tag }));
    images.push(shelllessImage);
    shellless = await make({ Image: shelllessImage, Cmd: ['/app/server'] }, false);
    await vscode.commands.executeCommand('berth.containers.focus');
  });

  after(async () => {
    berth.prompts.strict = false;
    berth.files.dialogs.strict = false;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const c of containers) await c.remove({ force: true }).catch(() => undefined);
    for (const image of images) await docker.getImage(image).remove({ force: true }).catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  for (const which of ['running', 'stopped', 'shell-less'] as const) {
    it(`reads, writes, creates, stats and lists files of a ${which} container`, async () => {
      const c = which === 'running' ? running : which === 'stopped' ? stopped : shellless;
      const known = which === 'shell-less' ? '/hello.txt' : '/etc/passwd';
      const listing = await vscode.workspace.fs.readDirectory(uri(c, '/'));
      assert.ok(listing.some(([name, type]) => name === known.slice(1).split('/')[0] && type !== vscode.FileType.Unknown), `listing of / has ${known}`);
      const stat = await vscode.workspace.fs.stat(uri(c, known));
      assert.equal(stat.type, vscode.FileType.File);
      const content = await vscode.workspace.fs.readFile(uri(c, known));
      assert.equal(stat.size, content.byteLength, 'real size');
      assert.ok(stat.mtime > 0, 'real modification time');
      assert.deepEqual(Buffer.from(content), await engineRead(c, known));

      const folder = `/berth dir ü ${which}`;
      await vscode.workspace.fs.createDirectory(uri(c, folder));
      assert.equal((await vscode.workspace.fs.stat(uri(c, folder))).type, vscode.FileType.Directory);
      const file = `${folder}/notes ✓.txt`;
      const text = `written into a ${which} container\n`;
      await vscode.workspace.fs.writeFile(uri(c, file), Buffer.from(text));
      assert.equal((await engineRead(c, file)).toString(), text);
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri(c, file))).toString(), text);
      assert.deepEqual(await vscode.workspace.fs.readDirectory(uri(c, folder)), [['notes ✓.txt', vscode.FileType.File]]);
      // `..` stays inside the container: /tmp/../x is /x.
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri(c, `${folder}/../${folder.slice(1)}/notes ✓.txt`))).toString(), text);
    });
  }

  it('keeps an existing file\'s mode when it is overwritten (shell-less image)', async () => {
    await vscode.workspace.fs.writeFile(uri(shellless, '/app/config.json'), Buffer.from('{"ok":false}\n'));
    const stream = (await shellless.getArchive({ path: '/app/config.json' })) as unknown as Readable;
    const first = await readFirstEntry(stream, { withContent: true });
    assert.equal(first?.header.mode, 0o600);
    assert.equal(first?.content?.toString(), '{"ok":false}\n');
  });

  it('opens, edits and saves a file in the editor', async () => {
    const target = uri(running, '/etc/motd-berth.txt');
    await vscode.workspace.fs.writeFile(target, Buffer.from('first line\n'));
    const editor = await vscode.window.showTextDocument(target);
    assert.equal(editor.document.getText(), 'first line\n');
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'added in the editor\n'));
    assert.ok(await editor.document.save(), 'the document saved');
    assert.equal((await engineRead(running, '/etc/motd-berth.txt')).toString(), 'first line\nadded in the editor\n');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('shows links as links and follows them on open', async () => {
    const [, type] = (await vscode.workspace.fs.readDirectory(uri(running, '/bin'))).find(([name]) => name === 'sh')!;
    assert.equal(type, vscode.FileType.SymbolicLink | vscode.FileType.File);
    const sh = await vscode.workspace.fs.readFile(uri(running, '/bin/sh'));
    const busybox = await vscode.workspace.fs.stat(uri(running, '/bin/busybox'));
    assert.equal(sh.byteLength, busybox.size);
    const nodes = await childrenOf(await folder(running, 'bin'));
    const shItem = berth.views.containers.getTreeItem(nodes.find((n) => n.kind === 'fileEntry' && n.entry.name === 'sh')!);
    assert.equal(shItem.description, 'link to busybox');
  });

  it('says clearly what went wrong: missing folder, read-only root, removed container', async () => {
    // The provider itself (vscode.workspace.fs.writeFile would first create the missing folders, as it does for every provider).
    await assert.rejects(async () => berth.files.provider.writeFile(uri(running, '/no/such/dir/file.txt'), Buffer.from('x'), { create: true, overwrite: true }), (error: unknown) => {
      assert.ok(error instanceof vscode.FileSystemError, String(error));
      assert.equal(error.code, 'FileNotFound');
      assert.match(error.message, /\/no\/such\/dir does not exist/);
      return true;
    });
    const readOnly = await docker.createContainer({ name: uniqueName('ro'), Image: testImage, Cmd: ['sleep', '600'], HostConfig: { ReadonlyRootfs: true } });
    containers.push(readOnly);
    await readOnly.start();
    await assert.rejects(async () => vscode.workspace.fs.writeFile(uri(readOnly, '/etc/new.txt'), Buffer.from('x')), (error: unknown) => {
      assert.ok(error instanceof vscode.FileSystemError, String(error));
      assert.match(error.message, /read-only/i);
      return true;
    });
    const doomed = await docker.createContainer({ name: uniqueName('doomed'), Image: testImage, Cmd: ['true'] });
    await vscode.workspace.fs.stat(uri(doomed, '/etc/passwd'));
    await doomed.remove({ force: true });
    await assert.rejects(async () => vscode.workspace.fs.readFile(uri(doomed, '/etc/passwd')), (error: unknown) => {
      assert.ok(error instanceof vscode.FileSystemError, String(error));
      assert.equal(error.code, 'FileNotFound');
      assert.match(error.message, /no such container/i);
      return true;
    });
    // A download from a removed container leaves nothing on the host.
    const before = fs.readdirSync(scratch);
    berth.files.dialogs.answer(path.join(scratch, 'never.txt'));
    const log = new BerthLog(berth);
    const mark = log.mark();
    const result = await vscode.commands.executeCommand('berth.files.download', { kind: 'fileEntry', container: { ...(await summary(running)), id: doomed.id }, path: '/etc/passwd', entry: { name: 'passwd', kind: 'file', size: 1, mtime: 0, permissions: 0o644 } });
    assert.equal(result, undefined);
    assert.deepEqual(fs.readdirSync(scratch), before);
    // What the person was told; then the notification goes, so it does not linger over later screenshots.
    assert.equal(log.errorOf('berth.files.download', mark), `No such container: ${doomed.id.slice(0, 12)}. It was removed.`);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('reports a full disk in the container and on the host, leaving no partial file on the host', async () => {
    // Two small tmpfs mounts stand in for full disks: one bind-mounted into a container, one as the download folder.
    const small = path.join(scratch, 'small disk');
    const smallHost = path.join(scratch, 'small host');
    fs.mkdirSync(small);
    fs.mkdirSync(smallHost);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', smallHost]);
    try {
      const c = await docker.createContainer({ name: uniqueName('full'), Image: testImage, Cmd: ['sleep', '600'], HostConfig: { Binds: [`${small}:/small`] } });
      containers.push(c);
      await c.start();
      await assert.rejects(async () => vscode.workspace.fs.writeFile(uri(c, '/small/big.bin'), crypto.randomBytes(1_048_576)), (error: unknown) => {
        assert.ok(error instanceof vscode.FileSystemError, String(error));
        assert.match(error.message, /no space left on device/i);
        return true;
      });
      await vscode.workspace.fs.writeFile(uri(c, '/tmp/big.bin'), crypto.randomBytes(1_048_576));
      berth.files.dialogs.answer(path.join(smallHost, 'big.bin'));
      const result = await vscode.commands.executeCommand('berth.files.download', { kind: 'fileEntry', container: await summary(c), path: '/tmp/big.bin', entry: { name: 'big.bin', kind: 'file', size: 1_048_576, mtime: 0, permissions: 0o644 } });
      assert.equal(result, undefined, 'the download failed');
      assert.deepEqual(fs.readdirSync(smallHost), [], 'nothing partial is left on the host');
      await vscode.commands.executeCommand('notifications.clearAll');
    } finally {
      execFileSync('umount', [small]);
      execFileSync('umount', [smallHost]);
    }
  });

  it('uploads a folder and downloads it back byte for byte (spaces, unicode, a link, 1 MB of random bytes)', async () => {
    const source = path.join(scratch, 'up load ü');
    fs.mkdirSync(path.join(source, 'nested dir', 'deeper'), { recursive: true });
    fs.writeFileSync(path.join(source, 'random.bin'), crypto.randomBytes(1_048_576));
    fs.writeFileSync(path.join(source, 'nested dir', 'naïve résumé.txt'), 'unicode ✓\n');
    fs.writeFileSync(path.join(source, 'nested dir', 'deeper', 'empty'), '');
    fs.symlinkSync('nested dir/naïve résumé.txt', path.join(source, 'link'));
    const root = await filesRoot(running);
    const tmp: FilesNode = { kind: 'fileEntry', container: root.container, path: '/tmp', entry: { name: 'tmp', kind: 'directory', size: 0, mtime: 0, permissions: 0o777 } };
    berth.files.dialogs.answer([source]);
    const uploaded = await vscode.commands.executeCommand<string[]>('berth.files.uploadFolder', tmp);
    assert.deepEqual(uploaded, ['/tmp/up load ü']);
    const destination = path.join(scratch, 'down load');
    berth.files.dialogs.answer(destination);
    const downloaded = await vscode.commands.executeCommand('berth.files.download', { ...tmp, path: '/tmp/up load ü', entry: { ...tmp.entry, name: 'up load ü' } });
    assert.equal(downloaded, destination);
    assert.deepEqual(digestTree(destination), digestTree(source));
    assert.deepEqual(fs.readdirSync(scratch).filter((n) => n.startsWith('.berth')), [], 'no staging left behind');
  });

  it('uploads files dropped from the Explorer onto a folder node, or a file node\'s folder', async () => {
    const dropped = path.join(scratch, 'dropped file.txt');
    fs.writeFileSync(dropped, 'dropped ✓\n');
    const data = new vscode.DataTransfer();
    data.set('text/uri-list', new vscode.DataTransferItem(vscode.Uri.file(dropped).toString()));
    // Through the Containers tree's drag and drop controller, as the view calls it.
    await berth.views.containers.handleDrop(await filesRoot(stopped), data);
    assert.equal((await engineRead(stopped, '/dropped file.txt')).toString(), 'dropped ✓\n');
    // Dropped on a file: lands in the folder that holds it.
    const onFile = (await childrenOf(await folder(stopped, 'etc'))).find((n) => n.kind === 'fileEntry' && n.entry.name === 'passwd');
    assert.ok(onFile);
    await berth.views.containers.handleDrop(onFile, data);
    assert.equal((await engineRead(stopped, '/etc/dropped file.txt')).toString(), 'dropped ✓\n');
  });

  it('lists a folder of 10,000 entries without freezing', async () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => ({ name: `big/f${String(i).padStart(5, '0')}`, body: '' }));
    await running.putArchive(tarOf([{ name: 'big/', type: 'directory' }, ...entries]) as unknown as NodeJS.ReadableStream, { path: '/' });
    berth.files.fs.forget(running.id);
    // The extension host stays responsive while the listing streams: a 20 ms timer keeps firing.
    let last = Date.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      longestGap = Math.max(longestGap, Date.now() - last);
      last = Date.now();
    }, 20);
    const started = Date.now();
    const listing = await vscode.workspace.fs.readDirectory(uri(running, '/big'));
    const ms = Date.now() - started;
    clearInterval(timer);
    console.log(`10,000-entry listing: ${ms} ms; longest pause of the extension host's event loop meanwhile: ${longestGap} ms`);
    assert.equal(listing.length, 10_000);
    assert.ok(ms < 15_000, `listing took ${ms} ms`);
    assert.ok(longestGap < 1_000, `the extension host froze for ${longestGap} ms`);
    const nodes = await childrenOf(await folder(running, 'big'));
    assert.equal(nodes.length, 10_000);
  });

  it('shows added, changed and deleted paths under Changes and opens a changed file', async () => {
    const c = await docker.createContainer({ name: uniqueName('diff'), Image: testImage, Cmd: ['sleep', '600'] });
    containers.push(c);
    await c.start();
    await vscode.workspace.fs.writeFile(uri(c, '/added.txt'), Buffer.from('new\n'));
    await vscode.workspace.fs.writeFile(uri(c, '/etc/group'), Buffer.from('root:x:0:\nchanged:x:1:\n'));
    await exec(c, ['rm', '/etc/passwd']);
    const changes = await childrenOf(await underContainer(c, 'changesRoot'));
    const byPath = new Map(changes.flatMap((n) => (n.kind === 'change' ? [[n.change.path, n] as const] : [])));
    assert.equal(byPath.get('/added.txt')?.kind === 'change' && byPath.get('/added.txt')!.change.kind, 'added');
    assert.equal(byPath.get('/etc/group')?.kind === 'change' && byPath.get('/etc/group')!.change.kind, 'changed');
    assert.equal(byPath.get('/etc/passwd')?.kind === 'change' && byPath.get('/etc/passwd')!.change.kind, 'deleted');
    const badge = (p: string) => String(berth.views.containers.getTreeItem(byPath.get(p)!).resourceUri?.query);
    assert.deepEqual(['/added.txt', '/etc/group', '/etc/passwd'].map(badge), ['change=A', 'change=C', 'change=D']);
    await vscode.commands.executeCommand('berth.files.openChange', byPath.get('/etc/group'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.path, '/etc/group');
    assert.equal(vscode.window.activeTextEditor?.document.getText(), 'root:x:0:\nchanged:x:1:\n');
    await berth.views.treeViews.containers.reveal(byPath.get('/etc/passwd')!, { expand: true, select: true, focus: false });
    await takeScreenshot('files-changes', { selector: '.monaco-list-row[aria-label*="passwd"]' }).catch((error: unknown) => console.log(`screenshot: ${String(error)}`));
  });

  it('commits a container with author, message and Dockerfile changes', async () => {
    const reference = `${uniqueName('commit')}:v1`.toLowerCase();
    images.push(reference);
    berth.prompts.answer(reference, 'Jane Doe <jane@example.com>', 'committed by the host tier', 'CMD ["sleep", "5"]; EXPOSE 8080; ENV MODE=committed');
    const id = await vscode.commands.executeCommand<string>('berth.containers.commit', { kind: 'container', container: await summary(running) });
    assert.match(String(id), /^sha256:/);
    const inspect = await docker.getImage(reference).inspect();
    assert.equal(inspect.Author, 'Jane Doe <jane@example.com>');
    assert.equal(inspect.Comment, 'committed by the host tier');
    assert.deepEqual(inspect.Config.Cmd, ['sleep', '5']);
    assert.ok('8080/tcp' in (inspect.Config.ExposedPorts ?? {}));
    assert.ok(inspect.Config.Env.includes('MODE=committed'));
  });

  it('exports a container to a tar and imports it as an image with the same files', async () => {
    const tarPath = path.join(scratch, 'exported ü.tar');
    berth.files.dialogs.answer(tarPath);
    assert.equal(await vscode.commands.executeCommand('berth.containers.export', { kind: 'container', container: await summary(shellless) }), tarPath);
    assert.ok(fs.statSync(tarPath).size > 0);
    const reference = `${uniqueName('imported')}:v1`.toLowerCase();
    images.push(reference);
    berth.files.dialogs.answer(tarPath);
    berth.prompts.answer(reference);
    const id = await vscode.commands.executeCommand<string>('berth.images.import', undefined);
    assert.match(String(id), /^sha256:/);
    const copy = await docker.createContainer({ name: uniqueName('imported'), Image: reference, Cmd: ['/app/server'] });
    containers.push(copy);
    const names = async (c: Docker.Container, p: string) => (await vscode.workspace.fs.readDirectory(uri(c, p))).map(([n]) => n).filter((n) => n !== '.dockerenv').sort();
    assert.deepEqual(await names(copy, '/'), await names(shellless, '/'));
    assert.deepEqual(await names(copy, '/app'), await names(shellless, '/app'));
    assert.deepEqual(await engineRead(copy, '/hello.txt'), await engineRead(shellless, '/hello.txt'));
  });

  it('saves two images into one tar, and loading it brings both back with their tags', async () => {
    const refs = [`${uniqueName('save-a')}:one`.toLowerCase(), `${uniqueName('save-b')}:two`.toLowerCase()];
    images.push(...refs);
    const base = await docker.getImage(testImage).inspect();
    const [repoA, tagA] = refs[0].split(':');
    const [repoB, tagB] = refs[1].split(':');
    await docker.getImage(testImage).tag({ repo: repoA, tag: tagA });
    await docker.getImage(shelllessImage).tag({ repo: repoB, tag: tagB });
    const image = (id: string, ref: string) => ({ kind: 'image', reference: ref, image: { id, repoTags: [ref], repoDigests: [], created: 0, size: 0, labels: {}, containers: 0 } satisfies ImageSummary });
    const tarPath = path.join(scratch, 'two images.tar');
    berth.files.dialogs.answer(tarPath);
    const shelllessId = (await docker.getImage(shelllessImage).inspect()).Id;
    const saved = await vscode.commands.executeCommand('berth.images.save', undefined, [image(base.Id, refs[0]), image(shelllessId, refs[1])]);
    assert.equal(saved, tarPath);
    for (const ref of refs) await docker.getImage(ref).remove();
    for (const ref of refs) await assert.rejects(docker.getImage(ref).inspect());
    berth.files.dialogs.answer(tarPath);
    const loaded = await vscode.commands.executeCommand<string[]>('berth.images.load', undefined);
    assert.deepEqual([...(loaded ?? [])].sort(), [...refs].sort());
    for (const ref of refs) assert.ok((await docker.getImage(ref).inspect()).RepoTags.includes(ref));
  });

  it('lists the layers of a built image with created-by, size and age', async () => {
    const reference = `${uniqueName('history')}:v1`.toLowerCase();
    images.push(reference);
    const context = tarOf([{ name: 'Dockerfile', body: `FROM ${testImage}\nRUN dd if=/dev/zero of=/big bs=1024 count=300\nCMD ["sh"]\n` }]);
    const stream = await docker.buildImage(context as unknown as NodeJS.ReadableStream, { t: reference });
    const output = await drain(stream);
    assert.doesNotMatch(output, /"error"/, output);
    const built = await docker.getImage(reference).inspect();
    const node = { kind: 'image', image: { id: built.Id, repoTags: [reference], repoDigests: [], created: 0, size: built.Size, labels: {}, containers: 0 }, reference };
    const layers = (await berth.views.images.getChildren(node as never)) as unknown as { kind: string; layer: { createdBy: string; size: number } }[];
    assert.ok(layers.length >= 3, `${layers.length} layers`);
    const run = layers.find((l) => /dd if=\/dev\/zero/.test(l.layer.createdBy));
    assert.ok(run, 'the RUN layer is listed');
    assert.ok(run.layer.size >= 300 * 1024, `the RUN layer is ${run.layer.size} bytes`);
    const item = berth.views.images.getTreeItem(run as never);
    assert.match(String(item.description), /kB|MB/);
    assert.match(String(item.description), /ago|just now/);
  });
});
