/** Starts the Dockerfile language server (dist/server.js) with vscode-languageclient. */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { serverName } from './protocol';

export function createLanguageClient(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = extension.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'dockerfile' }],
    outputChannel: log,
  };
  return new LanguageClient('berth.dockerfile', serverName, serverOptions, clientOptions);
}

/** Starts the client; returns it so tests and commands can reach it. Failures are logged, not thrown. */
export function registerLanguage(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const client = createLanguageClient(extension, log);
  extension.subscriptions.push({ dispose: () => void client.stop() });
  client.start().catch((error: unknown) => log.error(`The Dockerfile language server did not start: ${String(error)}`));
  return client;
}
