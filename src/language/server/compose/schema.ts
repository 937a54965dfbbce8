/**
 * The Compose specification's schema (vendored, plus the keys it gained since: see
 * schemaAdditions.ts) and the few ways features walk it: follow a `$ref`, list a
 * schema's alternatives, find what a key or a list item may hold.
 */
import vendored from './schema/compose-spec.json';
import type { JsonSchema } from './schemaTypes';
import { buildAdditions, dependsOnAdditions, portAdditions, rootAdditions, serviceAdditions } from './schemaAdditions';

export type { JsonSchema } from './schemaTypes';

function objectBranch(schema: JsonSchema | undefined): JsonSchema | undefined {
  return schema?.oneOf?.find((branch) => branch.type === 'object' || branch.properties !== undefined);
}

/** A deep copy with the additions in place; built once per worker. */
function buildSchema(): JsonSchema {
  const root = JSON.parse(JSON.stringify(vendored)) as JsonSchema;
  const defs = root.definitions ?? {};
  Object.assign(root.properties ??= {}, rootAdditions);
  const service = defs.service;
  Object.assign(service.properties ??= {}, serviceAdditions);
  const build = objectBranch(service.properties.build);
  if (build) Object.assign(build.properties ??= {}, buildAdditions);
  const dependsOn = objectBranch(service.properties.depends_on);
  for (const entry of Object.values(dependsOn?.patternProperties ?? {})) {
    Object.assign(entry.properties ??= {}, dependsOnAdditions);
    // `condition` defaults to service_started in current compose; it is no longer required.
    delete entry.required;
  }
  const portItem = service.properties.ports?.items;
  const longPort = portItem?.oneOf?.find((branch) => branch.type === 'object');
  if (longPort) Object.assign(longPort.properties ??= {}, portAdditions);
  // Every mapping of the specification accepts extension keys; a few of the old copy's forgot.
  for (const definition of Object.values(defs)) {
    if (definition.properties && definition.additionalProperties === false) definition.patternProperties ??= { '^x-': {} };
  }
  return root;
}

export const composeSchema: JsonSchema = buildSchema();

export function resolveRef(schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    const name = current.$ref.replace(/^#\/definitions\//, '');
    current = composeSchema.definitions?.[name] ?? {};
  }
  return current;
}

/** The schema and its `oneOf`/`anyOf` alternatives, `$ref`s followed, flattened. */
export function alternatives(schema: JsonSchema): JsonSchema[] {
  const resolved = resolveRef(schema);
  const branches = resolved.oneOf ?? resolved.anyOf;
  if (!branches) return [resolved];
  return branches.flatMap(alternatives);
}

const patternCache = new Map<string, RegExp>();
export function patternOf(source: string): RegExp {
  let pattern = patternCache.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'u');
    patternCache.set(source, pattern);
  }
  return pattern;
}

/** What the value under `key` of a mapping described by `schema` may be; empty when the key is not allowed. */
export function propertySchemas(schema: JsonSchema, key: string): JsonSchema[] {
  const found: JsonSchema[] = [];
  for (const branch of alternatives(schema)) {
    const direct = branch.properties?.[key];
    if (direct) {
      found.push(direct);
      continue;
    }
    const pattern = Object.entries(branch.patternProperties ?? {}).find(([source]) => patternOf(source).test(key));
    if (pattern) found.push(pattern[1]);
    else if (typeof branch.additionalProperties === 'object') found.push(branch.additionalProperties);
  }
  return found;
}

export function itemSchemas(schema: JsonSchema): JsonSchema[] {
  return alternatives(schema).flatMap((branch) => (branch.items ? [branch.items] : []));
}

/** Follows a path of keys (`[]` for a list item) from the root; empty when the path leaves the schema. */
export function schemasAt(path: readonly string[]): JsonSchema[] {
  let current: JsonSchema[] = [composeSchema];
  for (const segment of path) {
    current = current.flatMap((schema) => (segment === '[]' ? itemSchemas(schema) : propertySchemas(schema, segment)));
    if (current.length === 0) break;
  }
  return current;
}

/** The named keys a mapping at these schemas may have (pattern keys have no name to offer). */
export function propertyNames(schemas: readonly JsonSchema[]): Map<string, JsonSchema> {
  const names = new Map<string, JsonSchema>();
  for (const schema of schemas) for (const branch of alternatives(schema)) for (const [name, value] of Object.entries(branch.properties ?? {})) if (!names.has(name)) names.set(name, value);
  return names;
}

/** The enum values the schemas allow, for value completion. */
export function enumValues(schemas: readonly JsonSchema[]): string[] {
  const values = new Set<string>();
  for (const schema of schemas) for (const branch of alternatives(schema)) for (const value of branch.enum ?? []) values.add(String(value));
  return [...values];
}

export function typesOf(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}
