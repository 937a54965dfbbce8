/**
 * Keys the Compose specification gained after the vendored schema was published
 * (schema/README.md says why that copy). Each is added with the shape the specification
 * gives it today, loosely where the shape is large (`develop`, `models`): the point is that
 * a current compose file gets no false "not allowed" error; the compose tool remains the
 * judge of the finer detail.
 */
import type { JsonSchema } from './schemaTypes';

const any: JsonSchema = {};
const str: JsonSchema = { type: 'string' };
const strOrNum: JsonSchema = { type: ['string', 'number'] };
const bool: JsonSchema = { type: ['boolean', 'string'] };
const listOrDict: JsonSchema = { $ref: '#/definitions/list_or_dict' };
const strings: JsonSchema = { type: 'array', items: { type: 'string' } };
const stringOrList: JsonSchema = { oneOf: [str, strings] };

const serviceHook: JsonSchema = {
  type: 'object',
  properties: { command: stringOrList, user: str, privileged: bool, working_dir: str, environment: listOrDict },
  required: ['command'],
  additionalProperties: false,
  patternProperties: { '^x-': any },
};

// The descriptions below complete the vendored schema's and stay English like its own.
export const rootAdditions: Record<string, JsonSchema> = {
  // l10n-ignore: schema text (see above)
  name: { type: 'string', description: 'The project name; containers, networks and volumes are named after it.' },
  // l10n-ignore: schema text (see above)
  include: { type: 'array', items: { oneOf: [str, { type: 'object', properties: { path: stringOrList, env_file: stringOrList, project_directory: str }, additionalProperties: false }] }, description: 'Other compose files whose services, networks and volumes this project includes.' },
  // l10n-ignore: schema text (see above)
  models: { type: 'object', description: 'AI models the services use (Docker Model Runner).' },
};

export const serviceAdditions: Record<string, JsonSchema> = {
  annotations: listOrDict,
  attach: bool,
  cgroup: { type: 'string', enum: ['host', 'private'] },
  // l10n-ignore: schema text (see above)
  develop: { type: 'object', description: 'Development settings: `watch` rules that sync, rebuild or restart the service when files change.' },
  gpus: any,
  label_file: stringOrList,
  mem_swappiness: strOrNum,
  models: any,
  post_start: { type: 'array', items: serviceHook },
  pre_stop: { type: 'array', items: serviceHook },
  provider: { type: 'object' },
  uts: str,
  use_api_socket: bool,
  volumes_from: strings,
  env_file: { oneOf: [str, { type: 'array', items: { oneOf: [str, { type: 'object', properties: { path: str, required: bool, format: str }, required: ['path'], additionalProperties: false }] } }] },
};

export const buildAdditions: Record<string, JsonSchema> = {
  additional_contexts: listOrDict,
  cache_to: strings,
  dockerfile_inline: str,
  entitlements: strings,
  no_cache: bool,
  platforms: strings,
  privileged: bool,
  pull: bool,
  secrets: { type: 'array', items: { oneOf: [str, { type: 'object', properties: { source: str, target: str, uid: str, gid: str, mode: strOrNum }, additionalProperties: false }] } },
  ssh: listOrDict,
  tags: strings,
  ulimits: { type: 'object' },
};

/** `depends_on` long form: `restart` and `required` came later than `condition`. */
export const dependsOnAdditions: Record<string, JsonSchema> = { restart: bool, required: bool };

/** Ports long form: a published range is a string, and `name`/`app_protocol` came later. */
export const portAdditions: Record<string, JsonSchema> = { published: strOrNum, target: strOrNum, name: str, app_protocol: str };
