/**
 * What a view shows while its engine cannot be reached. VS Code hides welcome content
 * whenever a view has a message, and welcome text cannot carry the failure's details;
 * so the view's message says which endpoint failed, why and how to fix it (the engine
 * layer's sentence), and the tree holds the actions: Retry, Switch Engine, Show Log.
 */
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
  command: string;
}

export function problemActions(view: string): ActionNode[] {
  return [
    { kind: 'action', view, label: 'Retry', icon: 'refresh', command: 'berth.explorer.refresh' },
    { kind: 'action', view, label: 'Switch Engine…', icon: 'server-environment', command: 'berth.context.switch' },
    { kind: 'action', view, label: 'Show Log', icon: 'output', command: 'berth.log.show' },
  ];
}

export function actionItem(node: ActionNode): ItemSpec {
  return {
    id: `${node.view}:action:${node.command}`,
    label: node.label,
    contextValue: 'action',
    icon: { id: node.icon, color: 'textLink.foreground' },
    collapsible: false,
    command: { command: node.command, title: node.label },
  };
}
