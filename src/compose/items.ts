/**
 * The Compose view's nodes and what each shows, as pure data: a project found in the
 * workspace, its services (those that run without a profile first), a level per
 * profile holding the services it enables, and each service's containers. Services
 * defined in the files but not created show too ("not created").
 */
import * as path from 'node:path';
import type { ContainerSummary } from '../engine/types';
import type { ItemSpec, IconSpec } from '../views/spec';
import type { ProjectFiles } from './files';
import { containersByService, serviceState, ServiceState } from './match';
import type { ComposeProblem, ServiceDefinition } from './definitions';
import { profilesOf } from './definitions';

/** A project as the view knows it: its files, what they define, and problems per file. */
export interface ComposeProject {
  files: ProjectFiles;
  services: ServiceDefinition[];
  profiles: string[];
  /** Parse problems by file path; a project with any is not brought up. */
  problems: { file: string; problems: ComposeProblem[] }[];
  /** Folder shown beside the name, relative to the workspace. */
  where: string;
}

export type ComposeNode =
  | { kind: 'composeProject'; project: ComposeProject; containers: Map<string, ContainerSummary[]> }
  | { kind: 'composeProfile'; project: ComposeProject; profile: string; containers: Map<string, ContainerSummary[]> }
  | { kind: 'composeService'; project: ComposeProject; service: ServiceDefinition; containers: ContainerSummary[]; profile?: string }
  | { kind: 'composeContainer'; project: ComposeProject; service: string; container: ContainerSummary; profile?: string }
  | { kind: 'composeProblem'; project: ComposeProject; file: string; problem: ComposeProblem };

export function projectNode(project: ComposeProject, all: readonly ContainerSummary[]): ComposeNode {
  return { kind: 'composeProject', project, containers: containersByService(all, project.files.name, project.services.map((s) => s.name)) };
}

export function childrenOf(node: ComposeNode): ComposeNode[] {
  switch (node.kind) {
    case 'composeProject': {
      const { project, containers } = node;
      const problems = project.problems.flatMap(({ file, problems: list }) => list.map((problem): ComposeNode => ({ kind: 'composeProblem', project, file, problem })));
      const plain = project.services.filter((s) => s.profiles.length === 0)
        .map((service): ComposeNode => ({ kind: 'composeService', project, service, containers: containers.get(service.name) ?? [] }));
      const profiles = project.profiles.map((profile): ComposeNode => ({ kind: 'composeProfile', project, profile, containers }));
      return [...problems, ...plain, ...profiles];
    }
    case 'composeProfile':
      return node.project.services.filter((s) => s.profiles.includes(node.profile))
        .map((service) => ({ kind: 'composeService', project: node.project, service, containers: node.containers.get(service.name) ?? [], profile: node.profile }));
    case 'composeService':
      return node.containers.map((container) => ({ kind: 'composeContainer', project: node.project, service: node.service.name, container, profile: node.profile }));
    default:
      return [];
  }
}

/** The node a node sits under (for reveal), rebuilt from the same data, so its id is the one shown. */
export function parentOf(node: ComposeNode, all: readonly ContainerSummary[]): ComposeNode | undefined {
  if (node.kind === 'composeProject') return undefined;
  const root = projectNode(node.project, all);
  if (node.kind === 'composeProfile' || node.kind === 'composeProblem') return root;
  const level = node.profile ? childrenOf(root).find((n) => n.kind === 'composeProfile' && n.profile === node.profile) : root;
  if (!level || node.kind === 'composeService') return level;
  return level && childrenOf(level).find((n) => n.kind === 'composeService' && n.service.name === node.service);
}

const stateIcons: Record<ServiceState, IconSpec> = {
  running: { id: 'vm-running', color: 'testing.iconPassed' },
  paused: { id: 'debug-pause', color: 'editorWarning.foreground' },
  restarting: { id: 'debug-restart', color: 'editorWarning.foreground' },
  exited: { id: 'vm-outline', color: 'disabledForeground' },
  notCreated: { id: 'circle-large-outline', color: 'descriptionForeground' },
};

const stateWords: Record<ServiceState, string> = {
  running: 'running', paused: 'paused', restarting: 'restarting', exited: 'stopped', notCreated: 'not created',
};

