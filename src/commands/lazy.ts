/**
 * Command handlers that need `vscode` live beside their feature and load on first
 * use, so this table (and its unit test) stays free of vscode imports. esbuild
 * bundles the dynamic imports, so nothing is loaded from disk at run time.
 */
import type { CommandDeps, CommandHandler } from './table';

export function lazyTable(ids: readonly string[], deps: CommandDeps, load: () => Promise<(deps: CommandDeps) => Record<string, CommandHandler>>): Record<string, CommandHandler> {
  let handlers: Promise<Record<string, CommandHandler>> | undefined;
  const get = (): Promise<Record<string, CommandHandler>> => (handlers ??= load().then((make) => make(deps)));
  return Object.fromEntries(ids.map((id) => [id, async (item?: unknown, selected?: unknown[]) => {
    const handler = (await get())[id];
    if (!handler) throw new Error(`No handler for ${id}.`);
    return handler(item, selected);
  }]));
}
