/** Plain data records shaped like the engine layer's, for the pure item tests. */
import type { ContainerSummary, ImageSummary } from '../../../src/engine/types';

export function container(overrides: Partial<ContainerSummary> & { name: string }): ContainerSummary {
  return {
    id: `${overrides.name}-id`.padEnd(64, '0'),
    image: 'busybox:local',
    imageId: 'sha256:1',
    command: 'sleep 60',
    created: 1_700_000_000,
    state: 'running',
    status: 'Up 2 minutes',
    ports: [],
    labels: {},
    mounts: [],
    networks: ['bridge'],
    ...overrides,
  };
}

export function image(overrides: Partial<ImageSummary> & { id: string }): ImageSummary {
  return { repoTags: [], repoDigests: [], created: 1_700_000_000, size: 4_200_000, labels: {}, containers: 0, ...overrides };
}
