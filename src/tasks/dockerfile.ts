/**
 * What the build task needs from a Dockerfile, as pure functions: its stages (for
 * the target picker) and which line a classic-builder step ("Step 3/5 : RUN make")
 * came from, so a failing step becomes a diagnostic on that line.
 */
import { DockerfileParser } from 'dockerfile-ast';

/**
 * The files VS Code gives the dockerfile language (its built-in docker extension's list,
 * with the common capitalized suffix), for workspace searches.
 */
export const dockerfileGlob = '**/{Dockerfile,Dockerfile.*,*.dockerfile,*.Dockerfile,Containerfile,Containerfile.*,*.containerfile}';

export interface InstructionLine {
  keyword: string;
  /** Zero-based first and last line of the instruction (continuations included). */
  startLine: number;
  endLine: number;
  /** Arguments with continuations joined, whitespace collapsed. */
  text: string;
}

function collapse(text: string): string {
  return text.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
}

export function instructions(dockerfileText: string): InstructionLine[] {
  return DockerfileParser.parse(dockerfileText).getInstructions().map((i) => ({
    keyword: i.getKeyword().toUpperCase(),
    startLine: i.getRange().start.line,
    endLine: i.getRange().end.line,
    text: collapse(`${i.getKeyword().toUpperCase()} ${i.getRawArgumentsContent() ?? ''}`),
  }));
}

/** Named stages in order (unnamed stages cannot be targeted). */
export function stages(dockerfileText: string): string[] {
  return DockerfileParser.parse(dockerfileText).getFROMs().flatMap((from) => {
    const name = from.getBuildStage();
    return name ? [name] : [];
  });
}

/**
 * The instruction a step ran. The classic builder numbers every instruction from the
 * top (ARGs before the first FROM included), so step N is the Nth instruction; the
 * echoed text confirms it, and finds the line when the numbering disagrees.
 */
export function lineOfStep(dockerfileText: string, step: { index: number; instruction: string }): InstructionLine | undefined {
  const all = instructions(dockerfileText);
  const said = collapse(step.instruction).toLowerCase();
  const byIndex = all[step.index - 1];
  const same = (i: InstructionLine): boolean => i.text.toLowerCase() === said || i.text.toLowerCase().startsWith(said) || said.startsWith(i.text.toLowerCase());
  if (byIndex && (same(byIndex) || !said)) return byIndex;
  return all.find(same) ?? byIndex;
}

/** The default tag for a build: the context folder's name made a valid repository name, with `latest`. */
export function defaultTag(folderName: string): string {
  const repo = folderName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').replace(/[._-]{2,}/g, '-');
  return `${repo || 'image'}:latest`;
}
