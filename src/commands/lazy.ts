/**
 * Command handlers that need `vscode` at run time (the *Handlers.ts files) load on
 * first use, so this table (and its unit test) stays free of vscode imports. esbuild
 * bundles the dynamic imports, so nothing is loaded from disk at run time.
 */
import type { Services } from '../services';
import type { CommandHandler, CommandHandlers, MakeHandlers } from './handler';

export function lazyTable(ids: readonly string[], services: Services, load: () => Promise<MakeHandlers>): CommandHandlers {
  let handlers: Promise<CommandHandlers> | undefined;
  const get = (): Promise<CommandHandlers> => (handlers ??= load().then((make) => make(services)));
  return Object.fromEntries(ids.map((id): [string, CommandHandler] => [id, async (item?: unknown, selected?: unknown[]) => {
    const handler = (await get())[id];
    // l10n-ignore: a programming error, never shown to users
    if (!handler) throw new Error(`No handler for ${id}.`);
    return handler(item, selected);
  }]));
}
