/**
 * One dockerfile-ast parse per document version, shared by every feature.
 *
 * dockerfile-language-service and dockerfile-utils take the document's text and call
 * `DockerfileParser.parse` themselves in every feature. We wrap that one function with
 * a small cache keyed by the text, so the library's features, our rules and our own
 * features all reuse the same tree for the same version. The tree is never mutated
 * after parsing (features only read it), which is what makes sharing safe.
 */
import * as ast from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast';

const cacheSize = 8;
const cache = new Map<string, Dockerfile>();
const originalParse = ast.DockerfileParser.parse;
let misses = 0;

function cachedParse(content: string): Dockerfile {
  const hit = cache.get(content);
  if (hit) {
    // Refresh recency: Map keeps insertion order, oldest first.
    cache.delete(content);
    cache.set(content, hit);
    return hit;
  }
  misses++;
  const dockerfile = originalParse(content);
  cache.set(content, dockerfile);
  if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  return dockerfile;
}

// The namespace object is shared by every module that imports dockerfile-ast (one copy
// in node_modules and in the bundle), so replacing the function here reaches the library.
(ast.DockerfileParser as { parse: (content: string) => Dockerfile }).parse = cachedParse;

// dockerfile-ast recomputes an instruction's arguments by rescanning its text on every
// call, and the parser and library features call it many times per instruction (about
// half of a parse's time). The text of a parsed document never changes, so each
// instruction keeps its first answer. Callers get a fresh array (ModifiableInstruction
// shifts its flags off it). FROM's callers get fresh arguments too: the library moves
// the start or end of the image argument's range (From.getImageNameRange,
// getRegistryRange), which on shared objects made `FROM busybox:local` lose its tag.
// Nothing else edits an argument (nor do we), and copying every argument on every call
// was a tenth of a 10,000-line lint. A range's positions are replaced, never edited, so
// they are shared.
type WithRawArguments = { getRawArguments(): Argument[] };
type Argument = InstanceType<typeof ast.Argument>;
const copyArgument = (argument: Argument): Argument => {
  const { start, end } = argument.getRange();
  return new ast.Argument(argument.getValue(), { start, end });
};
const rawArguments = new WeakMap<object, Argument[]>();
const instructionPrototype = (ast.Instruction as unknown as { prototype: WithRawArguments }).prototype;
const originalRawArguments = instructionPrototype.getRawArguments;
instructionPrototype.getRawArguments = function (this: WithRawArguments): Argument[] {
  let cached = rawArguments.get(this);
  if (!cached) {
    cached = originalRawArguments.call(this);
    rawArguments.set(this, cached);
  }
  return this instanceof ast.From ? cached.map(copyArgument) : cached.slice();
};

// The argument text of an instruction, asked for over and over (exec-form checks, the
// library's features): each call rebuilt every argument just to read the first and the
// last one. Strings cannot be edited by their callers, so each instruction keeps its answer.
type WithContent = { getRawArgumentsContent(): string | null; getArgumentsContent(): string | null };
const contentPrototype = instructionPrototype as unknown as WithContent;
for (const method of ['getRawArgumentsContent', 'getArgumentsContent'] as const) {
  const original = contentPrototype[method];
  const answers = new WeakMap<object, string | null>();
  contentPrototype[method] = function (this: WithContent): string | null {
    if (answers.has(this)) return answers.get(this)!;
    const answer = original.call(this);
    answers.set(this, answer);
    return answer;
  };
}

// The parser's last step hands each comment to its stage by testing every comment
// against every stage (comments x stages, half a second on a 10,000-line file with
// many stages). Same result, with a binary search over the stages, which are in order.
type Pos = { line: number; character: number };
type Rng = { start: Pos; end: Pos };
interface Template { getRange(): Rng | null; addComment(comment: unknown): void }
interface Organizable { getComments(): Array<{ getRange(): Rng }>; initialInstructions: Template; buildStages: Template[] }
const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const inside = (position: Pos, range: Rng | null) => range !== null && before(range.start, position) && before(position, range.end);
const dockerfilePrototype = (ast as unknown as { DockerfileParser: unknown }) && (Object.getPrototypeOf(originalParse('')) as { organizeComments(this: Organizable): void });
dockerfilePrototype.organizeComments = function (this: Organizable): void {
  const initialRange = this.initialInstructions.getRange();
  const stages = this.buildStages.map((stage) => ({ stage, range: stage.getRange() }));
  for (const comment of this.getComments()) {
    const range = comment.getRange();
    if (inside(range.end, initialRange)) {
      this.initialInstructions.addComment(comment);
      continue;
    }
    let low = 0;
    let high = stages.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const start = stages[middle].range?.start;
      if (start && before(start, range.start)) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (found >= 0 && inside(range.start, stages[found].range)) stages[found].stage.addComment(comment);
  }
};

export function parseDockerfile(content: string): Dockerfile {
  return cachedParse(content);
}

/** Forgets every parse, so the next one builds a fresh tree (tests compare fresh trees). */
export function forgetParses(): void {
  cache.clear();
}

/** How many real parses ran; tests use it to prove features share one parse. */
export function parseCount(): number {
  return misses;
}
