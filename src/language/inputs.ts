/**
 * What the language client tells the server, computed from Berth's own state: the
 * lint settings and the engine's images. Pure (no vscode), so unit tests pin it.
 *
 * Images are sent as references only. Completion after FROM needs nothing more, and
 * the image list already has every tag; platforms would cost one inspect per image
 * on every refresh of the list, so InvalidBaseImagePlatform stays quiet for local
 * images (its documented behaviour when a platform is unknown) rather than paying that.
 */
import type { BerthConfig } from '../config/schema';
import type { ImageSummary } from '../engine/types';
import type { LintSettings, LocalImagesParams } from './protocol';

export function lintSettingsOf(config: Pick<BerthConfig, 'lint.enabled' | 'lint.severity' | 'shellcheck.path'>): LintSettings {
  return { enabled: config['lint.enabled'], severity: { ...config['lint.severity'] }, shellcheckPath: config['shellcheck.path'] };
}

/** Every `name:tag` the engine lists, sorted and once each; untagged images have none to offer. */
export function localImageRefs(images: readonly ImageSummary[]): string[] {
  const refs = new Set<string>();
  for (const image of images) for (const tag of image.repoTags) if (tag && !tag.startsWith('<none>')) refs.add(tag);
  return [...refs].sort();
}

/** The engine's default build platform from its version answer (`linux/amd64`). */
export function enginePlatformOf(version: { os?: string; arch?: string } | undefined): string | undefined {
  return version?.os && version.arch ? `${version.os}/${version.arch}` : undefined;
}

/** Params for `sendLocalImages`, or undefined when they equal the ones sent last. */
export function changedParams<T extends LocalImagesParams | LintSettings>(next: T, last: T | undefined): T | undefined {
  return last !== undefined && JSON.stringify(next) === JSON.stringify(last) ? undefined : next;
}
