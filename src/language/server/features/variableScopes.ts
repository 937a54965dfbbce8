/**
 * ARG/ENV names as symbols, with BuildKit's scoping: ARGs before the first FROM are
 * global and visible to FROM lines; inside a stage, `ARG NAME` re-declares (and is bound
 * to) the global one; everything else is local to its stage. dockerfile-language-service
 * misses the global ARG's uses in FROM lines, so rename, references, highlight and
 * definition for variables go through here; stage names stay with the library.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { Instruction, Property } from 'dockerfile-ast';
import type { FeatureDoc } from './types';
import { stagesOf, type Stage } from './stages';
import { variableUses } from '../rules/buildkit/variables';

export interface Occurrence { range: Range; declaration: boolean }

function inside(position: Position, range: Range): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

function properties(instruction: Instruction): Property[] {
  const keyword = instruction.getKeyword();
  return keyword === 'ARG' || keyword === 'ENV' ? (instruction as unknown as { getProperties(): Property[] }).getProperties() : [];
}

/** Occurrences of `name` in some instructions: declarations and `$` uses. */
function occurrencesIn(instructions: Instruction[], name: string, escapeChar: string): Occurrence[] {
  const found: Occurrence[] = [];
  for (const instruction of instructions) {
    for (const property of properties(instruction)) if (property.getName() === name) found.push({ range: property.getNameRange(), declaration: true });
    for (const use of variableUses(instruction, escapeChar)) if (use.name === name) found.push({ range: use.nameRange, declaration: false });
  }
  return found;
}

function redeclares(stage: Stage, name: string): boolean {
  return stage.instructions.some((instruction) => instruction.getKeyword() === 'ARG' && properties(instruction).some((property) => property.getName() === name));
}

/** The variable under the cursor and every occurrence of the same symbol; undefined if none. */
export function variableOccurrences(doc: FeatureDoc, position: Position): { name: string; occurrences: Occurrence[] } | undefined {
  const dockerfile = doc.dockerfile;
  const escapeChar = dockerfile.getEscapeCharacter();
  const stages = stagesOf(dockerfile);
  const initial = dockerfile.getInitialARGs() as unknown as Instruction[];
  const globals = new Set(initial.flatMap((instruction) => properties(instruction).map((property) => property.getName())));
  const containing = dockerfile.getInstructions().find((instruction) => inside(position, instruction.getRange()));
  if (!containing) return undefined;
  let name: string | undefined;
  for (const property of properties(containing)) if (inside(position, property.getNameRange())) name = property.getName();
  for (const use of variableUses(containing, escapeChar)) if (inside(position, use.nameRange)) name = use.name;
  if (!name) return undefined;
  const stage = stages.find((candidate) => candidate.instructions.includes(containing));
  const isGlobal = globals.has(name) && (!stage || containing.getKeyword() === 'FROM' || redeclares(stage, name));
  if (!isGlobal) {
    const body = stage ? stage.instructions.slice(1) : initial;
    return { name, occurrences: occurrencesIn(body, name, escapeChar) };
  }
  const occurrences = occurrencesIn([...initial, ...stages.map((candidate) => candidate.from)], name, escapeChar);
  for (const candidate of stages) {
    if (redeclares(candidate, name)) occurrences.push(...occurrencesIn(candidate.instructions.slice(1), name, escapeChar));
  }
  return { name, occurrences };
}
