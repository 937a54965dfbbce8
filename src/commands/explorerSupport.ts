/**
 * What every explorer action shares: which items it acts on (the selection, the
 * clicked item, or a quick pick from the palette) and how it names them. Command
 * files import nothing from vscode at run time: the UI comes in through services.views
 * (prompt, ui, documents), so the command table loads in plain Node for its tests.
 */
import * as l10n from '@vscode/l10n';
import type { ResourceKind } from '../state/eventRouter';
import type { EngineSession } from '../state/sessions';
import { itemsOf, type Store } from '../state/store';
import type { PickItem, Prompter } from '../ui/prompt';
import type { Services } from '../services';
import { countText as plural, formatSize, type CountedNoun } from '../views/format';

/** Anything a tree hands a command: a node with a `kind`. */
export interface Node {
  kind: string;
}

/**
 * The nodes a menu command acts on: VS Code passes the clicked item and, with
 * multi-select, every selected one (including the clicked one). Nodes of other kinds
 * are ignored, so a mixed selection acts on what it can.
 */
export function selectedNodes<N extends Node>(item: unknown, selected: unknown, kinds: readonly string[]): N[] {
  const isNode = (value: unknown): value is N => typeof value === 'object' && value !== null && kinds.includes((value as Node).kind);
  const list = Array.isArray(selected) && selected.length > 0 ? selected : item !== undefined ? [item] : [];
  return list.filter(isNode);
}

/** The nodes from the tree, or the user's picks among `candidates` when called from the palette. */
export async function targetsOrPick<N extends Node, T>(
  prompt: Prompter,
  item: unknown,
  selected: unknown,
  kinds: readonly string[],
  toTarget: (node: N) => T,
  candidates: () => PickItem<T>[],
  title: string,
): Promise<T[]> {
  const nodes = selectedNodes<N>(item, selected, kinds);
  if (nodes.length > 0) return nodes.map(toTarget);
  const items = candidates();
  if (items.length === 0) throw new Error(l10n.t('{0}: there is nothing to choose from.', title));
  return (await prompt.pickMany(items, { title })) ?? [];
}

export async function pickOne<T>(prompt: Prompter, items: PickItem<T>[], title: string): Promise<T | undefined> {
  if (items.length === 0) throw new Error(l10n.t('{0}: there is nothing to choose from.', title));
  return prompt.pick(items, { title });
}

/** "web", "web and db", "web, db and 3 more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= max) return l10n.t('{0} and {1}', names.slice(0, -1).join(', '), names[names.length - 1]);
  return l10n.t('{0} and {1} more', names.slice(0, max).join(', '), names.length - max);
}

/** "1 container", "3 containers" (src/views/format.ts words them). */
export { countText as plural, type CountedNoun } from '../views/format';

/** What a prune asks, runs and reports; `prune` gets the progress notification's cancel signal. */
export interface PruneSpec<R extends { deleted: string[]; spaceReclaimed: number }> {
  question: string;
  detail: string;
  title: string;
  /** What one deleted entry is called in the report: "container", "image layer", ... */
  noun: CountedNoun;
  prune: (signal: AbortSignal) => Promise<R>;
  /** Refreshes the stores the prune changed. */
  refresh: () => void;
  /** False where the engine reports no space (networks). */
  reportSpace?: boolean;
}

/** Every explorer prune: confirm, run under one cancellable progress, refresh, say what went. */
export async function confirmAndPrune<R extends { deleted: string[]; spaceReclaimed: number }>(services: { prompts: Pick<Services['prompts'], 'confirm'>; views: { ui: Pick<Services['views']['ui'], 'run' | 'info'> } }, spec: PruneSpec<R>): Promise<R | undefined> {
  const { prompts, views } = services;
  if (!(await prompts.confirm(spec.question, spec.detail, l10n.t('Prune')))) return undefined;
  let result: R | undefined;
  await views.ui.run(spec.title, [0], () => 'prune', async (_target, signal) => (result = await spec.prune(signal)));
  spec.refresh();
  const removed = plural(result?.deleted.length ?? 0, spec.noun);
  views.ui.info(spec.reportSpace === false ? l10n.t('Removed {0}.', removed) : l10n.t('Removed {0}, reclaimed {1}.', removed, formatSize(result?.spaceReclaimed ?? 0)));
  return result;
}

/**
 * Runs an action while the stores of every engine it touches hold their events
 * (ResourceStores.during), so each refreshes once at its end. Targets of several engines
 * (a selection across pinned engines' groups) hold each engine's stores.
 */
export function duringOn<T>(sessions: readonly EngineSession[], kinds: ResourceKind[], work: () => Promise<T>): Promise<T> {
  const distinct = [...new Set(sessions)];
  return distinct.reduce<() => Promise<T>>((inner, session) => () => session.stores.during(kinds, inner), work)();
}

/** The engine an action without an item acts on: the only one, or the one the person picks when several are shown. */
export async function engineFor(services: Pick<Services, 'engines' | 'prompts'>, item: unknown, title: string): Promise<EngineSession | undefined> {
  const sessions = services.engines.sessions;
  if (item !== undefined || !sessions.several) return sessions.sessionOf(item);
  return pickOne(services.prompts, sessions.list().map((s) => ({ label: s.label, description: s.primary ? l10n.t('current engine') : l10n.t('pinned'), value: s })), title);
}

/** " · on NAME" when several engines are shown, so a palette pick says which engine each item is on. */
export function engineNote(services: Pick<Services, 'engines'>, record: unknown): string {
  const sessions = services.engines.sessions;
  return sessions.several ? ` · ${l10n.t('on {0}', sessions.sessionOf(record).label)}` : '';
}

/** Every record of one kind across the engines shown (the primary's first). */
export function acrossEngines<T>(services: Pick<Services, 'engines'>, storeOf: (stores: EngineSession['stores']) => Store<T>): T[] {
  return services.engines.sessions.list().flatMap((s) => itemsOf(storeOf(s.stores)));
}

/**
 * For actions that run through Berth's current engine only (Run…, Create…, Run
 * Interactive, Push, Pull Again: tasks and forms built on it): refuses an item of a
 * pinned engine's group in one sentence rather than acting on the wrong engine.
 */
export function currentEngineOnly(services: Pick<Services, 'engines'>, item: unknown, what: string): void {
  const session = services.engines.sessions.sessionOf(item);
  if (!session.primary) throw new Error(l10n.t('{0} works on the current engine only, and this item is on the pinned engine {1}. Use that engine first (Engines view: Use This Engine).', what, session.label));
}
