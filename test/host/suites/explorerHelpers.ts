/**
 * What the explorer's host suites share: the extension's API, the prompt module in
 * strict mode (every question needs a queued answer, none blocks the host), tree
 * walking over the real providers, and commands run the way a menu runs them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import type { ContainerNode } from '../../../src/views/containerTree';
import type { StoreTreeProvider, TreeRow } from '../../../src/views/storeTree';
import { waitFor } from '../../support/wait';

export const extensionId = 'berth.berth';

export async function berthApi(): Promise<BerthApi> {
  const extension = vscode.extensions.getExtension<BerthApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed in this host`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  api.prompts.strict = true;
  return api;
}

/** Every node of a tree, depth first (children of every node, as VS Code would ask on expansion). */
export async function walk<N>(provider: StoreTreeProvider<N>, skip: (node: TreeRow<N>) => boolean = () => false): Promise<(TreeRow<N>)[]> {
  const out: (TreeRow<N>)[] = [];
  const visit = async (node?: TreeRow<N>): Promise<void> => {
    for (const child of await provider.getChildren(node)) {
      out.push(child);
      if (!skip(child)) await visit(child);
    }
  };
  await visit();
  return out;
}

export type ContainerItemNode = Extract<ContainerNode, { kind: 'container' }>;

/** The Containers tree's node for a container name, once the tree shows it (optionally in a given state). */
export async function containerNode(api: BerthApi, name: string, state?: string): Promise<ContainerItemNode> {
  return waitFor(async () => {
    const nodes = await walk(api.views.containers, (n) => n.kind === 'container');
    return nodes.find((n): n is ContainerItemNode => n.kind === 'container' && n.container.name === name && (!state || n.container.state === state));
  }, `container ${name}${state ? ` (${state})` : ''} in the Containers tree`);
}

export async function noContainerNode(api: BerthApi, name: string): Promise<void> {
  await waitFor(async () => {
    const nodes = await walk(api.views.containers, (n) => n.kind === 'container');
    return !nodes.some((n) => n.kind === 'container' && n.container.name === name);
  }, `container ${name} to leave the Containers tree`);
}

/** Runs a command the way a tree menu does: the clicked item and the selection. */
export function run<T = unknown>(command: string, item?: unknown, selected?: unknown[]): Thenable<T> {
  return vscode.commands.executeCommand<T>(command, item, selected ?? (item ? [item] : undefined));
}

/** Answers for the next prompts; after the command ran, every answer must have been used. */
export async function answered<T>(api: BerthApi, answers: (string | string[] | undefined)[], work: () => Thenable<T> | Promise<T>): Promise<T> {
  api.prompts.answer(...answers);
  const result = await work();
  assert.equal(api.prompts.pending(), 0, 'every queued answer was used');
  return result;
}

export function lastAsked(api: BerthApi) {
  const asked = api.prompts.asked;
  return asked[asked.length - 1];
}
