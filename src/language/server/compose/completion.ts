/**
 * Completion: the specification's keys and enum values (unless Red Hat's YAML extension
 * already offers them), and the names this file and the engine know where a name fits:
 * services after `depends_on`/`links`/`extends`/`volumes_from`, declared networks,
 * volumes, secrets and configs, local images after `image:`, and the Dockerfile's stages
 * after `build.target`.
 *
 * Where no name fits, the answer needs only the text (the cursor and the mapping's keys
 * are read from indentation) and the schema: the server's main thread answers it from its
 * copy of the document (`completeFromText`), without waiting for the worker to parse the
 * version just typed. Elsewhere the worker answers with the parse (`completion`); both
 * build the list the same way.
 */
import * as l10n from '@vscode/l10n';
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import { isMap } from 'yaml';
import { buildOf } from './build';
import { arrayLines, cursorAt, siblingKeys, type Cursor, type TextLines } from './cursor';
import { dockerfileStages, folderOf } from './files';
import { child, type ComposeModel, type TopLevelKind } from './model';
import { enumValues, itemSchemas, propertyNames, schemasAt, typesOf, alternatives, type JsonSchema } from './schema';
import type { ComposeConfig, ComposeFeatureHost } from './types';

interface Suggestion {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
  insert?: string;
}

/** The list when no name fits at the cursor (answered from the text alone); undefined when one may. */
export function completeFromText(config: ComposeConfig, lines: TextLines, position: Position): CompletionList | undefined {
  const cursor = cursorAt(lines, position.line, position.character);
  if (!cursor) return nothing();
  if (namesFit(cursor)) return undefined;
  return listOf(config, position, cursor, schemaPart(config, lines, cursor, position.line));
}

export function completion(host: ComposeFeatureHost, model: ComposeModel, params: { position: Position }): CompletionList {
  const lines = linesOf(model);
  const cursor = cursorAt(lines, params.position.line, params.position.character);
  if (!cursor) return nothing();
  return listOf(host.config, params.position, cursor, [...nameSuggestions(host, model, cursor), ...schemaPart(host.config, lines, cursor, params.position.line)]);
}

/** Where there is no cursor to complete at (in a comment): nothing to offer. */
const nothing = (): CompletionList => ({ isIncomplete: false, items: [] });

function listOf(config: ComposeConfig, position: Position, cursor: Cursor, suggestions: readonly Suggestion[]): CompletionList {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  const range = { start: { line: position.line, character: cursor.start }, end: position };
  // Every item replaces the same range: said once for the list when the client takes that,
  // which makes the answer a fraction of the size to copy, send and read.
  const shared = config.completionEditRange === true;
  for (const suggestion of suggestions) {
    if (seen.has(suggestion.label)) continue;
    seen.add(suggestion.label);
    const newText = suggestion.insert ?? suggestion.label;
    items.push(shared
      ? { label: suggestion.label, kind: suggestion.kind, detail: suggestion.detail, ...(newText === suggestion.label ? {} : { textEditText: newText }) }
      : { label: suggestion.label, kind: suggestion.kind, detail: suggestion.detail, textEdit: { range, newText } });
  }
  return shared ? { isIncomplete: false, itemDefaults: { editRange: range }, items } : { isIncomplete: false, items };
}

/** The text's lines, split once per version: a person's completions come many to one edit. */
const splitLines = new WeakMap<ComposeModel, TextLines>();
function linesOf(model: ComposeModel): TextLines {
  let lines = splitLines.get(model);
  if (!lines) splitLines.set(model, (lines = arrayLines(model.text.split(/\r?\n/))));
  return lines;
}

function names(model: ComposeModel, kind: TopLevelKind, except?: string): string[] {
  return model.declared[kind].map((entry) => entry.name).filter((name) => name !== except);
}

/** The key path inside a service (`build.target`), or undefined outside services. */
function inService(cursor: Cursor): { service: string; where: string } | undefined {
  const { path } = cursor;
  return path[0] === 'services' && path.length >= 2 ? { service: path[1], where: path.slice(2).join('.') } : undefined;
}

type NameSource = (host: ComposeFeatureHost, model: ComposeModel, service: string) => Suggestion[];

/** The names declared at the top level of the file, as references (`except`: leave out the service the cursor is in). */
function declaredNames(kind: TopLevelKind, detail: () => string, except = false): NameSource {
  return (_host, model, service) => names(model, kind, except ? service : undefined).map((label) => ({ label, kind: CompletionItemKind.Reference, detail: detail() }));
}

/**
 * Where in a service a name fits (the key path inside the service, and whether a key, a
 * list item or a value is typed there), and which names: one table, so the main thread's
 * "no name fits here" and the worker's suggestions cannot disagree.
 */
