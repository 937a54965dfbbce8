/**
 * Which Terminals belong to which activation, with no vscode import: the command table
 * (loaded by plain-Node unit tests) finds the terminals through here at call time.
 */
import type { BerthContext } from '../context';
import type { Terminals } from './index';

const registry = new WeakMap<BerthContext, Terminals>();

export function setTerminals(ctx: BerthContext, terminals: Terminals): void {
  registry.set(ctx, terminals);
}

export function terminalsFor(ctx: BerthContext): Terminals {
  const terminals = registry.get(ctx);
  if (!terminals) throw new Error('Berth terminals are not registered.');
  return terminals;
}
