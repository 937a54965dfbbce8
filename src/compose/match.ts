/**
 * Which containers belong to a project's service. The tools label them
 * (com.docker.compose.project / .service); a container without labels (made by an older
 * tool, or relabelled) is matched by name: project_service_1 (v1, podman-compose) or
 * project-service-1 (v2). Pure.
 */
import type { ContainerSummary } from '../engine/types';

export const projectLabel = 'com.docker.compose.project';
export const serviceLabel = 'com.docker.compose.service';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The service a container of this project runs, from its labels or its v1/v2 name; undefined when it is not the project's. */
export function serviceOf(container: ContainerSummary, project: string, services: readonly string[]): string | undefined {
  const labelled = container.labels[projectLabel];
  if (labelled !== undefined) return labelled === project ? container.labels[serviceLabel] : undefined;
  const name = new RegExp(`^${escape(project)}[-_](.+)[-_]\\d+$`).exec(container.name);
  // The longest service name that fits, so "web" does not take "web-api"'s containers.
  return name ? [...services].sort((a, b) => b.length - a.length).find((s) => s === name[1]) : undefined;
}

/** The project's containers by service name (services with none are absent); containers of services no file names go under their label. */
export function containersByService(containers: readonly ContainerSummary[], project: string, services: readonly string[]): Map<string, ContainerSummary[]> {
  const by = new Map<string, ContainerSummary[]>();
  for (const container of containers) {
    const service = serviceOf(container, project, services);
    if (service === undefined) continue;
    const list = by.get(service) ?? [];
    list.push(container);
    by.set(service, list);
  }
  return by;
}

export type ServiceState = 'running' | 'paused' | 'restarting' | 'exited' | 'notCreated';

/** A service's state from its containers: running wins, then restarting, paused, exited; none means not created. */
export function serviceState(containers: readonly ContainerSummary[]): ServiceState {
  if (containers.length === 0) return 'notCreated';
  for (const state of ['running', 'restarting', 'paused'] as const) if (containers.some((c) => c.state === state)) return state;
  return 'exited';
}