const namePlaces: ReadonlyArray<{ modes: readonly Cursor['mode'][]; where: RegExp; names: NameSource }> = [
  { modes: ['item', 'key'], where: /^(depends_on|links|volumes_from)$/, names: declaredNames('services', () => l10n.t('service'), true) },
  { modes: ['item', 'key'], where: /^networks$/, names: declaredNames('networks', () => l10n.t('network')) },
  { modes: ['item', 'key'], where: /^(build\.)?secrets$/, names: declaredNames('secrets', () => l10n.t('secret')) },
  { modes: ['item', 'key'], where: /^configs$/, names: declaredNames('configs', () => l10n.t('config')) },
  { modes: ['item'], where: /^volumes$/, names: (_host, model) => names(model, 'volumes').map((label) => ({ label, kind: CompletionItemKind.Reference, detail: l10n.t('volume'), insert: `${label}:` })) },
  { modes: ['value'], where: /^image$/, names: (host) => host.config.localImages.map((image) => ({ label: image.ref, kind: CompletionItemKind.Value, detail: l10n.t('local image') })) },
  { modes: ['value'], where: /^extends(\.service)?$/, names: declaredNames('services', () => l10n.t('service'), true) },
  { modes: ['value'], where: /^build\.target$/, names: (_host, model, service) => stagesFor(model, service).map((label) => ({ label, kind: CompletionItemKind.EnumMember, detail: l10n.t('Dockerfile stage') })) },
  { modes: ['value'], where: /^network_mode$/, names: (_host, model, service) => names(model, 'services', service).map((name) => ({ label: `service:${name}`, kind: CompletionItemKind.Reference, detail: l10n.t("share that service's network") })) },
  { modes: ['value'], where: /^(build\.)?secrets\.\[\]\.source$/, names: declaredNames('secrets', () => l10n.t('secret')) },
  { modes: ['value'], where: /^configs\.\[\]\.source$/, names: declaredNames('configs', () => l10n.t('config')) },
  { modes: ['value'], where: /^volumes\.\[\]\.source$/, names: declaredNames('volumes', () => l10n.t('volume')) },
];

/** The places of `namePlaces` the cursor is at, with the service it is in. */
function namePlacesAt(cursor: Cursor): { service: string; places: typeof namePlaces } {
  const place = inService(cursor);
  if (!place) return { service: '', places: [] };
  return { service: place.service, places: namePlaces.filter((candidate) => candidate.modes.includes(cursor.mode) && candidate.where.test(place.where)) };
}

/** Whether a name (of a service, network, image, stage…) may fit at the cursor: only the parse knows those. */
function namesFit(cursor: Cursor): boolean {
  return namePlacesAt(cursor).places.length > 0;
}

function nameSuggestions(host: ComposeFeatureHost, model: ComposeModel, cursor: Cursor): Suggestion[] {
  const { service, places } = namePlacesAt(cursor);
  return places.flatMap((place) => place.names(host, model, service));
}

/** The specification's keys and values at the cursor, less the keys the mapping already has (the one being typed may be). */
function schemaPart(config: ComposeConfig, lines: TextLines, cursor: Cursor, line: number): Suggestion[] {
  if (config.yamlOverlap.keyCompletion) return [];
  const suggestions = schemaSuggestions(cursor);
  if (cursor.mode !== 'key') return [...suggestions];
  const present = siblingKeys(lines, line, cursor.start);
  present.delete(cursor.prefix);
  return suggestions.filter((suggestion) => suggestion.kind !== CompletionItemKind.Property || !present.has(suggestion.label));
}

/**
 * What the specification offers depends only on where the cursor is (its key path and
 * whether a key, an item or a value goes there): worked out once per place, not per
 * request. The schema is fixed for the life of the server.
 */
const bySchemaPlace = new Map<string, readonly Suggestion[]>();

function schemaSuggestions(cursor: Cursor): readonly Suggestion[] {
  const place = `${cursor.mode}\u0000${cursor.path.join('\u0000')}`;
  let found = bySchemaPlace.get(place);
  if (!found) {
    // Paths come from what people type: a bound on how many are kept.
    if (bySchemaPlace.size >= 500) bySchemaPlace.clear();
    bySchemaPlace.set(place, (found = suggestionsFromSchema(cursor)));
  }
  return found;
}

function suggestionsFromSchema(cursor: Cursor): Suggestion[] {
  const schemas = schemasAt(cursor.path);
  if (cursor.mode === 'key') return keySuggestions(schemas);
  if (cursor.mode === 'item') {
    const items = schemas.flatMap(itemSchemas);
    return [...keySuggestions(items), ...valueSuggestions(items)];
  }
  return valueSuggestions(schemas);
}

function keySuggestions(schemas: JsonSchema[]): Suggestion[] {
  return [...propertyNames(schemas)].map(([label, schema]) => {
    const types = alternatives(schema).flatMap(typesOf);
    const block = types.length > 0 && types.every((type) => type === 'object' || type === 'array');
    return { label, kind: CompletionItemKind.Property, detail: schema.description, insert: block ? `${label}:\n` : `${label}: ` };
  });
}

function valueSuggestions(schemas: JsonSchema[]): Suggestion[] {
  const values: Suggestion[] = enumValues(schemas).map((label) => ({ label, kind: CompletionItemKind.EnumMember }));
  const types = schemas.flatMap(alternatives).flatMap(typesOf);
  if (types.includes('boolean')) values.push({ label: 'true', kind: CompletionItemKind.Value }, { label: 'false', kind: CompletionItemKind.Value });
  return values;
}

function stagesFor(model: ComposeModel, service: string): string[] {
  const entry = model.declared.services.find((candidate) => candidate.name === service);
  const body = entry && isMap(entry.value) ? entry.value : undefined;
  if (!body || child(body, 'build') === undefined) return [];
  const build = buildOf(body, folderOf(model.uri));
  return build?.dockerfile ? dockerfileStages(build.dockerfile) ?? [] : [];
}
