/**
 * Checks a parsed compose file against the specification's schema, node by node, so each
 * problem lands on the key or value it is about with one sentence. Written for the
 * keywords the schema uses (schemaTypes.ts), not as a general JSON Schema validator.
 *
 * Compose interpolates `${VAR}` before it validates, so a string holding `$` stands for
 * whatever scalar the schema wants; `!reset` values are accepted as they are.
 */
import * as l10n from '@vscode/l10n';
import { isAlias, isMap, isScalar, isSeq, type ParsedNode, type YAMLMap } from 'yaml';
import { alternatives, composeSchema, patternOf, propertyNames, resolveRef, typesOf, type JsonSchema } from './schema';
import { keyText, nodeRange, type ComposeModel } from './model';

export interface Problem {
  range: [number, number];
  message: string;
}

type Kind = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

function kindWord(kind: string): string {
  switch (kind) {
    case 'object': return l10n.t('a mapping');
    case 'array': return l10n.t('a list');
    case 'string': return l10n.t('a string');
    case 'number': return l10n.t('a number');
    case 'integer': return l10n.t('a whole number');
    case 'boolean': return l10n.t('true or false');
    case 'null': return l10n.t('an empty value');
    default: return kind;
  }
}

function kindOf(node: unknown): Kind {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'boolean') return 'boolean';
    if (typeof value === 'number' || typeof value === 'bigint') return Number.isInteger(Number(value)) ? 'integer' : 'number';
    return 'string';
  }
  return 'null';
}

function accepts(types: string[], node: unknown, kind: Kind): boolean {
  if (types.length === 0) return true;
  if (types.includes(kind)) return true;
  if (kind === 'integer' && types.includes('number')) return true;
  // Interpolated later by compose: "${PORT:-80}" may become any scalar.
  if (kind === 'string' && isScalar(node) && String(node.value).includes('$')) return !types.includes('object') || types.some((t) => t !== 'object' && t !== 'array');
  return false;
}

function describeTypes(types: string[]): string {
  const words = [...new Set(types.map(kindWord))];
  return words.length <= 1 ? words.join('') : l10n.t('{0} or {1}', words.slice(0, -1).join(', '), words[words.length - 1]);
}

export function validateSchema(model: ComposeModel): Problem[] {
  const problems: Problem[] = [];
  const contents = model.doc.contents;
  if (contents === null) return problems;
  check(contents, composeSchema, problems, 0);
  return problems;
}

function check(node: unknown, schema: JsonSchema, out: Problem[], depth: number): void {
  if (depth > 64 || isAlias(node)) return; // aliases are checked where their anchor is
  const range = nodeRange(node);
  if (!range) return;
  if ((node as { tag?: string }).tag === '!reset') return;
  const resolved = resolveRef(schema);
  const branches = resolved.oneOf ?? resolved.anyOf;
  if (branches) {
    checkAlternatives(node, branches, out, depth, range);
    return;
  }
  const kind = kindOf(node);
  const types = typesOf(resolved);
  if (!accepts(types, node, kind)) {
    // An empty value under a mapping key is someone typing, not a mistake worth a squiggle yet.
    if (kind === 'null' && types.includes('object')) return;
    out.push({ range, message: l10n.t('Expected {0}, found {1}.', describeTypes(types), kindWord(kind)) });
    return;
  }
  if (resolved.enum && isScalar(node) && !String(node.value).includes('$') && !resolved.enum.map(String).includes(String(node.value))) {
    out.push({ range, message: l10n.t('Expected one of {0}.', resolved.enum.map((value) => JSON.stringify(value)).join(', ')) });
  }
  if (isScalar(node) && typeof node.value === 'number') {
    if (resolved.minimum !== undefined && node.value < resolved.minimum) out.push({ range, message: l10n.t('Expected at least {0}.', resolved.minimum) });
    if (resolved.maximum !== undefined && node.value > resolved.maximum) out.push({ range, message: l10n.t('Expected at most {0}.', resolved.maximum) });
  }
  if (isMap(node)) checkMap(node as YAMLMap<ParsedNode, ParsedNode | null>, resolved, out, depth);
  else if (isSeq(node)) {
    const seen = new Map<string, true>();
    for (const item of node.items) {
      if (resolved.items) check(item, resolved.items, out, depth + 1);
      if (resolved.uniqueItems && isScalar(item)) {
        const value = String(item.value);
        const itemRange = nodeRange(item);
        if (seen.has(value) && itemRange) out.push({ range: itemRange, message: l10n.t('"{0}" is listed twice.', value) });
        seen.set(value, true);
      }
    }
  }
}

function checkAlternatives(node: unknown, branches: JsonSchema[], out: Problem[], depth: number, range: [number, number]): void {
  const kind = kindOf(node);
  const fitting: Problem[][] = [];
  const types: string[] = [];
  for (const branch of branches.flatMap(alternatives)) {
    const branchTypes = typesOf(branch);
    types.push(...(branchTypes.length ? branchTypes : ['object']));
    if (branchTypes.length && !accepts(branchTypes, node, kind)) continue;
    const problems: Problem[] = [];
    check(node, branch, problems, depth + 1);
    if (problems.length === 0) return;
    fitting.push(problems);
  }
  if (fitting.length === 0) {
    if (kind === 'null' && types.includes('object')) return;
    out.push({ range, message: l10n.t('Expected {0}, found {1}.', describeTypes(types), kindWord(kind)) });
    return;
  }
  fitting.sort((a, b) => a.length - b.length);
  out.push(...fitting[0]);
}

function checkMap(map: YAMLMap<ParsedNode, ParsedNode | null>, schema: JsonSchema, out: Problem[], depth: number): void {
  const present = new Set<string>();
  let merged = false;
  for (const pair of map.items) {
    const key = keyText(pair);
    if (key === undefined) continue;
    if (key === '<<') {
      merged = true;
      continue;
    }
    present.add(key);
    const property = schema.properties?.[key] ?? Object.entries(schema.patternProperties ?? {}).find(([source]) => patternOf(source).test(key))?.[1]
      ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (!property) {
      if (schema.additionalProperties === false) {
        const keyRange = nodeRange(pair.key);
        if (keyRange) out.push({ range: keyRange, message: unknownKeyMessage(key, schema) });
      }
      continue;
    }
    if (pair.value !== null) check(pair.value, property, out, depth + 1);
  }
  if (merged) return; // keys may come from the merged mapping
  for (const required of schema.required ?? []) {
    if (present.has(required)) continue;
    const range = nodeRange(map);
    if (range) out.push({ range: [range[0], Math.min(range[1], range[0] + 1)], message: l10n.t('Missing the required key "{0}".', required) });
  }
}

function unknownKeyMessage(key: string, schema: JsonSchema): string {
  const names = [...propertyNames([schema]).keys()];
  const close = names.find((name) => editDistance(name, key) <= Math.max(1, Math.floor(key.length / 4)));
  if (close) return l10n.t('"{0}" is not allowed here: did you mean "{1}"?', key, close);
  const patterns = Object.keys(schema.patternProperties ?? {}).filter((source) => source !== '^x-');
  if (patterns.length > 0 && names.length === 0) return l10n.t('"{0}" is not a valid name here: use letters, digits, ".", "_" and "-".', key);
  return l10n.t('"{0}" is not allowed here.', key);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

