/**
 * What a stats panel shows: one container, the running containers of a compose project
 * (the com.docker.compose.project label, as `docker compose` sets it), or every running
 * container. Pure functions of the Containers store's list, so membership follows starts
 * and stops through the store's change signal, and unit tests need no engine.
 */
import * as l10n from '@vscode/l10n';
import type { ContainerSummary } from '../engine/types';
import type { StatsMember } from './protocol';

export const composeProjectLabel = 'com.docker.compose.project';

export type StatsScope =
  | { kind: 'container'; id: string; name: string }
  | { kind: 'compose'; project: string }
  | { kind: 'all' };

/** One panel per scope: opening the same scope again reveals it. */
export function scopeKey(scope: StatsScope): string {
  switch (scope.kind) {
    case 'container': return `container:${scope.id}`;
    case 'compose': return `compose:${scope.project}`;
    default: return 'all';
  }
}

export function scopeTitle(scope: StatsScope): string {
  switch (scope.kind) {
    case 'container': return l10n.t('Stats: {0}', scope.name);
    case 'compose': return l10n.t('Stats: {0} (compose)', scope.project);
    default: return l10n.t('Stats: all containers');
  }
}

export function inScope(scope: StatsScope, container: ContainerSummary): boolean {
  switch (scope.kind) {
    case 'container': return container.id === scope.id;
    case 'compose': return container.labels[composeProjectLabel] === scope.project;
    default: return true;
  }
}

/** The running containers the panel streams, by name (only running ones have stats to stream). */
export function scopeMembers(scope: StatsScope, containers: readonly ContainerSummary[]): StatsMember[] {
  return containers
    .filter((c) => c.state === 'running' && inScope(scope, c))
    .map((c) => ({ id: c.id, name: c.name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** One sentence when there is nothing to stream, saying why. */
export function emptyNote(scope: StatsScope, containers: readonly ContainerSummary[]): string | undefined {
  if (scopeMembers(scope, containers).length > 0) return undefined;
  switch (scope.kind) {
    case 'container': {
      const found = containers.find((c) => c.id === scope.id);
      return found ? l10n.t('{0} is {1}; its stats show again when it runs.', scope.name, found.state) : l10n.t('{0} no longer exists.', scope.name);
    }
    case 'compose': return l10n.t('No container of the compose project {0} is running.', scope.project);
    default: return l10n.t('No container is running.');
  }
}

/** The compose projects among the containers, sorted, for the palette's question. */
export function composeProjects(containers: readonly ContainerSummary[]): string[] {
  return [...new Set(containers.map((c) => c.labels[composeProjectLabel]).filter((p): p is string => Boolean(p)))].sort();
}
