/**
 * One parse of a compose file per version, shared by every feature: the `yaml` library's
 * document (nodes keep their source offsets), a line counter for positions, and an index
 * of what the file declares (services, networks, volumes, secrets, configs) with where.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';

export const topLevelKinds = ['services', 'networks', 'volumes', 'secrets', 'configs'] as const;
export type TopLevelKind = (typeof topLevelKinds)[number];

export interface Declared {
  name: string;
  /** Offsets of the key that declares it. */
  keyRange: [number, number];
  /** The value node (a mapping, or null for `db:`). */
  value: Node | null;
  pair: Pair<ParsedNode, ParsedNode | null>;
}

export interface ComposeModel {
  uri: string;
  version: number;
  text: string;
  lines: LineCounter;
  doc: Document.Parsed;
  /** Declarations per top-level kind, in file order. */
  declared: Record<TopLevelKind, Declared[]>;
}

/**
 * Tags compose itself defines (`!reset` drops an inherited value, `!override` replaces it
 * instead of merging): known to the parser, so they are neither "unresolved" warnings nor
 * rewritten by the formatter (an unknown tag's `null` would print as `"null"`).
 */
export const composeTags = ['!reset', '!override'];
const customTags = composeTags.flatMap((tag) => [
  { tag, resolve: (source: string) => (source === '' || source === 'null' || source === '~' ? null : source) },
  { tag, collection: 'map' as const, resolve: (map: unknown) => map },
  { tag, collection: 'seq' as const, resolve: (seq: unknown) => seq },
]);

/** How every compose text is parsed: a whole file here, one service of it in incremental.ts. */
export const composeParseOptions = { merge: true, uniqueKeys: true, prettyErrors: false, strict: false, customTags: customTags as never };

export function parseCompose(uri: string, version: number, text: string): ComposeModel {
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...composeParseOptions, lineCounter: lines });
  return { uri, version, text, lines, doc, declared: indexDeclared(doc) };
}

/** What the file declares at its top level (services, networks…), in file order. */
export function indexDeclared(doc: Document.Parsed): Record<TopLevelKind, Declared[]> {
  const declared = Object.fromEntries(topLevelKinds.map((kind) => [kind, [] as Declared[]])) as Record<TopLevelKind, Declared[]>;
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const kind = keyText(pair) as TopLevelKind;
      if (!topLevelKinds.includes(kind) || !isMap(pair.value)) continue;
      for (const entry of (pair.value as YAMLMap<ParsedNode, ParsedNode | null>).items) {
        const name = keyText(entry);
        const range = nodeRange(entry.key);
        if (name === undefined || !range || name === '<<') continue;
        declared[kind].push({ name, keyRange: range, value: entry.value, pair: entry });
      }
    }
  }
  return declared;
}

export function keyText(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (isScalar(key)) {
    // With merge keys on, the parser gives `<<` a symbol as its value.
    if (typeof key.value === 'symbol') return '<<';
    return key.value === null || key.value === undefined ? undefined : String(key.value);
  }
  return typeof key === 'string' ? key : undefined;
}

/** Source offsets [start, end) of a parsed node (its value, without a trailing comment). */
export function nodeRange(node: unknown): [number, number] | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

export function positionAt(model: ComposeModel, offset: number): Position {
  const { line, col } = model.lines.linePos(Math.max(0, Math.min(offset, model.text.length)));
  return { line: line - 1, character: col - 1 };
}

export function rangeOf(model: ComposeModel, range: [number, number]): Range {
  return { start: positionAt(model, range[0]), end: positionAt(model, range[1]) };
}

export function offsetAt(model: ComposeModel, position: Position): number {
  const starts = model.lines.lineStarts;
  if (position.line >= starts.length) return model.text.length;
  return Math.min(starts[position.line] + position.character, position.line + 1 < starts.length ? starts[position.line + 1] : model.text.length);
}

/** The mapping under `key` in `map`, or undefined. */
export function child(map: unknown, key: string): unknown {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => keyText(item) === key);
  return pair?.value ?? undefined;
}

export function pairOf(map: unknown, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap<ParsedNode, ParsedNode | null>).items.find((item) => keyText(item) === key);
}

/** A scalar's value as text (numbers too), or undefined for collections and nulls. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/** Each string of a list, or each key of a mapping (`depends_on` and `networks` allow both). */
export function namesIn(node: unknown): Array<{ name: string; node: Node }> {
  if (isSeq(node)) return node.items.flatMap((item) => (scalarText(item) === undefined ? [] : [{ name: scalarText(item)!, node: item as Node }]));
  if (isMap(node)) return node.items.flatMap((item) => (isPair(item) && keyText(item) !== undefined && keyText(item) !== '<<' ? [{ name: keyText(item)!, node: item.key as Node }] : []));
  return [];
}

/** The services mapping's entries, each with its mapping (skipping `svc:` with no body). */
export function services(model: ComposeModel): Array<Declared & { body: YAMLMap | undefined }> {
  return model.declared.services.map((service) => ({ ...service, body: isMap(service.value) ? service.value : undefined }));
}
