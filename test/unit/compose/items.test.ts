/** Matching containers to services (labels, v1 and v2 names) and the Compose view's rows. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { childrenOf, composeItem, composeProject, parentOf, projectNode } from '../../../src/compose/items';
import { containersByService, serviceOf, serviceState } from '../../../src/compose/match';
import { parseCompose } from '../../../src/compose/model';
import type { ContainerSummary } from '../../../src/engine/types';

function container(name: string, state: ContainerSummary['state'], labels: Record<string, string> = {}): ContainerSummary {
  return { id: `id-${name}`, name, image: 'busybox:local', imageId: '', command: '', created: 0, state, status: state, ports: [], labels, mounts: [], networks: [] };
}
const labels = (project: string, service: string) => ({ 'com.docker.compose.project': project, 'com.docker.compose.service': service });

const model = parseCompose('services:\n  web: {}\n  web-api: {}\n  db: {}\n  debug:\n    profiles: [debug]\n');
const project = composeProject({ dir: '/w/shop', files: ['/w/shop/compose.yaml'], name: 'shop', defaultProfiles: [] }, model.services, [], 'shop');

describe('compose matching', () => {
  it('matches by labels first, then by v1 (project_service_1) and v2 (project-service-1) names', () => {
    const services = ['web', 'web-api', 'db'];
    assert.equal(serviceOf(container('anything', 'running', labels('shop', 'web')), 'shop', services), 'web');
    assert.equal(serviceOf(container('shop-web-1', 'running', labels('other', 'web')), 'shop', services), undefined, 'another project\'s label wins over the name');
    assert.equal(serviceOf(container('shop_web_1', 'running'), 'shop', services), 'web');
    assert.equal(serviceOf(container('shop-web-api-2', 'running'), 'shop', services), 'web-api');
    assert.equal(serviceOf(container('shop_db_12', 'running'), 'shop', services), 'db');
    assert.equal(serviceOf(container('shopping-web-1', 'running'), 'shop', services), undefined);
    assert.equal(serviceOf(container('shop-cache-1', 'running'), 'shop', services), undefined, 'a name that fits no service is not taken');
  });

  it('gives a service the state of its containers: running, restarting, paused, stopped, or not created', () => {
    assert.equal(serviceState([]), 'notCreated');
    assert.equal(serviceState([container('a', 'exited'), container('b', 'running')]), 'running');
    assert.equal(serviceState([container('a', 'exited'), container('b', 'paused')]), 'paused');
    assert.equal(serviceState([container('a', 'exited'), container('b', 'created')]), 'exited');
    const by = containersByService([container('x', 'running', labels('shop', 'web')), container('shop_db_1', 'exited'), container('y', 'running', labels('x', 'web'))], 'shop', ['web', 'db']);
    assert.deepEqual([...by].map(([s, cs]) => [s, cs.map((c) => c.name)]), [['web', ['x']], ['db', ['shop_db_1']]]);
  });
});

describe('Compose view rows', () => {
  const all = [container('shop-web-1', 'running', labels('shop', 'web')), container('shop-db-1', 'exited', labels('shop', 'db'))];

  it('shows a project with its services, those not created included, and a level per profile', () => {
    const root = projectNode(project, all);
    const spec = composeItem(root);
    assert.equal(spec.label, 'shop');
    assert.equal(spec.description, '1/3 running · shop');
    assert.equal(spec.contextValue, 'composeProject.partial');
    const children = childrenOf(root);
    assert.deepEqual(children.map((n) => [composeItem(n).label, composeItem(n).description, composeItem(n).contextValue]), [
      ['web', 'running', 'composeService.running'],
      ['web-api', 'not created', 'composeService.notCreated'],
      ['db', 'stopped', 'composeService.exited'],
      ['profile debug', '0/1 running', 'composeProfile.down'],
    ]);
    const profile = childrenOf(children[3]);
    assert.deepEqual(profile.map((n) => composeItem(n).label), ['debug']);
    assert.notEqual(composeItem(profile[0]).id, composeItem(children[0]).id);
    assert.deepEqual(childrenOf(children[0]).map((n) => composeItem(n).label), ['shop-web-1']);
    assert.equal(composeItem(children[1]).collapsible, false);
  });

  it('says a project is running, stopped or down, and marks one that does not parse with its errors first', () => {
    const running = [all[0], container('a', 'running', labels('shop', 'web-api')), container('b', 'running', labels('shop', 'db'))];
    assert.equal(composeItem(projectNode(project, running)).contextValue, 'composeProject.running');
    assert.equal(composeItem(projectNode(project, [all[1]])).contextValue, 'composeProject.stopped');
    assert.equal(composeItem(projectNode(project, [])).contextValue, 'composeProject.down');
    const broken = parseCompose('services:\n  web: [\n');
    const invalid = composeProject(project.files, [], [{ file: '/w/shop/compose.yaml', problems: broken.problems }], 'shop');
    const node = projectNode(invalid, []);
    assert.equal(composeItem(node).contextValue, 'composeProject.invalid');
    const [problem] = childrenOf(node);
    assert.equal(problem.kind, 'composeProblem');
    assert.match(composeItem(problem).label, /^compose\.yaml:\d+: /);
  });
});

describe('Compose view parents', () => {
  it('finds each row\'s parent with the id the tree shows', () => {
    const all = [container('shop-debug-1', 'running', labels('shop', 'debug'))];
    const root = projectNode(project, all);
    const profile = childrenOf(root).find((n) => n.kind === 'composeProfile')!;
    const debug = childrenOf(profile)[0];
    const debugContainer = childrenOf(debug)[0];
    assert.equal(parentOf(root, all), undefined);
    assert.equal(composeItem(parentOf(profile, all)!).id, composeItem(root).id);
    assert.equal(composeItem(parentOf(debug, all)!).id, composeItem(profile).id);
    assert.equal(composeItem(parentOf(debugContainer, all)!).id, composeItem(debug).id);
    assert.equal(composeItem(parentOf(childrenOf(root)[0], all)!).id, composeItem(root).id);
  });
});
