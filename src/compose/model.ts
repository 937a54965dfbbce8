/**
 * What Berth needs from a compose file, read with the `yaml` parser: the services with the
 * line each is defined on (for code lenses), their profiles and dependencies, the
 * top-level name, and the parser's errors with their positions (shown as diagnostics; up
 * is not attempted while there are any). Compose semantics (merging, interpolation,
 * validation) stay the tool's: this is only enough to show and start a project.
 * Built as its own bundle (dist/composeModel.js, see load.ts): the extension requires it
 * only when it first reads a compose file.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import { notAComposeMap } from './definitions';
import type { ComposeModel, ComposeProblem, Position } from './definitions';

export type { ComposeModel, ComposeProblem, Position, ServiceDefinition } from './definitions';

function positionOf(counter: LineCounter, offset: number): Position {
  const { line, col } = counter.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

function strings(node: unknown): string[] {
  if (isSeq(node)) return node.items.filter(isScalar).map((s) => String(s.value));
  if (isScalar(node)) return [String(node.value)];
  return [];
}

/** depends_on is a list of names or a map of name → condition. */
function dependencies(node: unknown): string[] {
  if (isMap(node)) return node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '')).filter(Boolean);
  return strings(node);
}

function keyOffset(key: unknown): number | undefined {
  return (key as YamlNode | undefined)?.range?.[0];
}

export function parseCompose(text: string): ComposeModel {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const problems: ComposeProblem[] = document.errors.map((error) => ({
    start: positionOf(counter, error.pos[0]),
    end: positionOf(counter, Math.max(error.pos[1], error.pos[0])),
    message: error.message.split('\n')[0],
  }));
  const model: ComposeModel = { services: [], problems };
  const root = document.contents;
  if (!isMap(root)) {
    if (problems.length === 0 && root !== null) problems.push({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, message: notAComposeMap });
    return model;
  }
  const name = root.get('name');
  if (typeof name === 'string') model.name = name;
  const servicesPair = root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'services');
  if (!servicesPair) return model;
  const servicesKey = keyOffset(servicesPair.key);
  if (servicesKey !== undefined) model.servicesPosition = positionOf(counter, servicesKey);
  if (!isMap(servicesPair.value)) return model;
  for (const pair of (servicesPair.value as YAMLMap).items) {
    if (!isScalar(pair.key)) continue;
    const service = pair.value;
    model.services.push({
      name: String(pair.key.value),
      position: positionOf(counter, keyOffset(pair.key) ?? 0),
      profiles: isMap(service) ? strings(service.get('profiles', true)) : [],
      dependsOn: isMap(service) ? dependencies(service.get('depends_on', true)) : [],
    });
  }
  return model;
}

export { mergeModels, profilesOf } from './definitions';
