/**
 * activate() only wires: one context, the stores, each capability, then one services
 * record that the commands receive. It returns that record (plus the language client
 * and timings) as a small API that the host-tier tests use to read the real providers.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerCompose } from './compose';
import { onConfigChange } from './config';
import { rememberConsentIn } from './config/workspaceConsent';
import { BerthContext } from './context';
import { registerEngines } from './engines';
import { registerFiles } from './files';
import { registerLayers } from './layers';
import { registerLanguage, StartLanguageClient } from './language';
import { registerLogViews } from './logs';
import { registerComposeLanguage } from './language/compose';
import { registerRegistries } from './registries';
import type { Services } from './services';
import { createStores } from './state';
import { registerStats } from './stats';
import { registerTasks } from './tasks';
import { registerTerminals } from './terminals';
import { ActivationTimings } from './timings';
import { Prompter } from './ui/prompt';
import { registerViews } from './views';
import { registerWorkspaceGuard } from './workspaceGuard';

/**
 * The services record (tests pre-answer questions through `prompts`, read open terminals
 * through `terminals`, the container file system and its dialogs through `files`), plus:
 */
export interface BerthApi extends Services {
  /** The Dockerfile language client, started when the first Dockerfile opened; calling it starts it now. */
  languageClient: StartLanguageClient;
  /** The compose language client, started when the first compose file opened; calling it starts it now. */
  composeClient: StartLanguageClient;
  /** When activation started and ended and when the Containers view first showed something (benchmarks read it). */
  timings: ActivationTimings;
}

export function activate(extension: vscode.ExtensionContext): BerthApi {
  const timings = new ActivationTimings();
  // First: code without vscode (the command table, the item functions) words its strings through
  // @vscode/l10n, which reads the display language's bundle VS Code loaded for this extension.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel('Berth', { log: true });
  extension.subscriptions.push(log);
  try {
    // Before the first settings are read: a workspace's engine or shell is used only once allowed.
    rememberConsentIn(extension.workspaceState);
    const ctx = new BerthContext(extension, log);
    extension.subscriptions.push(ctx, onConfigChange((config) => ctx.updateConfig(config)));
    log.info(`Berth ${extension.extension.packageJSON.version} on VS Code ${vscode.version}; engine ${ctx.engine.endpoint.url} (${ctx.engine.endpoint.why}).`);
    const { stores, disposables } = createStores(ctx);
    extension.subscriptions.push(...disposables);
    const prompts = new Prompter();
    // Files before views: the Containers tree shows its Files and Changes nodes.
    const files = registerFiles(ctx, stores.containers);
    const layers = registerLayers(ctx);
    // Before the views: they show one group per engine when more than one is pinned.
    const engines = registerEngines(ctx, stores);
    const views = registerViews(ctx, engines.sessions, prompts, files.tree, layers.tree, timings);
    void stores.refresh();
    const registries = registerRegistries(ctx);
    const services: Services = {
      context: ctx, stores, prompts, views, files, layers, registries, engines,
      tasks: registerTasks(ctx, registries.credentials),
      terminals: registerTerminals(ctx, prompts),
      compose: registerCompose(ctx, stores),
      stats: registerStats(ctx, stores),
      logViews: registerLogViews(ctx),
    };
    extension.subscriptions.push(...registerCommands(services));
    extension.subscriptions.push(...registerWorkspaceGuard(ctx, prompts));
    const languageClient = registerLanguage(ctx, stores);
    const composeClient = registerComposeLanguage(ctx, stores);
    extension.subscriptions.push(logActivationTime(timings, log));
    timings.mark('activateEnd');
    return { ...services, languageClient, composeClient, timings };
  } catch (error) {
    log.error(`Berth failed to activate: ${String(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Berth failed to activate: {0}', error instanceof Error ? error.message : String(error)));
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
