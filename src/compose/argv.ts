/**
 * The compose tool's arguments for each action, as an argv array (never a shell string).
 * Berth always passes the project name and files, so v1 and v2 agree on the project;
 * every action but `up` names every profile, so services behind a profile are stopped,
 * restarted and removed like the others.
 */
import * as l10n from '@vscode/l10n';
import type { ProjectFiles } from './files';

export type ComposeAction = 'up' | 'down' | 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'pull' | 'build' | 'config';
export const composeActions: readonly ComposeAction[] = ['up', 'down', 'start', 'stop', 'restart', 'pause', 'unpause', 'pull', 'build', 'config'];

export interface ComposeRequest {
  action: ComposeAction;
  /** Services to act on; empty: the whole project. */
  services?: string[];
  /** Profiles to enable (up); other actions enable every profile of the project. */
  profiles?: string[];
  /** up: --build (always), --no-build (never), or the tool's default. */
  build?: 'always' | 'never';
  /** up: pull the services' images first (a `pull` run before `up`). */
  pull?: boolean;
  /** down: remove named volumes too (-v). */
  volumes?: boolean;
  /** down: remove images built by the project (--rmi local). */
  localImages?: boolean;
}

export interface RequestProblem {
  message: string;
}

const namePattern = /^[a-zA-Z0-9._-]+$/;

/** One sentence when a request cannot be right (a name with spaces or a leading dash would become an option). */
export function checkRequest(request: ComposeRequest, known?: { services: string[]; profiles: string[] }): string | undefined {
  if (!(composeActions as readonly string[]).includes(request.action)) return l10n.t('"{0}" is not a compose action; use one of {1}.', String(request.action), composeActions.join(', '));
  for (const [kind, names, all] of [['service', request.services, known?.services], ['profile', request.profiles, known?.profiles]] as const) {
    for (const name of names ?? []) {
      if (!namePattern.test(name) || name.startsWith('-')) {
        return kind === 'service'
          ? l10n.t('"{0}" is not a service name: use letters, digits, ".", "_" and "-".', name)
          : l10n.t('"{0}" is not a profile name: use letters, digits, ".", "_" and "-".', name);
      }
      if (all && !all.includes(name)) {
        if (kind === 'service') return all.length ? l10n.t('The project has no service "{0}"; it has {1}.', name, all.join(', ')) : l10n.t('The project has no service "{0}".', name);
        return all.length ? l10n.t('The project has no profile "{0}"; it has {1}.', name, all.join(', ')) : l10n.t('The project has no profile "{0}".', name);
      }
    }
  }
  return undefined;
}

/** Options before the subcommand: project, files, env file, profiles. */
export function globalArgs(project: ProjectFiles, profiles: readonly string[]): string[] {
  return [
    '--project-name', project.name,
    ...project.files.flatMap((f) => ['--file', f]),
    ...(project.envFile ? ['--env-file', project.envFile] : []),
    ...profiles.flatMap((p) => ['--profile', p]),
  ];
}

/**
 * The runs one request takes, in order (an up with pull is a pull, then the up).
 * `allProfiles` are the project's profiles; `serviceProfiles` gives a chosen service's.
 */
export function composeRuns(project: ProjectFiles, request: ComposeRequest, allProfiles: readonly string[], serviceProfiles: (service: string) => readonly string[] = () => []): string[][] {
  const services = request.services ?? [];
  if (request.action === 'up') {
    // A chosen service behind a profile needs its profile on, or the tool refuses it.
    const profiles = [...new Set([...(request.profiles ?? []), ...services.flatMap(serviceProfiles)])];
    const global = globalArgs(project, profiles);
    const up = [...global, 'up', '--detach', ...(request.build === 'always' ? ['--build'] : request.build === 'never' ? ['--no-build'] : []), ...services];
    return request.pull ? [[...global, 'pull', ...services], up] : [up];
  }
  const global = globalArgs(project, allProfiles);
  switch (request.action) {
    case 'down':
      return [[...global, 'down', ...(request.volumes ? ['--volumes'] : []), ...(request.localImages ? ['--rmi', 'local'] : [])]];
    case 'config':
      return [[...global, 'config']];
    default:
      return [[...global, request.action, ...services]];
  }
}

/** What a run is called in its task's title, e.g. "up web, db" or "down -v". */
export function requestLabel(projectName: string, request: ComposeRequest): string {
  const parts: string[] = [request.action];
  if (request.profiles?.length) parts.push(`--profile ${request.profiles.join(',')}`);
  if (request.build === 'always') parts.push('--build');
  if (request.pull) parts.push(l10n.t('(pull first)'));
  if (request.volumes) parts.push('--volumes');
  if (request.localImages) parts.push('--rmi local');
  if (request.services?.length) parts.push(request.services.join(', '));
  return `compose ${projectName}: ${parts.join(' ')}`;
}
