/**
 * The top level of the Containers, Images, Networks and Volumes trees when more than one
 * engine is shown: one group per engine, as pure data and item specs. A group whose
 * engine does not answer says so itself (its icon, its description, a row with the
 * engine layer's sentence, Retry and Show Log), so the other groups keep their rows.
 */
import * as l10n from '@vscode/l10n';
import { describeError } from '../errorText';
import type { EngineSession } from '../state/sessions';
import type { StoreState } from '../state/store';
import type { ActionNode } from './problem';
import type { ItemSpec } from './spec';
import { mdText } from './markdown';
import { countText, type CountedNoun } from './format';

export interface EngineNode {
  kind: 'engine';
  /** The view the group is in (group ids are per view). */
  view: string;
  session: EngineSession;
}

export function engineGroupItem(node: EngineNode, state: StoreState<unknown>, count: (items: unknown[]) => string): ItemSpec {
  const { session } = node;
  const role = session.primary ? l10n.t('current engine') : l10n.t('pinned');
  const url = session.engine.endpoint.url || session.label;
  if (state.kind === 'error') {
    return {
      id: `${node.view}:engine:${session.key}`,
      label: session.label,
      description: `${role} · ${l10n.t('not answering')}`,
      tooltip: l10n.t('{0} ({1}) does not answer: {2}', `**${mdText(session.label)}**`, mdText(url), mdText(describeError(state.error))),
      contextValue: `engineGroup.${session.primary ? 'primary' : 'pinned'}.unreachable`,
      icon: { id: 'debug-disconnect', color: 'errorForeground' },
      collapsible: 'expanded',
    };
  }
  return {
    id: `${node.view}:engine:${session.key}`,
    label: session.label,
    description: state.kind === 'ready' ? `${role} · ${count(state.items)}` : `${role} · ${l10n.t('loading…')}`,
    tooltip: `**${mdText(session.label)}** (${mdText(url)}), ${role}`,
    contextValue: `engineGroup.${session.primary ? 'primary' : 'pinned'}`,
    icon: { id: 'server-environment', color: session.primary ? 'testing.iconPassed' : undefined },
    collapsible: 'expanded',
  };
}

/** What an unreachable group holds: the sentence saying what failed, and the actions. */
export function engineProblemRows(view: string, error: unknown): ActionNode[] {
  return [
    { kind: 'action', view, label: describeError(error), icon: 'warning' },
    { kind: 'action', view, label: l10n.t('Retry'), icon: 'refresh', command: 'berth.explorer.refresh' },
    { kind: 'action', view, label: l10n.t('Show Log'), icon: 'output', command: 'berth.log.show' },
  ];
}

/** "3 containers", "1 image": what a group's description counts. */
export function countOf(noun: CountedNoun): (items: unknown[]) => string {
  return (items) => countText(items.length, noun);
}
