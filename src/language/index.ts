/**
 * Wires the Dockerfile language client to Berth: starts it with the current lint
 * settings and the engine's images, then tells the server when either changes.
 * Images come from the images store (src/state), so the server costs no engine call of
 * its own beyond one version request per engine (for its default platform).
 *
 * The client starts when the first Dockerfile is open, or earlier when the workspace has
 * one (`berth.languageServer.startWithWorkspace`), never inside activate(): its code
 * (vscode-languageclient, about 380 KB minified) is a bundle of its own,
 * dist/languageClient.js, loaded then (see loadClient.ts).
 *
 * Why start before a Dockerfile is open: a server started with the file lints it cold
 * (a worker thread to boot, its code compiled on first use), about three times slower
 * than one that had a second to warm up (bench/language.ts measures both). A person
 * opens a Dockerfile seconds after the window, not milliseconds.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { onConfigChange } from '../config';
import type { BerthConfig } from '../config/schema';
import type { BerthContext } from '../context';
import type { EngineStores } from '../state';
import { itemsOf } from '../state/store';
import { changedParams, enginePlatformOf, lintSettingsOf, localImageRefs } from './inputs';
import { dockerfileGlob } from '../tasks/dockerfile';
import { loadClientModule } from './loadClient';
import type { LintSettings, LocalImagesParams } from './protocol';

/** Resolves with the running-or-starting client; the first call loads and starts it. */
export type StartLanguageClient = () => Promise<LanguageClient>;

const isDockerfile = (document: vscode.TextDocument): boolean => document.languageId === 'dockerfile';

/**
 * How long after activation the workspace's Dockerfile starts the server: out of the
 * way of the window's own start-up (loading the client's bundle and spawning the server
 * would compete with the Containers view's first list), and still about a second ahead
 * of the warm-up a person's first Dockerfile needs. Opening one sooner starts it at once.
 */
const earlyStartDelayMs = 1500;

/** Whether the workspace has a Dockerfile outside dependencies (one match is enough; package.json's activation events name the usual names, so such a workspace activates Berth). */
async function workspaceHasDockerfile(): Promise<boolean> {
  if (!vscode.workspace.workspaceFolders?.length) return false;
  return (await vscode.workspace.findFiles(dockerfileGlob, '**/node_modules/**', 1)).length > 0;
}

export function registerLanguage(ctx: BerthContext, stores: EngineStores): StartLanguageClient {
  let started: Promise<LanguageClient> | undefined;
  const start: StartLanguageClient = () => {
    started ??= new Promise<LanguageClient>((resolve) => resolve(startClient(ctx, stores))).catch((error: unknown) => {
      ctx.log.error(`The Dockerfile language client could not load: ${String(error)}`);
      throw error;
    });
    return started;
  };
  if (vscode.workspace.textDocuments.some(isDockerfile)) {
    void start().catch(() => undefined); // logged above
  } else {
    const opened = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!isDockerfile(document)) return;
      opened.dispose();
      void start().catch(() => undefined);
    });
    ctx.extension.subscriptions.push(opened);
    if (ctx.config['languageServer.startWithWorkspace']) {
      const timer = setTimeout(() => {
        workspaceHasDockerfile().then(
          (found) => { if (found) void start().catch(() => undefined); },
          (error: unknown) => ctx.log.warn(`Could not look for Dockerfiles in the workspace: ${String(error)}`),
        );
      }, earlyStartDelayMs);
      ctx.extension.subscriptions.push({ dispose: () => clearTimeout(timer) });
    }
  }
  return start;
}

function startClient(ctx: BerthContext, stores: EngineStores): LanguageClient {
  const { log } = ctx;
  const { startLanguageClient, sendLintSettings, sendLocalImages } = loadClientModule(ctx.extension);
  const images = stores.images;
  let enginePlatform: string | undefined;
  // What the server has now: set by each (re)start's initializationOptions and by each notification.
  let sentImages: LocalImagesParams | undefined;
  let sentLint: LintSettings | undefined;
  const currentImages = (): LocalImagesParams => ({ images: localImageRefs(itemsOf(images)), enginePlatform });

  const client = startLanguageClient(ctx.extension, log, () => {
    sentImages = currentImages();
    sentLint = lintSettingsOf(ctx.config);
    return { localImages: sentImages, lint: sentLint };
  });
  // Before the client runs nothing is sent: the sync when it starts covers what changed meanwhile.
  const syncImages = () => {
    const params = client.isRunning() && changedParams(currentImages(), sentImages);
    if (!params) return;
    sentImages = params;
    sendLocalImages(client, params).catch((error: unknown) => log.warn(`Could not send images to the Dockerfile server: ${String(error)}`));
  };
  const syncLint = (config: BerthConfig) => {
    const params = client.isRunning() && changedParams(lintSettingsOf(config), sentLint);
    if (!params) return;
    sentLint = params;
    sendLintSettings(client, params).catch((error: unknown) => log.warn(`Could not send lint settings to the Dockerfile server: ${String(error)}`));
  };
  const readPlatform = () => {
    const engine = ctx.engine;
    enginePlatform = undefined;
    engine.version().then(
      (version) => {
        if (engine !== ctx.engine) return; // the endpoint changed meanwhile
        enginePlatform = enginePlatformOf(version);
        syncImages();
      },
      () => undefined, // unreachable: the views say so; the platform rule stays quiet meanwhile
    );
  };

  readPlatform();
  ctx.extension.subscriptions.push(
    client.onDidChangeState(() => {
      syncLint(ctx.config);
      syncImages();
    }),
    images.onDidChange(syncImages),
    onConfigChange(syncLint),
    ctx.onDidChangeEngine(readPlatform),
  );
  return client;
}
