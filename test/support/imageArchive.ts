/**
 * Many distinct images in one `docker save` archive, for scale tests. Committing 500
 * images one by one takes minutes; instead the archive of one saved image (its layer
 * and config) is rewritten into N images that share that layer, each with its own
 * config (a label of its own, so its own image id) and its own tag. One `images.load`
 * then creates them all: the engine stores the shared layer once and each image costs
 * only its config and its tag.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { packFiles, TarEntry, TarFile } from '../../src/engine/tar';

export interface ImageVariant {
  /** The tag it is loaded as, e.g. `scale/app-3:v12`. */
  repoTag: string;
  /** Labels added to the base image's config; a distinct set gives a distinct image id. */
  labels: Record<string, string>;
}

interface ManifestEntry {
  Config: string;
  RepoTags: string[] | null;
  Layers: string[];
}

/** The base archive's single image: its manifest entry, its parsed config, and every other file (the layers). */
function baseImage(entries: TarEntry[]): { manifest: ManifestEntry; config: Record<string, unknown>; layerFiles: TarEntry[] } {
  const manifestFile = entries.find((e) => e.path === 'manifest.json');
  if (!manifestFile) throw new Error('not a docker save archive: no manifest.json');
  const manifests = JSON.parse(manifestFile.content.toString('utf8')) as ManifestEntry[];
  if (manifests.length !== 1) throw new Error(`expected an archive of one image, got ${manifests.length}`);
  const [manifest] = manifests;
  const configFile = entries.find((e) => e.path === manifest.Config);
  if (!configFile) throw new Error(`the archive lacks its config ${manifest.Config}`);
  const layerFiles = entries.filter((e) => e.type === 'file' && e.path !== 'manifest.json' && e.path !== 'repositories' && e.path !== manifest.Config);
  return { manifest, config: JSON.parse(configFile.content.toString('utf8')) as Record<string, unknown>, layerFiles };
}

/** The config of one variant: the base's, with the variant's labels merged in. */
export function variantConfig(base: Record<string, unknown>, labels: Record<string, string>): Record<string, unknown> {
  const config = (base.config ?? {}) as Record<string, unknown>;
  const merged = { ...((config.Labels as Record<string, string> | null) ?? {}), ...labels };
  return { ...base, config: { ...config, Labels: merged } };
}

/** The files of the archive: the base's layers once, one config per variant (named by its digest), one manifest listing them all. */
export function variantFiles(entries: TarEntry[], variants: readonly ImageVariant[]): TarFile[] {
  const { manifest, config, layerFiles } = baseImage(entries);
  const files: TarFile[] = layerFiles.map((e) => ({ path: e.path, content: e.content }));
  const manifests: ManifestEntry[] = [];
  for (const variant of variants) {
    const content = JSON.stringify(variantConfig(config, variant.labels));
    const name = `${createHash('sha256').update(content).digest('hex')}.json`;
    files.push({ path: name, content });
    manifests.push({ Config: name, RepoTags: [variant.repoTag], Layers: manifest.Layers });
  }
  files.push({ path: 'manifest.json', content: JSON.stringify(manifests) });
  return files;
}

/** A `docker save` archive holding every variant, ready for `images.load`. */
export function variantsArchive(entries: TarEntry[], variants: readonly ImageVariant[]): Readable {
  return packFiles(variantFiles(entries, variants));
}
