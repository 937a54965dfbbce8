/**
 * activate() only wires: one context, then views, commands and the language client.
 * It returns a small API that the host-tier tests use to read the real providers.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { onConfigChange } from './config';
import { rememberConsentIn } from './config/workspaceConsent';
import { BerthContext } from './context';
import { FilesApi, registerFiles } from './files';
import { registerLanguage } from './language';
import { registerRegistries, Registries } from './registries';
import { registerTasks, Tasks } from './tasks';
import { registerTerminals, Terminals } from './terminals';
import { ActivationTimings } from './timings';
import { registerWorkspaceGuard } from './workspaceGuard';
import { Prompter, prompts } from './ui/prompt';
import { registerViews, Views } from './views';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface BerthApi {
  context: BerthContext;
  views: Views;
  languageClient: LanguageClient;
  /** Tests pre-answer quick picks and input boxes through this. */
  prompts: Prompter;
  tasks: Tasks;
  registries: Registries;
  /** Open Berth terminals and their output, for the host-tier tests. */
  terminals: Terminals;
  /** The container file system and its dialogs, for the host-tier tests. */
  files: FilesApi;
  /** When activation started and ended and when the Containers view first showed something (benchmarks read it). */
  timings: ActivationTimings;
}

export function activate(extension: vscode.ExtensionContext): BerthApi {
  const timings = new ActivationTimings();
  const log = vscode.window.createOutputChannel('Berth', { log: true });
  extension.subscriptions.push(log);
  try {
    // Before the first settings are read: a workspace's engine or shell is used only once allowed.
    rememberConsentIn(extension.workspaceState);
    const ctx = new BerthContext(extension, log);
    extension.subscriptions.push(ctx, onConfigChange((config) => ctx.updateConfig(config)));
    log.info(`Berth ${extension.extension.packageJSON.version} on VS Code ${vscode.version}; engine ${ctx.engine.endpoint.url} (${ctx.engine.endpoint.why}).`);
    // Files first: the Containers tree shows its Files and Changes nodes.
    const files = registerFiles(ctx);
    const views = registerViews(ctx, files.tree, timings);
    const registries = registerRegistries(ctx);
    const tasks = registerTasks(ctx);
    const terminals = registerTerminals(ctx);
    extension.subscriptions.push(...registerCommands({ ctx, views }));
    extension.subscriptions.push(...registerWorkspaceGuard(ctx, views.prompt));
    const languageClient = registerLanguage(ctx, views);
    extension.subscriptions.push(logActivationTime(timings, log));
    timings.mark('activateEnd');
    return { context: ctx, views, languageClient, prompts, tasks, registries, terminals, files, timings };
  } catch (error) {
    log.error(`Berth failed to activate: ${String(error)}`);
    void vscode.window.showErrorMessage(`Berth failed to activate: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

/** One line once the Containers view first shows containers or its unreachable message: how long that took. */
function logActivationTime(timings: ActivationTimings, log: vscode.LogOutputChannel): vscode.Disposable {
  const listener = timings.onMark((mark) => {
    if (mark !== 'containersShown' && mark !== 'containersMessage') return;
    log.info(timings.describe());
    listener.dispose();
  });
  return listener;
}

export function deactivate(): void {
  // Everything is on context.subscriptions.
}
