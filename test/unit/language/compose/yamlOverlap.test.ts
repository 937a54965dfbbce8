/** What Berth's compose server leaves to Red Hat's YAML extension, for each state of that extension. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yamlOverlap } from '../../../../src/language/yamlOverlap';
import { noYamlOverlap } from '../../../../src/language/protocol';

test('without the YAML extension Berth does everything', () => {
  assert.deepEqual(yamlOverlap({ installed: false, settings: { validate: true, completion: true } }), noYamlOverlap);
});

test('with the YAML extension at its defaults, Berth leaves it syntax, schema, key completion, key hover, formatting and the outline', () => {
  assert.deepEqual(yamlOverlap({ installed: true, settings: {} }), { syntaxDiagnostics: true, schemaDiagnostics: true, keyCompletion: true, keyHover: true, formatting: true, symbols: true });
});

test('with SchemaStore off the YAML extension knows no compose schema: schema errors, key completion and key hover stay Berth\'s', () => {
  assert.deepEqual(yamlOverlap({ installed: true, settings: { schemaStoreEnable: false } }), { syntaxDiagnostics: true, schemaDiagnostics: false, keyCompletion: false, keyHover: false, formatting: true, symbols: true });
});

test('each YAML setting turned off hands that feature back to Berth', () => {
  const cases: Array<[keyof Parameters<typeof yamlOverlap>[0]['settings'], Array<keyof typeof noYamlOverlap>]> = [
    ['validate', ['syntaxDiagnostics', 'schemaDiagnostics']],
    ['completion', ['keyCompletion']],
    ['hover', ['keyHover']],
    ['formatEnable', ['formatting']],
  ];
  for (const [setting, features] of cases) {
    const overlap = yamlOverlap({ installed: true, settings: { [setting]: false } });
    for (const [feature, left] of Object.entries(overlap)) assert.equal(left, !features.includes(feature as keyof typeof noYamlOverlap), `${setting}=false: ${feature}`);
  }
});
