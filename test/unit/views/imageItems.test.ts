import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrangeImages, imageItem, ImageNode, imageNodeItem, imageParent, ImageTagNode, layerItem, layerNodes, repoItem, splitReference } from '../../../src/views/imageItems';
import { image } from './fixtures';

const now = 1_700_000_600_000;
const images = [
  image({ id: 'sha256:aaa', repoTags: ['busybox:local', 'busybox:1'], created: 1_700_000_000 }),
  image({ id: 'sha256:bbb', repoTags: ['127.0.0.1:5000/team/app:dev'], containers: 2 }),
  image({ id: 'sha256:ccc', repoDigests: ['127.0.0.1:5000/old@sha256:123'] }),
  image({ id: 'sha256:ddd' }),
];

describe('image items', () => {
  it('splits references at the tag, not at a registry port', () => {
    assert.deepEqual(splitReference('127.0.0.1:5000/team/app:dev'), { repository: '127.0.0.1:5000/team/app', tag: 'dev' });
    assert.deepEqual(splitReference('127.0.0.1:5000/team/app'), { repository: '127.0.0.1:5000/team/app', tag: 'latest' });
    assert.deepEqual(splitReference('busybox@sha256:1'), { repository: 'busybox', tag: '@sha256:1' });
  });

  it('groups tags by repository and hides untagged images unless asked', () => {
    const nodes = arrangeImages(images, { showUntagged: false });
    assert.deepEqual(nodes.map((n) => (n.kind === 'imageRepo' ? n.repository : '')), ['127.0.0.1:5000/team/app', 'busybox']);
    const busybox = nodes[1] as Extract<typeof nodes[number], { kind: 'imageRepo' }>;
    assert.deepEqual(busybox.tags.map((t) => t.reference), ['busybox:1', 'busybox:local']);
    assert.equal(repoItem(busybox).description, '2 tags');
    const shown = arrangeImages(images, { showUntagged: true });
    const untagged = shown[2] as Extract<typeof nodes[number], { kind: 'imageRepo' }>;
    assert.equal(untagged.tags.length, 2);
    assert.equal(repoItem(untagged).contextValue, 'imageRepo.untagged');
  });

  it('shows tag, size and age, and names tagged, digest-only and dangling images in the context value', () => {
    const tagged = imageItem({ kind: 'image', image: images[1], reference: '127.0.0.1:5000/team/app:dev' }, now);
    assert.equal(tagged.label, 'dev');
    assert.equal(tagged.description, '4.2 MB · 10 minutes ago · in use');
    assert.equal(tagged.contextValue, 'image.tagged');
    assert.equal(imageItem({ kind: 'image', image: images[2] }, now).contextValue, 'image.digestOnly');
    const dangling: ImageTagNode = { kind: 'image', image: images[3] };
    assert.equal(imageItem(dangling, now).contextValue, 'image.dangling');
    assert.equal(imageItem(dangling, now).label, '<none> ddd');
    assert.notEqual(imageItem({ kind: 'image', image: images[0], reference: 'busybox:1' }).id, imageItem({ kind: 'image', image: images[0], reference: 'busybox:local' }).id);
  });

  it('renders layers with the instruction, size and age', () => {
    const [layer, empty] = layerNodes({ kind: 'image', image: images[0], reference: 'busybox:1' }, [
      { id: 'sha256:l1', created: 1_700_000_000, createdBy: '/bin/sh -c echo hi > /x', size: 1_500 },
      { id: '<missing>', created: 1_700_000_000, createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', size: 0 },
    ]);
    const first = layerItem(layer as Parameters<typeof layerItem>[0], now);
    assert.equal(first.label, 'RUN echo hi > /x');
    assert.equal(first.description, '1.5 kB · 10 minutes ago');
    const second = layerItem(empty as Parameters<typeof layerItem>[0], now);
    assert.equal(second.label, 'CMD ["sh"]');
    assert.equal(second.contextValue, 'image.layer.empty');
    const [other] = layerNodes({ kind: 'image', image: images[0], reference: 'busybox:local' }, [{ id: 'sha256:l1', created: 0, createdBy: '', size: 1 }]);
    const [imported] = layerNodes({ kind: 'image', image: images[0] }, [{ id: 'sha256:l0', created: 0, createdBy: '', size: 1, comment: 'Imported from -' }]);
    assert.equal(layerItem(imported as Parameters<typeof layerItem>[0]).label, 'Imported from -');
    assert.notEqual(layerItem(other as Parameters<typeof layerItem>[0]).id, first.id, 'layer ids stay unique across the tags of one image');
  });

  it('gives every node of the tree one id, the same after a refresh that changed other images', () => {
    const history = [{ id: 'sha256:l1', created: 0, createdBy: '/bin/sh -c true', size: 1 }, { id: '<missing>', created: 0, createdBy: '', size: 0 }];
    const everyId = (nodes: ImageNode[]): string[] => nodes.flatMap((n) => [imageNodeItem(n, now).id, ...(n.kind === 'imageRepo' ? everyId(n.tags) : n.kind === 'image' ? everyId(layerNodes(n, history)) : [])]);
    const before = everyId(arrangeImages(images, { showUntagged: true }));
    assert.equal(new Set(before).size, before.length, `duplicate ids in ${before.join(', ')}`);
    // Another image arrives and one loses its tag: the others keep their ids, so VS Code keeps their expansion.
    const after = everyId(arrangeImages([...images.slice(1), image({ id: 'sha256:eee', repoTags: ['busybox:new'] }), image({ id: 'sha256:aaa', repoTags: ['busybox:local'] })], { showUntagged: true }));
    assert.equal(new Set(after).size, after.length);
    for (const kept of before.filter((id) => !id.includes('busybox:1'))) assert.ok(after.includes(kept), `${kept} kept its id`);
  });

  it('finds a tag\'s repository and a layer\'s tag, and no parent for a node that is gone', () => {
    const roots = arrangeImages(images, { showUntagged: false });
    const busybox = roots[1] as Extract<ImageNode, { kind: 'imageRepo' }>;
    const tag = busybox.tags[0];
    assert.equal(imageParent(tag, roots), busybox);
    const [layer] = layerNodes(tag, [{ id: 'sha256:l1', created: 0, createdBy: '', size: 1 }]);
    assert.equal(imageParent(layer, roots), tag);
    assert.equal(imageParent(busybox, roots), undefined);
    assert.equal(imageParent({ kind: 'image', image: images[0], reference: 'busybox:gone' }, roots), undefined);
  });
});
