/** What Berth reads from a compose file: services, their lines, profiles, dependencies, and parse errors at their lines. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeModels, parseCompose, profilesOf } from '../../../src/compose/model';

describe('compose model', () => {
  it('finds each service at its line with its profiles and depends_on in both forms', () => {
    const model = parseCompose(['name: shop', 'services:', '  web:', '    image: x', '    depends_on: [api]', '  api:', '    depends_on:', '      db:', '        condition: service_healthy', '  db:', '    profiles: [debug, ops]', ''].join('\n'));
    assert.equal(model.name, 'shop');
    assert.deepEqual(model.servicesPosition, { line: 1, character: 0 });
    assert.deepEqual(model.services.map((s) => [s.name, s.position.line, s.profiles, s.dependsOn]), [
      ['web', 2, [], ['api']],
      ['api', 5, [], ['db']],
      ['db', 9, ['debug', 'ops'], []],
    ]);
    assert.deepEqual(model.problems, []);
  });

  it('reports what does not parse at its line, one sentence each', () => {
    const model = parseCompose('services:\n  web:\n    image: x\n  api: [\n');
    assert.ok(model.problems.length > 0);
    assert.equal(model.problems[0].start.line, 4, 'the unclosed flow sequence is reported where the parser gives up');
    assert.doesNotMatch(model.problems[0].message, /\n/);
    const duplicate = parseCompose('services:\n  web: {}\n  web: {}\n');
    assert.equal(duplicate.problems[0].start.line, 2);
    assert.match(duplicate.problems[0].message, /unique/i);
    const bad = parseCompose('services:\n  web:\n   image: x\n  bad indent: : :\n\tfoo: 1\n');
    assert.ok(bad.problems.every((p) => p.start.line >= 0 && p.start.line <= 5));
  });

  it('says a file that is not a map is not a compose file; an empty file has no services and no problem', () => {
    assert.match(parseCompose('- a\n- b\n').problems[0].message, /map with a services key/);
    assert.deepEqual(parseCompose(''), { services: [], problems: [] });
  });

  it('merges files: a service in two files is one; the later file\'s profiles win; profiles are listed once', () => {
    const base = parseCompose('services:\n  web: {}\n  db:\n    profiles: [a]\n');
    const override = parseCompose('services:\n  db:\n    profiles: [b]\n    depends_on: [web]\n  extra:\n    profiles: [b, c]\n');
    const merged = mergeModels([base, override]);
    assert.deepEqual(merged.map((s) => [s.name, s.profiles, s.dependsOn]), [['web', [], []], ['db', ['b'], ['web']], ['extra', ['b', 'c'], []]]);
    assert.deepEqual(profilesOf(merged), ['b', 'c']);
  });
});
