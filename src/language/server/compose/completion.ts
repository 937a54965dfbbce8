/**
 * Completion: the specification's keys and enum values (unless Red Hat's YAML extension
 * already offers them), and the names this file and the engine know where a name fits:
 * services after `depends_on`/`links`/`extends`/`volumes_from`, declared networks,
 * volumes, secrets and configs, local images after `image:`, and the Dockerfile's stages
 * after `build.target`.
 */
import * as l10n from '@vscode/l10n';
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import { isMap } from 'yaml';
import { buildOf } from './build';
import { cursorAt, type Cursor } from './cursor';
import { dockerfileStages, folderOf } from './files';
import { child, keyText, type ComposeModel, type TopLevelKind } from './model';
import { enumValues, itemSchemas, propertyNames, schemasAt, typesOf, alternatives, type JsonSchema } from './schema';
import type { ComposeFeatureHost } from './types';

interface Suggestion {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
  insert?: string;
}

export function completion(host: ComposeFeatureHost, model: ComposeModel, params: { position: Position }): CompletionList {
  const lines = linesOf(model);
  const cursor = cursorAt(lines, params.position.line, params.position.character);
  if (!cursor) return { isIncomplete: false, items: [] };
  const suggestions = suggest(host, model, cursor);
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const suggestion of suggestions) {
    if (seen.has(suggestion.label)) continue;
    seen.add(suggestion.label);
    items.push({
      label: suggestion.label,
      kind: suggestion.kind,
      detail: suggestion.detail,
      textEdit: {
        range: { start: { line: params.position.line, character: cursor.start }, end: params.position },
        newText: suggestion.insert ?? suggestion.label,
      },
    });
  }
  return { isIncomplete: false, items };
}

/** The text's lines, split once per version: a person's completions come many to one edit. */
const splitLines = new WeakMap<ComposeModel, string[]>();
function linesOf(model: ComposeModel): string[] {
  let lines = splitLines.get(model);
  if (!lines) splitLines.set(model, (lines = model.text.split(/\r?\n/)));
  return lines;
}

function names(model: ComposeModel, kind: TopLevelKind, except?: string): string[] {
  return model.declared[kind].map((entry) => entry.name).filter((name) => name !== except);
}

function suggest(host: ComposeFeatureHost, model: ComposeModel, cursor: Cursor): Suggestion[] {
  const { path, mode } = cursor;
  const service = path[0] === 'services' && path.length >= 2 ? path[1] : undefined;
  const inService = service !== undefined ? path.slice(2) : [];
  const schemaKeys = !host.config.yamlOverlap.keyCompletion;
  const out: Suggestion[] = [];
  const nameList = (kind: TopLevelKind, detail: string, except?: string) => out.push(...names(model, kind, except).map((label) => ({ label, kind: CompletionItemKind.Reference, detail })));
  const where = inService.join('.');

  if (service !== undefined && (mode === 'item' || mode === 'key')) {
    if (['depends_on', 'links', 'volumes_from'].includes(where)) nameList('services', l10n.t('service'), service);
    if (where === 'networks') nameList('networks', l10n.t('network'));
    if (where === 'secrets' || where === 'build.secrets') nameList('secrets', l10n.t('secret'));
    if (where === 'configs') nameList('configs', l10n.t('config'));
    if (where === 'volumes' && mode === 'item') out.push(...names(model, 'volumes').map((label) => ({ label, kind: CompletionItemKind.Reference, detail: l10n.t('volume'), insert: `${label}:` })));
  }
  if (service !== undefined && mode === 'value') {
    if (where === 'image') out.push(...host.config.localImages.map((image) => ({ label: image.ref, kind: CompletionItemKind.Value, detail: l10n.t('local image') })));
    if (where === 'extends' || where === 'extends.service') nameList('services', l10n.t('service'), service);
    if (where === 'build.target') out.push(...stagesFor(model, service).map((label) => ({ label, kind: CompletionItemKind.EnumMember, detail: l10n.t('Dockerfile stage') })));
    if (where === 'network_mode') out.push(...names(model, 'services', service).map((name) => ({ label: `service:${name}`, kind: CompletionItemKind.Reference, detail: l10n.t("share that service's network") })));
    if (/^(secrets|configs|build\.secrets)\.\[\]\.source$/.test(where)) nameList(where.startsWith('configs') ? 'configs' : 'secrets', where.startsWith('configs') ? 'config' : 'secret');
    if (where === 'volumes.[].source') nameList('volumes', 'volume');
  }
  if (schemaKeys) {
    // A key the mapping already has is not offered again (the one being typed may be).
    const present = cursor.mode === 'key' ? keysAt(model, cursor.path) : new Set<string>();
    present.delete(cursor.prefix);
    out.push(...schemaSuggestions(cursor).filter((suggestion) => suggestion.kind !== CompletionItemKind.Property || !present.has(suggestion.label)));
  }
  return out;
}

/** The keys of the mapping at `path` in the parse (empty when the path is not a mapping there). */
function keysAt(model: ComposeModel, path: readonly string[]): Set<string> {
  let node: unknown = model.doc.contents;
  for (const segment of path) {
    if (segment === '[]' || !isMap(node)) return new Set();
    node = child(node, segment);
  }
  return isMap(node) ? new Set(node.items.map((pair) => keyText(pair)).filter((key): key is string => key !== undefined)) : new Set();
}

function schemaSuggestions(cursor: Cursor): Suggestion[] {
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
