/**
 * Compose completion from the text alone (the server's main thread) against completion
 * with the parse (the worker): wherever the text alone answers, the two lists are the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { completeFromText, completion } from '../../../../src/language/server/compose/completion';
import { arrayLines, siblingKeys } from '../../../../src/language/server/compose/cursor';
import { parseCompose } from '../../../../src/language/server/compose/model';
import type { ComposeConfig, ComposeFeatureHost } from '../../../../src/language/server/compose/types';
import { noYamlOverlap } from '../../../../src/language/protocol';
import { largeCompose } from '../../../server/composeInputs';

const corpus = path.join(__dirname, '..', '..', '..', 'fixtures', 'compose');
const files = ['corpus/features.yaml', 'corpus/services-120.yaml', 'override/compose.yaml'].map((name) => fs.readFileSync(path.join(corpus, name), 'utf8'));

for (const completionEditRange of [false, true]) {
  test(`completion from the text is the parse's completion wherever it answers (editRange for the list: ${completionEditRange})`, () => {
    const config: ComposeConfig = { localImages: [{ ref: 'busybox:local' }], yamlOverlap: noYamlOverlap, completionEditRange };
    const host: ComposeFeatureHost = { config, log: () => undefined };
    let answered = 0;
    let deferred = 0;
    for (const [index, text] of [...files, largeCompose(300)].entries()) {
      const model = parseCompose(`file:///c/${index}.yaml`, 1, text);
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        // The end of each line and a few places inside it.
        for (const character of new Set([lines[line].length, Math.floor(lines[line].length / 2), lines[line].search(/\S/) + 1])) {
          if (character < 0) continue;
          const position = { line, character };
          const fromText = completeFromText(config, arrayLines(lines), position);
          if (fromText === undefined) {
            deferred++;
            continue;
          }
          answered++;
          assert.deepEqual(fromText, completion(host, model, { position }), `file ${index}, line ${line + 1}, character ${character}: ${lines[line]}`);
        }
      }
    }
    assert.ok(answered > 1000 && deferred > 50, `answered ${answered}, deferred ${deferred}: both paths ran`);
  });
}

test('completion offers no key the mapping already has, in a service and in a list item', () => {
  const config: ComposeConfig = { localImages: [], yamlOverlap: noYamlOverlap };
  const labels = (text: string, line: number, character: number) => completeFromText(config, arrayLines(text.split('\n')), { line, character })?.items.map((item) => item.label) ?? [];
  const service = 'services:\n  web:\n    image: busybox:local\n    \n    restart: always\n  db:\n    build: .\n';
  const inWeb = labels(service, 3, 4);
  assert.ok(!inWeb.includes('image') && !inWeb.includes('restart'), 'keys above and below are left out');
  assert.ok(inWeb.includes('build') && inWeb.includes('command'), "another service's keys are still offered");
  const item = 'services:\n  web:\n    volumes:\n      - type: volume\n        \n        target: /data\n      - type: bind\n        source: .\n';
  const inItem = labels(item, 4, 8);
  assert.ok(!inItem.includes('type') && !inItem.includes('target'), inItem.join(','));
  assert.ok(inItem.includes('source'), 'a key of the next item is not this one');
});

test('siblingKeys: a list at the keys\' own column belongs to the key above; comments and deeper lines are passed over', () => {
  const lines = arrayLines(['services:', '  web:', '    depends_on:', '    - db', '    # a comment', '    command:', '      - echo', '    x', '    ports: ["80"]', '  db:']);
  assert.deepEqual([...siblingKeys(lines, 7, 4)].sort(), ['command', 'depends_on', 'ports']);
});
