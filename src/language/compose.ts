/**
 * Wires the compose language client to Berth: started when the first compose file opens
 * (its code is in dist/languageClient.js, loaded then), fed the engine's images from the
 * images store like the Dockerfile server, and told what Red Hat's YAML extension already
 * does for compose files. When that changes (the extension installed, removed, or its
 * settings changed) the server restarts, so what it announces follows.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { BerthContext } from '../context';
import type { EngineStores } from '../state';
import { itemsOf } from '../state/store';
import { changedParams, localImageRefs } from './inputs';
import { loadClientModule } from './loadClient';
import type { LocalImagesParams, YamlOverlap } from './protocol';
import { yamlExtensionId, yamlOverlap } from './yamlOverlap';
import type { StartLanguageClient } from './index';

const isCompose = (document: vscode.TextDocument): boolean => document.languageId === 'dockercompose';

/** What the YAML extension covers now, from whether it is installed and its settings. */
export function currentYamlOverlap(): YamlOverlap {
  const yaml = vscode.workspace.getConfiguration('yaml');
  return yamlOverlap({
    installed: vscode.extensions.getExtension(yamlExtensionId) !== undefined,
    settings: {
      validate: yaml.get<boolean>('validate'),
      completion: yaml.get<boolean>('completion'),
      hover: yaml.get<boolean>('hover'),
      formatEnable: yaml.get<boolean>('format.enable'),
      schemaStoreEnable: yaml.get<boolean>('schemaStore.enable'),
    },
  });
}

export function registerComposeLanguage(ctx: BerthContext, stores: EngineStores): StartLanguageClient {
  let started: Promise<LanguageClient> | undefined;
  const start: StartLanguageClient = () => {
    started ??= new Promise<LanguageClient>((resolve) => resolve(startClient(ctx, stores))).catch((error: unknown) => {
      ctx.log.error(`The compose language client could not load: ${String(error)}`);
      throw error;
    });
    return started;
  };
  if (vscode.workspace.textDocuments.some(isCompose)) void start().catch(() => undefined);
  else {
    const opened = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!isCompose(document)) return;
      opened.dispose();
      void start().catch(() => undefined);
    });
    ctx.extension.subscriptions.push(opened);
  }
  return start;
}

function startClient(ctx: BerthContext, stores: EngineStores): LanguageClient {
  const { startComposeClient, sendLocalImages } = loadClientModule(ctx.extension);
  let sentImages: LocalImagesParams | undefined;
  let sentOverlap = currentYamlOverlap();
  const currentImages = (): LocalImagesParams => ({ images: localImageRefs(itemsOf(stores.images)) });
  const client = startComposeClient(ctx.extension, ctx.log, () => {
    sentImages = currentImages();
    sentOverlap = currentYamlOverlap();
    return { localImages: sentImages, yamlOverlap: sentOverlap };
  });
  const syncImages = () => {
    const params = client.isRunning() && changedParams(currentImages(), sentImages);
    if (!params) return;
    sentImages = params;
    sendLocalImages(client, params).catch((error: unknown) => ctx.log.warn(`Could not send images to the compose server: ${String(error)}`));
  };
  const syncOverlap = () => {
    if (JSON.stringify(currentYamlOverlap()) === JSON.stringify(sentOverlap) || !client.isRunning()) return;
    ctx.log.info('Red Hat\'s YAML extension or its settings changed: restarting the compose language server.');
    client.restart().catch((error: unknown) => ctx.log.warn(`The compose language server did not restart: ${String(error)}`));
  };
  ctx.extension.subscriptions.push(
    stores.images.onDidChange(syncImages),
    client.onDidChangeState(syncImages),
    vscode.extensions.onDidChange(syncOverlap),
    vscode.workspace.onDidChangeConfiguration((event) => { if (event.affectsConfiguration('yaml')) syncOverlap(); }),
  );
  return client;
}
