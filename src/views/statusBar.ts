/**
 * The status bar item naming the engine Berth talks to (its Docker context, or its
 * endpoint), and the switcher behind it: the Docker contexts on disk, the default
 * resolution, or an endpoint typed in. Choosing a context does what
 * `docker context use` does (currentContext in config.json) and clears berth.host.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readConfig, writeConfig } from '../config';
import type { BerthContext } from '../context';
import type { Endpoint } from '../engine/endpoint';
import { dockerConfigDir, readContext } from '../engine/endpoint';
import { describeError } from '../errorText';
import type { ResourceStores } from '../state/resources';
import type { Prompter } from './prompt';

export const switchCommand = 'berth.context.switch';

/** "context desktop-linux", or the endpoint URL; pure, for the unit tests. */
export function engineLabel(endpoint: Pick<Endpoint, 'url' | 'context'>): string {
  if (endpoint.context) return endpoint.context;
  return endpoint.url.replace(/^unix:\/\//, '') || 'no engine';
}

export function registerStatusBar(ctx: BerthContext, stores: ResourceStores<unknown>): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem('berth.engine', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Berth engine';
  item.command = switchCommand;
  let failure: unknown;
  const render = (): void => {
    const endpoint = ctx.engine.endpoint;
    item.text = `${failure ? '$(debug-disconnect)' : '$(server-environment)'} ${engineLabel(endpoint)}`;
    item.tooltip = new vscode.MarkdownString(
      `Berth talks to \`${endpoint.url || endpoint.context}\` (${endpoint.why}).${failure ? `\n\n**Unreachable:** ${describeError(failure)}` : ''}\n\nClick to switch engines.`,
    );
    item.backgroundColor = failure ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  render();
  item.show();
  const showState = (): void => {
    const state = stores.containers.current;
    failure = state.kind === 'error' ? state.error : undefined;
    render();
  };
  return [item, ctx.onDidChangeEngine(render), stores.containers.onDidChange(showState)];
}

interface Choice {
  kind: 'default' | 'context' | 'endpoint';
  name?: string;
}

async function listContexts(configDir: string): Promise<{ name: string; description: string; url: string }[]> {
  const metaDir = path.join(configDir, 'contexts', 'meta');
  const dirs = await fs.readdir(metaDir).catch(() => [] as string[]);
  const texts = await Promise.all(dirs.map((d) => fs.readFile(path.join(metaDir, d, 'meta.json'), 'utf8').catch(() => undefined)));
  const names = texts.flatMap((t) => {
    try {
      return t ? [String((JSON.parse(t) as { Name?: string }).Name ?? '')].filter(Boolean) : [];
    } catch {
      return [];
    }
  });
  // readContext is the engine layer's parser; hand it the files already read.
  const byPath = new Map(dirs.map((d, i) => [path.join(metaDir, d, 'meta.json'), texts[i]]));
  return names.flatMap((name) => {
    const context = readContext(name, configDir, (p) => byPath.get(p), () => false);
    return context ? [{ name: context.name, description: context.description, url: context.url }] : [];
  }).sort((a, b) => a.name.localeCompare(b.name));
}

/** The switcher: lists the Docker contexts and switches to the chosen one. Returns the new endpoint URL. */
export async function switchEngine(ctx: BerthContext, prompt: Prompter): Promise<string | undefined> {
  const configDir = dockerConfigDir(process.env, os.homedir());
  const contexts = await listContexts(configDir);
  const current = ctx.engine.endpoint;
  const choice = await prompt.pick<Choice>([
    { label: 'Default', description: 'berth.host empty: DOCKER_HOST, then the current Docker context, then the default sockets', value: { kind: 'default' } },
    ...contexts.map((c) => ({ label: c.name, description: c.url, detail: c.description || undefined, picked: current.context === c.name, value: { kind: 'context' as const, name: c.name } })),
    { label: 'Enter an endpoint…', description: 'unix://, tcp:// or ssh://', value: { kind: 'endpoint' } },
  ], { title: `Switch engine (now ${engineLabel(current)})` });
  if (!choice) return undefined;
  if (choice.kind === 'endpoint') {
    const url = await prompt.input({
      title: 'Engine endpoint',
      placeHolder: 'unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host',
      value: ctx.config.host,
      validate: (text) => (/^(unix|tcp|ssh|npipe):\/\/\S+$/.test(text.trim()) ? undefined : 'Enter a URL starting with unix://, tcp://, ssh:// or npipe://.'),
    });
    if (!url) return undefined;
    await writeConfig('host', url.trim());
  } else {
    if (choice.kind === 'context') {
      const file = path.join(configDir, 'config.json');
      const config = JSON.parse(await fs.readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
      config.currentContext = choice.name;
      await fs.writeFile(file, `${JSON.stringify(config, null, '\t')}\n`);
    }
    await writeConfig('host', '');
  }
  // berth.host may not have changed (it was already empty): resolve again either way.
  ctx.updateConfig(readConfig());
  return ctx.engine.endpoint.url;
}
