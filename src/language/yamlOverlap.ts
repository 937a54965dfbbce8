/**
 * Red Hat's YAML extension (redhat.vscode-yaml) serves `dockercompose` documents too and,
 * through SchemaStore, applies the compose schema to compose file names: key completion,
 * key hover, schema and syntax errors, formatting and an outline. With both extensions on,
 * a person would see each of those twice. Berth therefore leaves to it exactly what it
 * already does, as its settings say it does, and keeps what it cannot do: names that point
 * nowhere, ports published twice, build targets, interpolation, completion of service,
 * network, volume, image and stage names, links and rename.
 *
 * Registering a schema association only when the YAML extension is absent would not do:
 * the extension reads SchemaStore's association whatever Berth registers, so the
 * duplicates would stay. Pure, so the decision is unit-tested without VS Code.
 */
import { noYamlOverlap, type YamlOverlap } from './protocol';

export const yamlExtensionId = 'redhat.vscode-yaml';

export interface YamlExtensionState {
  installed: boolean;
  /** The YAML extension's settings as `workspace.getConfiguration('yaml')` reads them (undefined: its default). */
  settings: {
    validate?: boolean;
    completion?: boolean;
    hover?: boolean;
    formatEnable?: boolean;
    schemaStoreEnable?: boolean;
  };
}

export function yamlOverlap(state: YamlExtensionState): YamlOverlap {
  if (!state.installed) return noYamlOverlap;
  const on = (value: boolean | undefined) => value !== false; // each defaults to true in the YAML extension
  const schemas = on(state.settings.schemaStoreEnable);
  return {
    syntaxDiagnostics: on(state.settings.validate),
    schemaDiagnostics: on(state.settings.validate) && schemas,
    keyCompletion: on(state.settings.completion) && schemas,
    keyHover: on(state.settings.hover) && schemas,
    formatting: on(state.settings.formatEnable),
    symbols: true,
  };
}
