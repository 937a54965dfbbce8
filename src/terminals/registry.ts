/**
 * Which Terminals belong to which activation, with no vscode import: the command table
 * (loaded by plain-Node unit tests) finds the terminals through here at call time.
 */
import { activationSlot } from '../activationSlot';
import type { BerthContext } from '../context';
import type { Terminals } from './index';

const slot = activationSlot<Terminals>('Berth terminals are not registered.');
export const setTerminals: (ctx: BerthContext, terminals: Terminals) => void = slot.set;
export const terminalsFor: (ctx: BerthContext) => Terminals = slot.get;
