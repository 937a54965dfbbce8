/**
 * The walkthrough's buttons that Berth had no command for: run or create from an image the
 * engine already has (the smallest base image with a shell: the lessons work offline, never assuming Docker Hub),
 * a sample Dockerfile built on that image, opening the walkthrough and starting it over.
 */
import * as vscode from 'vscode';
import { lessonImage } from '../learn/lessons';
import type { Services } from '../services';
import type { CommandHandlers } from './handler';

export const walkthroughId = 'berth.learn';

async function localImage(services: Services): Promise<string | undefined> {
  const image = lessonImage(await services.context.engine.images.list());
  if (image) return image;
  const load = vscode.l10n.t('Load Images from Tar…');
  const importTar = vscode.l10n.t('Import Image from Tar…');
  const pull = vscode.l10n.t('Pull Image…');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('The engine has no image yet, and the lessons do not assume Docker Hub is reachable. Load an image saved with docker save (docker load), import a root file system tar (docker import), or pull from a registry you can reach, such as a local one (127.0.0.1:5000/name:tag).'),
    load, importTar, pull,
  );
  if (choice === load) await vscode.commands.executeCommand('berth.images.load');
  else if (choice === importTar) await vscode.commands.executeCommand('berth.images.import');
  else if (choice === pull) await vscode.commands.executeCommand('berth.images.pullReference');
  return undefined;
}

function sampleDockerfile(image: string): string {
  return [
    `# ${vscode.l10n.t('A first Dockerfile: each instruction adds a layer to the image.')}`,
    `# ${vscode.l10n.t('FROM: the image to start from (one the engine already has).')}`,
    `FROM ${image}`,
    `# ${vscode.l10n.t('WORKDIR: the folder the next instructions and the container work in.')}`,
    'WORKDIR /app',
    `# ${vscode.l10n.t('COPY: files from the build context (this folder) into the image.')}`,
    'COPY hello.txt ./',
    `# ${vscode.l10n.t('RUN: a command run while building; its changes are kept in the image.')}`,
    'RUN echo "built by docker build" > built.txt',
    `# ${vscode.l10n.t('EXPOSE: documents the port a server in the container listens on.')}`,
    'EXPOSE 8080',
    `# ${vscode.l10n.t('CMD: what the container runs when it starts.')}`,
    'CMD ["cat", "/app/hello.txt", "/app/built.txt"]',
    '',
  ].join('\n');
}

/** Writes berth-learn/Dockerfile (and the file it copies) in the first workspace folder, unless it is there already, and opens it. */
async function writeDockerfile(services: Services): Promise<vscode.Uri | undefined> {
  const image = await localImage(services);
  if (!image) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: sampleDockerfile(image) });
    await vscode.window.showTextDocument(document);
    return document.uri;
  }
  const dir = vscode.Uri.joinPath(folder.uri, 'berth-learn');
  const dockerfile = vscode.Uri.joinPath(dir, 'Dockerfile');
  const exists = await vscode.workspace.fs.stat(dockerfile).then(() => true, () => false);
  if (!exists) {
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    await vscode.workspace.fs.createDirectory(dir);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'hello.txt'), encode(`${vscode.l10n.t('Hello from your first image.')}\n`));
    await vscode.workspace.fs.writeFile(dockerfile, encode(sampleDockerfile(image)));
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(dockerfile));
  return dockerfile;
}

export function learnHandlers(services: Services): CommandHandlers {
  return {
    'berth.learn.open': () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${services.context.extension.extension.id}#${walkthroughId}`, false),
    'berth.learn.run': async () => {
      const image = await localImage(services);
      return image && vscode.commands.executeCommand('berth.images.run', image);
    },
    'berth.learn.create': async () => {
      const image = await localImage(services);
      return image && vscode.commands.executeCommand('berth.images.create', image);
    },
    'berth.learn.writeDockerfile': () => writeDockerfile(services),
    'berth.learn.reset': async () => {
      await services.learn.reset();
      void vscode.window.showInformationMessage(vscode.l10n.t('The lessons are open again: each step is checked once you do it.'));
    },
  };
}
