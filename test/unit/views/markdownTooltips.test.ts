/**
 * Tooltips are Markdown, and names, labels, commands and paths come from whoever made
 * the container or image. Each tooltip built from hostile values is rendered with a
 * CommonMark renderer: no link, image, emphasis or heading may come out of the data,
 * and the value must read as it was typed.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { containerTooltip, mountItem } from '../../../src/views/containerItems';
import { groupItem } from '../../../src/views/containerTree';
import { imageItem, layerItem } from '../../../src/views/imageItems';
import { mdBlock, mdCode, mdText } from '../../../src/views/markdown';
import { networkItem } from '../../../src/views/networkItems';
import { volumeItem } from '../../../src/views/volumeItems';
import { filesNodeItem } from '../../../src/files/nodes';
import { container, image } from './fixtures';

// linkify: VS Code's hover renderer turns bare URLs into links too (GFM autolinks).
const markdown = new MarkdownIt({ html: false, linkify: true });
/** What a person sees: the rendered HTML's text, entities decoded. */
const visible = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'");

const hostile = [
  'pwn](https://evil.example/x)',
  '![x](https://evil.example/pixel.png)',
  '[click](command:workbench.action.terminal.new)',
  '<img src=https://evil.example/p.png>',
  '**bold** _it_ `code` # not a heading',
  'multi\n# heading\n- item',
  '``` fence',
  'a\\*b',
  'https://evil.example/bare and www.evil.example',
];

/** The rendered tooltip has no markup the value could have made. */
function assertInert(tooltip: string | undefined, value: string): void {
  assert.ok(tooltip, 'a tooltip');
  const html = markdown.render(tooltip);
  assert.doesNotMatch(html, /<a |<img|<h\d|<li>|<em>/, `markup came out of ${JSON.stringify(value)}:\n${html}`);
  assert.ok(visible(html).replace(/\s+/g, ' ').includes(value.replace(/\s+/g, ' ')), `${JSON.stringify(value)} does not read as typed in:\n${visible(html)}`);
}

describe('Markdown tooltips escape engine data', () => {
  for (const value of hostile) {
    it(`container, group, mount, image, layer, network, volume and file tooltips keep ${JSON.stringify(value)} inert`, () => {
      const c = container({ name: value, image: value, command: value, labels: { 'com.docker.compose.project': value }, mounts: [{ type: 'bind', source: value, destination: '/data', readOnly: false }] });
      assertInert(containerTooltip(c), value);
      assertInert(groupItem({ kind: 'containerGroup', by: 'composeProject', key: value, containers: [c] }).tooltip, value);
      assertInert(mountItem(c, c.mounts[0]).tooltip, value);
      const img = image({ id: 'sha256:abc', repoTags: [`app:${value}`, 'other:1'] });
      assertInert(imageItem({ kind: 'image', image: img, reference: 'other:1' }).tooltip, value);
      assertInert(layerItem({ kind: 'imageLayer', image: img, index: 0, layer: { id: 'l', created: 0, createdBy: value, size: 1, comment: '' }, history: [] }).tooltip, value);
      const network = { id: 'n1', name: value, driver: 'bridge', scope: 'local', internal: false, attachable: false, created: '', labels: {}, ipam: [], containers: {} };
      assertInert(networkItem({ kind: 'network', network, containers: [] }).tooltip, value);
      const volume = { name: value, driver: 'local', mountpoint: value, scope: 'local', created: '', labels: {}, options: {} };
      assertInert(volumeItem({ kind: 'volume', volume, containers: [c] }).tooltip, value);
      assertInert(filesNodeItem({ kind: 'filesRoot', container: c } as Parameters<typeof filesNodeItem>[0]).tooltip, value);
    });
  }

  it('code spans and blocks cannot be closed by the value', () => {
    assert.equal(visible(markdown.renderInline(mdCode('a ``` b'))).trim(), 'a ``` b');
    assert.match(markdown.render(mdBlock('x\n```\n[y](https://e.x)')), /^<pre><code>x\n```\n\[y\]\(https:\/\/e\.x\)\n<\/code><\/pre>\n$/);
    assert.equal(visible(markdown.renderInline(mdText('1. not a list'))), '1. not a list');
  });
});
