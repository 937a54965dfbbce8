/**
 * The next version's parse from the previous one, when an edit stays inside one service:
 * only that service's text is parsed again, and its entry replaces the old one in the
 * previous tree, whose later nodes move by the edit's length. A person types inside one
 * service at a time, and a whole parse of a 2,000-line file cost most of an edit's
 * diagnostics time (the YAML library has no incremental parse of its own).
 *
 * Anything out of the ordinary parses the whole file instead (undefined here): a previous
 * version with problems, an edit outside a service's body or in the last service, anchors
 * in the service (others may refer to them), comments between its body and the next
 * service or a change of the blank lines there (they belong to the next service's key in
 * a whole parse), a service text that does not parse on its own as exactly one entry.
 * test/unit/language/compose/incremental.test.ts holds the result to a whole parse's, node
 * by node, over random edits.
 *
 * The previous tree is changed in place: the previous model must not be used afterwards.
 */
import { isMap, isNode, isPair, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import { composeParseOptions, indexDeclared, keyText, type ComposeModel } from './model';

type Range = [number, number, number];

export function reparse(previous: ComposeModel, version: number, text: string): ComposeModel | undefined {
  const old = previous.text;
  const doc = previous.doc;
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isMap(doc.contents)) return undefined;
  const services = doc.contents.items.find((pair) => keyText(pair) === 'services')?.value;
  if (!isMap(services)) return undefined;
  const entries = (services as YAMLMap<ParsedNode, ParsedNode | null>).items;

  // The edit: what differs between the texts once their common start and end are set aside.
  let start = 0;
  const shortest = Math.min(old.length, text.length);
  while (start < shortest && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < shortest - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  const oldEnd = old.length - end;
  const delta = text.length - old.length;

  // The service whose text holds the edit: from its key to the next service's key.
  const index = entries.findIndex((pair, i) => i + 1 < entries.length && keyStart(pair) < start && oldEnd <= keyStart(entries[i + 1]));
  if (index < 0) return undefined;
  const entry = entries[index];
  const segmentStart = keyStart(entry);
  const segmentEnd = keyStart(entries[index + 1]);
  // Its body ends with its last line that is not blank or a comment. What follows, up to the
  // next key, must be whitespace only before and after the edit, with a blank line in both
  // or in neither (the next key's spacing) and the next key's indentation the same.
  const oldSegment = old.slice(segmentStart, segmentEnd);
  const newSegment = text.slice(segmentStart, segmentEnd + delta);
  const oldTail = oldSegment.slice(bodyEnd(oldSegment));
  const newTail = newSegment.slice(bodyEnd(newSegment));
  if (/[^\s]/.test(oldTail) || /[^\s]/.test(newTail) || tailShape(oldTail) !== tailShape(newTail)) return undefined;
  if (oldSegment.includes('&') || newSegment.includes('&')) return undefined;

  // The service alone, at its own column, so every node's indentation reads as before.
  const column = segmentStart - (old.lastIndexOf('\n', segmentStart - 1) + 1);
  if (/[^ ]/.test(old.slice(segmentStart - column, segmentStart))) return undefined;
  const alone = parseDocument(' '.repeat(column) + newSegment, composeParseOptions);
  if (alone.errors.length > 0 || alone.warnings.length > 0 || !isMap(alone.contents) || alone.contents.items.length !== 1) return undefined;
  const replacement = alone.contents.items[0] as Pair<ParsedNode, ParsedNode | null>;
  if (!isPair(replacement) || !replacement.key) return undefined;

  // Checked before anything changes: the nodes that hold the entry (the services mapping,
  // the file's mapping) have no offset inside it, and the entry before it ends at its key.
  const holders: Node[] = [services as Node, doc.contents as Node];
  const before = index > 0 ? entries[index - 1].value : null;
  if ([...holders, ...(before ? [before as Node] : [])].some((node) => rangeOf(node)?.some((offset) => offset > segmentStart && offset < segmentEnd))) return undefined;

  // Everything after the entry moves by the edit's length; the holders' ends too.
  for (const node of holders) shiftRange(node, segmentEnd, delta);
  for (const pair of entries.slice(index + 1)) walkPair(pair, (node) => shiftRange(node, 0, delta));
  const top = (doc.contents as YAMLMap<ParsedNode, ParsedNode | null>).items;
  const servicesAt = top.findIndex((pair) => pair.value === services);
  for (const pair of top.slice(servicesAt + 1)) walkPair(pair, (node) => shiftRange(node, 0, delta));
  shiftRange(doc, segmentEnd, delta);
  walkPair(replacement, (node) => shiftRange(node, 0, segmentStart - column));
  // What stood before the key (a comment, a blank line) is in the text before the service: keep it.
  const oldKey = entry.key as Node & { commentBefore?: string | null; spaceBefore?: boolean };
  const newKey = replacement.key as Node & { commentBefore?: string | null; spaceBefore?: boolean };
  newKey.commentBefore = oldKey.commentBefore;
  newKey.spaceBefore = oldKey.spaceBefore;
  entries[index] = replacement;

  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  return { uri: previous.uri, version, text, lines, doc: doc as Document.Parsed, declared: indexDeclared(doc as Document.Parsed) };
}

/** Every node of an entry: its key and its value, and all below them (faster than the library's visit, which tracks paths). */
function walkPair(pair: Pair<unknown, unknown>, act: (node: Node) => void): void {
  if (pair.key) walk(pair.key, act);
  if (pair.value) walk(pair.value, act);
}

function walk(node: unknown, act: (node: Node) => void): void {
  if (isPair(node)) return walkPair(node, act);
  if (!isNode(node)) return;
  act(node);
  if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item, act);
}

/** A node's or the document's offsets: [start, value end, node end]. */
function rangeOf(node: unknown): Range | undefined {
  return (node as { range?: Range } | null)?.range;
}

function keyStart(pair: Pair<unknown, unknown>): number {
  return rangeOf(pair.key)?.[0] ?? -1;
}

/** Where the last line of a service's text that is neither blank nor only a comment ends. */
function bodyEnd(segment: string): number {
  let lineEnd = segment.length;
  while (lineEnd > 0) {
    const lineStart = segment.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = segment.slice(lineStart, lineEnd);
    if (line.trim() !== '' && !line.trim().startsWith('#')) return lineStart + line.trimEnd().length;
    lineEnd = lineStart - 1;
  }
  return 0;
}

/** What of a service's trailing whitespace the next key depends on: a blank line before it, and its indentation. */
function tailShape(tail: string): string {
  const lineBreaks = tail.split('\n').length - 1;
  // Its own line (one break at least), with or without a blank line before it (two or more).
  return `${Math.min(lineBreaks, 2)}|${tail.slice(tail.lastIndexOf('\n') + 1)}`;
}

function shiftRange(node: unknown, from: number, by: number): void {
  const range = rangeOf(node);
  if (!range) return;
  for (let i = 0; i < 3; i++) if (range[i] >= from) range[i] += by;
}
