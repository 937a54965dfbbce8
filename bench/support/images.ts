/**
 * Many distinct images in one `docker load`: a save-format archive (manifest.json, one
 * config and one layer per image) generated in memory. Each image has a layer of its own
 * (a one-file rootfs) and a config of its own, so each is a distinct image id, the way
 * a machine with many images looks, not many tags of one image. One load call makes
 * 200 of them in about 20 s on a 2-core machine (the engine registers each layer),
 * where 200 commits took over a minute.
 */
import { createHash } from 'node:crypto';
import * as tar from 'tar-stream';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

function tarOf(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
  for (const entry of entries) pack.entry({ name: entry.name, size: entry.data.length, mode: 0o644, mtime: new Date(0) }, entry.data);
  pack.finalize();
  return done;
}

/** References like `bench/app-3:v7`: 20 repositories with a tag per image, as the explorer groups them. */
export function benchImageReference(index: number, suffix = ''): string {
  return `bench/app-${index % 20}:v${Math.floor(index / 20)}${suffix ? `-${suffix}` : ''}`;
}

/** A `docker save`-format archive holding `count` distinct images, each labelled `label=runId`. */
export async function distinctImagesArchive(count: number, options: { label: string; runId: string }): Promise<Buffer> {
  const entries: { name: string; data: Buffer }[] = [];
  const manifest: { Config: string; RepoTags: string[]; Layers: string[] }[] = [];
  const created = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const layer = await tarOf([{ name: 'bench-image.txt', data: Buffer.from(`image ${i} of run ${options.runId}\n`) }]);
    const diffId = sha256(layer);
    const config = JSON.stringify({
      architecture: 'amd64', os: 'linux', created,
      config: { Cmd: ['sh'], Labels: { [options.label]: options.runId, [`${options.label}.index`]: String(i) } },
      rootfs: { type: 'layers', diff_ids: [`sha256:${diffId}`] },
      history: [{ created, created_by: 'berth bench: distinct image' }],
    });
    const configName = `${sha256(config)}.json`;
    entries.push({ name: `${diffId}/layer.tar`, data: layer }, { name: configName, data: Buffer.from(config) });
    manifest.push({ Config: configName, RepoTags: [benchImageReference(i, options.runId)], Layers: [`${diffId}/layer.tar`] });
  }
  entries.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) });
  return tarOf(entries);
}
