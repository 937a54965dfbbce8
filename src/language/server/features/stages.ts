/**
 * The Dockerfile's build stages as plain records, computed once per parse and shared by
 * symbols, code lenses, inlay hints, completion, references and rules.
 */
import type { Dockerfile, From, Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';

export interface Stage {
  index: number;
  from: From;
  /** As written (`AS Builder` gives "Builder"); undefined for an unnamed stage. */
  name: string | undefined;
  nameRange: Range | undefined;
  /** The FROM instruction and everything after it, up to the next FROM. */
  instructions: Instruction[];
  range: Range;
}

const cache = new WeakMap<Dockerfile, Stage[]>();

export function stagesOf(dockerfile: Dockerfile): Stage[] {
  const cached = cache.get(dockerfile);
  if (cached) return cached;
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      const name = from.getBuildStage() ?? undefined;
      stages.push({ index: stages.length, from, name, nameRange: from.getBuildStageRange() ?? undefined, instructions: [from], range: from.getRange() });
    } else if (stages.length > 0) {
      const stage = stages[stages.length - 1];
      stage.instructions.push(instruction);
      stage.range = { start: stage.range.start, end: instruction.getRange().end };
    }
  }
  cache.set(dockerfile, stages);
  return stages;
}

/** The stage a `--from=` / `from=` value names: a stage name (any case) or an index. */
export function findStage(stages: Stage[], reference: string, before?: number): Stage | undefined {
  const candidates = before === undefined ? stages : stages.slice(0, before);
  if (/^\d+$/.test(reference)) return candidates[Number(reference)];
  const lower = reference.toLowerCase();
  return candidates.find((stage) => stage.name?.toLowerCase() === lower);
}

export function stageAtLine(stages: Stage[], line: number): Stage | undefined {
  let found: Stage | undefined;
  for (const stage of stages) if (stage.range.start.line <= line) found = stage;
  return found;
}
