/**
 * What a view shows instead of its data. While its engine cannot be reached: VS Code
 * hides welcome content whenever a view has a message, and welcome text cannot carry
 * the failure's details; so the view's message says which endpoint failed, why and how
 * to fix it (the engine layer's sentence), and the tree holds the actions: Retry,
 * Switch Engine, Show Log. While its first list is on its way: one Loading… row (an
 * empty tree would show the "No containers yet" welcome, which is not true yet).
 */
import * as l10n from '@vscode/l10n';
import { describeError } from '../errorText';
import type { StoreState } from '../state/store';
import type { ItemSpec } from './spec';

/** The view's message for a store's state: what failed and how to fix it, or none. */
export function problemMessage(state: StoreState<unknown>): string | undefined {
  return state.kind === 'error' ? describeError(state.error) : undefined;
}

export interface ActionNode {
  kind: 'action';
  view: string;
  label: string;
  icon: string;
  /** What a click runs; a row without one only informs (Loading…). */
  command?: string;
}

export function loadingNode(view: string): ActionNode {
  return { kind: 'action', view, label: l10n.t('Loading…'), icon: 'loading~spin' };
}

/**
 * The rows a view shows in place of its data, or undefined when its data is ready: the
 * actions when its own store failed, Loading… while it or a store it reads is loading.
 */
export function placeholderRoots(view: string, own: StoreState<unknown>, others: readonly StoreState<unknown>[]): ActionNode[] | undefined {
  if (own.kind === 'error') return problemActions(view);
  if (own.kind === 'loading' || others.some((s) => s.kind === 'loading')) return [loadingNode(view)];
  return undefined;
}

export function problemActions(view: string): ActionNode[] {
  return [
    { kind: 'action', view, label: l10n.t('Retry'), icon: 'refresh', command: 'berth.explorer.refresh' },
    { kind: 'action', view, label: l10n.t('Switch Engine…'), icon: 'server-environment', command: 'berth.context.switch' },
    { kind: 'action', view, label: l10n.t('Show Log'), icon: 'output', command: 'berth.log.show' },
  ];
}

export function actionItem(node: ActionNode): ItemSpec {
  if (!node.command) return { id: `${node.view}:notice:${node.label}`, label: node.label, contextValue: 'notice', icon: { id: node.icon }, collapsible: false };
  return {
    id: `${node.view}:action:${node.command}`,
    label: node.label,
    contextValue: 'action',
    icon: { id: node.icon, color: 'textLink.foreground' },
    collapsible: false,
    command: { command: node.command, title: node.label },
  };
}
