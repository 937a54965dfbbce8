/** Starts the Dockerfile language server (dist/server.js) with vscode-languageclient. */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  serverName, localImagesNotification, lintSettingsNotification, defaultLintSettings, rulesDocsFolder, composeServerName,
  type ServerInitOptions, type LocalImagesParams, type LintSettingsParams, type ComposeServerInitOptions, type YamlOverlap,
} from './protocol';

export interface LanguageClientInputs {
  /** The engine's images at start (the engine layer sends updates with sendLocalImages). */
  localImages?: LocalImagesParams;
  /** `berth.lint.*` as read by config.ts (updates go through sendLintSettings). */
  lint?: LintSettingsParams;
}

/** `inputs` is read at each (re)start of the server, so a restarted server starts current. */
export function createLanguageClient(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel, inputs: () => LanguageClientInputs = () => ({})): LanguageClient {
  const module = extension.asAbsolutePath('dist/server.js');
  // V8's cache of the analysis workers' compiled code, kept between starts (a cold start
  // compiles the 1.3 MB bundle and then each function on its first call).
  const storage = extension.globalStorageUri;
  const args = storage.scheme === 'file' ? ['--code-cache', vscode.Uri.joinPath(storage, 'server-code-cache').fsPath] : [];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args },
    debug: { module, transport: TransportKind.ipc, args, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions = (): ServerInitOptions => {
    const { localImages, lint } = inputs();
    return {
      localImages: localImages?.images ?? [],
      enginePlatform: localImages?.enginePlatform,
      lint: { ...defaultLintSettings, ...lint },
      // The rule pages ship inside the extension: diagnostics link to them directly.
      rulesDocsBase: `${vscode.Uri.joinPath(extension.extensionUri, ...rulesDocsFolder.split('/')).toString()}/`,
      l10nBundle: vscode.l10n.uri?.toString(),
    };
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'dockerfile' }],
    outputChannel: log,
    initializationOptions,
  };
  return new LanguageClient('berth.dockerfile', serverName, serverOptions, clientOptions);
}

/** Tells the server which images the engine has now (replaces the previous list). */
export function sendLocalImages(client: LanguageClient, params: LocalImagesParams): Promise<void> {
  return client.sendNotification(localImagesNotification, params);
}

/** Tells the server the lint settings changed. */
export function sendLintSettings(client: LanguageClient, params: LintSettingsParams): Promise<void> {
  return client.sendNotification(lintSettingsNotification, params);
}

/** Starts the client; returns it so tests and commands can reach it. Failures are logged, not thrown. */
export function startLanguageClient(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel, inputs?: () => LanguageClientInputs): LanguageClient {
  const client = createLanguageClient(extension, log, inputs);
  extension.subscriptions.push({ dispose: () => void client.stop() });
  client.start().catch((error: unknown) => log.error(vscode.l10n.t('The Dockerfile language server did not start: {0}', String(error))));
  return client;
}

export interface ComposeClientInputs {
  localImages: LocalImagesParams;
  /** What Red Hat's YAML extension already does for compose files (see yamlOverlap.ts). */
  yamlOverlap: YamlOverlap;
}

/**
 * Starts the compose language server (dist/composeServer.js, a process of its own). `inputs`
 * is read at each (re)start: a change of what the YAML extension covers restarts the server,
 * so the capabilities it announces follow.
 */
export function startComposeClient(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel, inputs: () => ComposeClientInputs): LanguageClient {
  const module = extension.asAbsolutePath('dist/composeServer.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6020'] } },
  };
  const initializationOptions = (): ComposeServerInitOptions => {
    const { localImages, yamlOverlap } = inputs();
    return { localImages: localImages.images, yamlOverlap, l10nBundle: vscode.l10n.uri?.toString() };
  };
  const client = new LanguageClient('berth.compose', composeServerName, serverOptions, {
    documentSelector: [{ language: 'dockercompose' }],
    outputChannel: log,
    initializationOptions,
  });
  extension.subscriptions.push({ dispose: () => void client.stop() });
  client.start().catch((error: unknown) => log.error(vscode.l10n.t('The compose language server did not start: {0}', String(error))));
  return client;
}
