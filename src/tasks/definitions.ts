/**
 * The berth-* task definitions as they appear in tasks.json. Their shape is declared
 * in package.json's `taskDefinitions`; these types and `taskLabel` are pure.
 */
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
      return `build ${definition.tags?.[0] ?? definition.dockerfile ?? 'Dockerfile'}${definition.target ? ` (${definition.target})` : ''}`;
    case 'berth-tag':
      return `tag ${definition.image} → ${definition.tags.join(', ')}`;
    case 'berth-push':
      return `push ${definition.tags.join(', ')}`;
    case 'berth-run':
      return `run ${definition.image}${definition.name ? ` as ${definition.name}` : ''}`;
  }
}
