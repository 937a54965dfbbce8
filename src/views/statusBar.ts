/**
 * The status bar item naming the engine Berth talks to (its Docker context, or its
 * endpoint), and the switcher behind it: the Docker contexts on disk, the default
 * resolution, or an endpoint typed in. Choosing a context is Berth's own (berth.context,
 * berth.host cleared): the docker CLI's current context in config.json stays as it is
 * unless the person asks to switch the CLI too.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { readConfig, writeConfig } from '../config';
import type { BerthContext } from '../context';
import { type Endpoint, validateEndpointUrl } from '../engine/endpoint';
import { type EngineIdentity, engineIdentityLabel } from '../engine/podman';
import { listContexts, systemFiles, useContext } from '../engine/contexts';
import { describeError } from '../errorText';
import type { ResourceStores } from '../state/resources';
import type { Prompter } from '../ui/prompt';

export const switchCommand = 'berth.context.switch';

/** "context desktop-linux", or the endpoint URL; pure, for the unit tests. */
export function engineLabel(endpoint: Pick<Endpoint, 'url' | 'context'>): string {
  if (endpoint.context) return endpoint.context;
  return endpoint.url.replace(/^unix:\/\//, '') || vscode.l10n.t('no engine');
}

/** "podman.sock · Podman 4.3.1" once the engine said which one it is; pure, for the unit tests. */
export function engineStatusText(endpoint: Pick<Endpoint, 'url' | 'context'>, identity: EngineIdentity | undefined): string {
  return identity ? `${engineLabel(endpoint)} · ${engineIdentityLabel(identity)}` : engineLabel(endpoint);
}

/** The status bar item (`text` is what the host tests read) and what to dispose with it. */
export function registerStatusBar(ctx: BerthContext, stores: ResourceStores<unknown>): { item: vscode.StatusBarItem; disposables: vscode.Disposable[] } {
  const item = vscode.window.createStatusBarItem('berth.engine', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Berth engine');
  item.command = switchCommand;
  let failure: unknown;
  // Which engine answers (Docker or Podman): asked once the engine is reachable, for this engine only.
  let identity: { engine: unknown; value: EngineIdentity } | undefined;
  const render = (): void => {
    const endpoint = ctx.engine.endpoint;
    const known = identity?.engine === ctx.engine ? identity.value : undefined;
    item.text = `${failure ? '$(debug-disconnect)' : '$(server-environment)'} ${engineStatusText(endpoint, failure ? undefined : known)}`;
    const address = `\`${endpoint.url || endpoint.context}\``;
    const talksTo = known ? vscode.l10n.t('Berth talks to {0} at {1} ({2}).', engineIdentityLabel(known), address, endpoint.why) : vscode.l10n.t('Berth talks to {0} ({1}).', address, endpoint.why);
    item.tooltip = new vscode.MarkdownString(
      [talksTo, failure ? vscode.l10n.t('**Unreachable:** {0}', describeError(failure)) : '', vscode.l10n.t('Click to switch engines.')].filter(Boolean).join('\n\n'),
    );
    item.backgroundColor = failure ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  render();
  item.show();
  const showState = (): void => {
    const state = stores.containers.current;
    failure = state.kind === 'error' ? state.error : undefined;
    const engine = ctx.engine;
    if (!failure && identity?.engine !== engine) {
      void engine.system.identity().then((value) => {
        identity = { engine, value };
        render();
      }, () => undefined);
    }
    render();
  };
  return { item, disposables: [item, ctx.onDidChangeEngine(render), stores.containers.onDidChange(showState)] };
}

interface Choice {
  kind: 'context' | 'endpoint';
  name?: string;
}

/** The switcher: lists the Docker contexts and switches to the chosen one. Returns the new endpoint URL. */
export async function switchEngine(ctx: BerthContext, prompt: Prompter): Promise<string | undefined> {
  const contexts = listContexts(process.env, os.homedir(), systemFiles());
  const current = ctx.engine.endpoint;
  const berthContext = ctx.config.host ? undefined : ctx.config.context || contexts.find((c) => c.current)?.name;
  const choice = await prompt.pick<Choice>([
    ...contexts.map((c) => ({
      label: c.name,
      description: `${c.url}${c.tls ? ' (TLS)' : ''}${c.name === berthContext ? ` · ${vscode.l10n.t('current')}` : ''}${c.current ? ' · docker CLI' : ''}`,
      detail: c.description || undefined,
      value: { kind: 'context' as const, name: c.name },
    })),
    { label: vscode.l10n.t('Enter an endpoint…'), description: vscode.l10n.t('unix://, tcp:// or ssh:// (the berth.host setting)'), value: { kind: 'endpoint' } },
  ], { title: vscode.l10n.t('Switch engine (now {0})', engineLabel(current)) });
  if (!choice) return undefined;
  if (choice.kind === 'endpoint') {
    const url = await prompt.input({
      title: vscode.l10n.t('Engine endpoint'),
      placeholder: vscode.l10n.t('unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host'),
      value: ctx.config.host,
      validate: validateEndpointUrl,
    });
    if (!url) return undefined;
    await writeConfig('host', url.trim());
  } else {
    // Berth's own choice; berth.host would override it, so it is cleared.
    const name = choice.name!;
    await writeConfig('context', name);
    await writeConfig('host', '');
    const cli = contexts.find((c) => c.current)?.name ?? 'default';
    if (cli !== name) void offerCliSwitch(ctx, name, cli);
  }
  // berth.host may not have changed (it was already empty): resolve again either way.
  ctx.updateConfig(readConfig());
  return ctx.engine.endpoint.url;
}

/** Only when asked: `docker context use NAME` as well, which the CLI and every other tool then follow. */
async function offerCliSwitch(ctx: BerthContext, name: string, cli: string): Promise<void> {
  const action = vscode.l10n.t('Switch the docker CLI too');
  const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Berth now uses the Docker context "{0}". The docker CLI still uses "{1}".', name, cli), action);
  if (answer !== action) return;
  try {
    await useContext(name);
    ctx.log.info(vscode.l10n.t('The docker CLI\'s current context is now "{0}" (currentContext in config.json), as asked.', name));
  } catch (error) {
    void vscode.window.showErrorMessage(describeError(error));
  }
}
