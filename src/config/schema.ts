/**
 * Settings as plain data: their types and defaults, with no vscode import so unit
 * tests can hold these defaults equal to package.json's `contributes.configuration`.
 */
export type ContainerField = 'name' | 'image' | 'status' | 'ports' | 'created';
export type ContainerGroupBy = 'none' | 'composeProject' | 'state' | 'image';
export type ContainerSortBy = 'created' | 'name';

export interface BerthConfig {
  /** Engine endpoint; empty means DOCKER_HOST, then the Docker context, then default sockets. */
  host: string;
  /** What a container item's label shows. */
  'containers.label': ContainerField;
  /** What a container item's description shows, in order. */
  'containers.description': ContainerField[];
  'containers.groupBy': ContainerGroupBy;
  'containers.sortBy': ContainerSortBy;
  'containers.showStopped': boolean;
  /** Show images that have no tag (dangling or digest-only). */
  'images.showUntagged': boolean;
  /** Show the engine's own networks (bridge, host, none). */
  'networks.showBuiltIn': boolean;
}

export const configSection = 'berth';

export const configDefaults: BerthConfig = {
  host: '',
  'containers.label': 'name',
  'containers.description': ['image', 'status', 'ports'],
  'containers.groupBy': 'none',
  'containers.sortBy': 'created',
  'containers.showStopped': true,
  'images.showUntagged': false,
  'networks.showBuiltIn': false,
};

export const containerFields: readonly ContainerField[] = ['name', 'image', 'status', 'ports', 'created'];
export const containerGroupings: readonly ContainerGroupBy[] = ['none', 'composeProject', 'state', 'image'];
export const containerSortings: readonly ContainerSortBy[] = ['created', 'name'];