/** How many of these services run, e.g. "2/3 running". */
function runningCount(services: readonly ServiceDefinition[], containers: Map<string, ContainerSummary[]>): { running: number; created: number; total: number } {
  const states = services.map((s) => serviceState(containers.get(s.name) ?? []));
  return { running: states.filter((s) => s === 'running').length, created: states.filter((s) => s !== 'notCreated').length, total: services.length };
}

/** running (every service that runs by default), partial, stopped (created, none running), down (nothing created). */
function groupState(count: { running: number; created: number; total: number }): string {
  if (count.created === 0) return 'down';
  if (count.running === 0) return 'stopped';
  return count.running === count.total ? 'running' : 'partial';
}

export function composeItem(node: ComposeNode): ItemSpec {
  switch (node.kind) {
    case 'composeProject': {
      const { project } = node;
      const defaults = project.services.filter((s) => s.profiles.length === 0);
      const count = runningCount(defaults, node.containers);
      const anyCreated = project.services.some((s) => (node.containers.get(s.name) ?? []).length > 0);
      const state = project.problems.some((p) => p.problems.length > 0) ? 'invalid' : anyCreated && count.created === 0 ? 'stopped' : groupState(count);
      return {
        id: `compose:${project.files.dir}`,
        label: project.files.name,
        description: `${count.running}/${count.total} running · ${project.where}${project.files.envFile ? ` · ${path.basename(project.files.envFile)}` : ''}`,
        tooltip: `Compose project **${project.files.name}**\n\n${project.files.files.map((f) => `- ${path.basename(f)}`).join('\n')}${project.profiles.length ? `\n\nProfiles: ${project.profiles.join(', ')}` : ''}${project.files.envFile ? `\n\nEnv file: ${project.files.envFile}` : ''}`,
        contextValue: `composeProject.${state}`,
        icon: { id: 'layers', color: state === 'running' ? 'testing.iconPassed' : state === 'invalid' ? 'errorForeground' : undefined },
        collapsible: 'expanded',
      };
    }
    case 'composeProfile': {
      const services = node.project.services.filter((s) => s.profiles.includes(node.profile));
      const count = runningCount(services, node.containers);
      return {
        id: `compose:${node.project.files.dir}:profile:${node.profile}`,
        label: `profile ${node.profile}`,
        description: `${count.running}/${count.total} running`,
        contextValue: `composeProfile.${groupState(count)}`,
        icon: { id: 'tag' },
        collapsible: true,
      };
    }
    case 'composeService': {
      const state = serviceState(node.containers);
      return {
        id: `compose:${node.project.files.dir}:${node.profile ? `profile:${node.profile}:` : ''}service:${node.service.name}`,
        label: node.service.name,
        description: node.containers.length > 1 ? `${stateWords[state]} (${node.containers.length})` : stateWords[state],
        tooltip: `Service **${node.service.name}**: ${stateWords[state]}${node.service.dependsOn.length ? `\n\nDepends on ${node.service.dependsOn.join(', ')}` : ''}${node.service.profiles.length ? `\n\nProfiles: ${node.service.profiles.join(', ')}` : ''}`,
        contextValue: `composeService.${state}`,
        icon: stateIcons[state],
        collapsible: node.containers.length > 0,
      };
    }
    case 'composeContainer':
      return {
        id: `compose:${node.project.files.dir}:container:${node.container.id}`,
        label: node.container.name,
        description: node.container.status,
        contextValue: `composeContainer.${node.container.state}`,
        icon: { id: 'package' },
        collapsible: false,
      };
    case 'composeProblem':
      return {
        id: `compose:${node.project.files.dir}:problem:${node.file}:${node.problem.start.line}:${node.problem.start.character}`,
        label: `${path.basename(node.file)}:${node.problem.start.line + 1}: ${node.problem.message}`,
        contextValue: 'composeProblem',
        icon: { id: 'error', color: 'errorForeground' },
        collapsible: false,
      };
  }
}

/** A project from its files and their parsed models (pure, for the view and the tests). */
export function composeProject(files: ProjectFiles, services: ServiceDefinition[], problems: ComposeProject['problems'], where: string): ComposeProject {
  return { files, services, profiles: profilesOf(services), problems: problems.filter((p) => p.problems.length > 0), where };
}
