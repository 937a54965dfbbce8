/**
 * Wires the Dockerfile language client to Berth: starts it with the current lint
 * settings and the engine's images, then tells the server when either changes.
 * Images come from the images store (src/state), so the server costs no engine call of
 * its own beyond one version request per engine (for its default platform).
 */
import type { LanguageClient } from 'vscode-languageclient/node';
import { onConfigChange } from '../config';
import type { BerthConfig } from '../config/schema';
import type { BerthContext } from '../context';
import type { EngineStores } from '../state';
import { itemsOf } from '../state/store';
import { sendLintSettings, sendLocalImages, startLanguageClient } from './client';
import { changedParams, enginePlatformOf, lintSettingsOf, localImageRefs } from './inputs';
import type { LintSettings, LocalImagesParams } from './protocol';

export function registerLanguage(ctx: BerthContext, stores: EngineStores): LanguageClient {
  const { log } = ctx;
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
