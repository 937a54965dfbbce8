/**
 * The berth-* task definitions as they appear in tasks.json. Their shape is declared
 * in package.json's `taskDefinitions`; these types and `taskLabel` are pure.
 */
import * as l10n from '@vscode/l10n';
import type { BuildOptions } from '../engine/types';
import type { RunOptions } from '../run/options';

/** A build's options as tasks.json holds them: the paths are relative to the workspace folder. */
export interface BuildTaskDefinition extends Pick<BuildOptions, 'tags' | 'buildArgs' | 'target' | 'labels' | 'noCache' | 'pull'> {
  type: 'berth-build';
  /** Path of the Dockerfile, relative to the workspace folder (default: Dockerfile). */
  dockerfile?: string;
  /** Build context folder, relative to the workspace folder (default: the Dockerfile's folder). */
  context?: string;
}

export interface TagTaskDefinition {
  type: 'berth-tag';
  /** The image to tag (name, name:tag or id). */
  image: string;
  tags: string[];
}

export interface PushTaskDefinition {
  type: 'berth-push';
  /** References to push, e.g. 127.0.0.1:5000/app:dev. */
  tags: string[];
}

export type RunTaskDefinition = { type: 'berth-run' } & RunOptions;

export type BerthTaskDefinition = BuildTaskDefinition | TagTaskDefinition | PushTaskDefinition | RunTaskDefinition;

export const taskTypes = ['berth-build', 'berth-tag', 'berth-push', 'berth-run'] as const;
export type TaskType = (typeof taskTypes)[number];

export function taskLabel(definition: BerthTaskDefinition): string {
  switch (definition.type) {
    case 'berth-build':
    {
      const what = definition.tags?.[0] ?? definition.dockerfile ?? 'Dockerfile';
      return definition.target ? l10n.t('build {0} ({1})', what, definition.target) : l10n.t('build {0}', what);
    }
    case 'berth-tag':
      return l10n.t('tag {0} → {1}', definition.image, definition.tags.join(', '));
    case 'berth-push':
      return l10n.t('push {0}', definition.tags.join(', '));
    case 'berth-run':
      return definition.name ? l10n.t('run {0} as {1}', definition.image, definition.name) : l10n.t('run {0}', definition.image);
  }
}
