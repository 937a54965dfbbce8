/**
 * The private test engine, for the engine and host tiers. scripts/test-env.sh starts
 * it and exports BERTH_TEST_DOCKER_HOST; a test that cannot reach it fails loudly.
 */
import Docker from 'dockerode';

export const testImage = 'busybox:local';

export function testDockerHost(): string {
  const host = process.env.BERTH_TEST_DOCKER_HOST ?? process.env.DOCKER_HOST;
  if (!host) {
    throw new Error('No test engine: BERTH_TEST_DOCKER_HOST is not set. Run the tests through `npm test` (or `npm run env:up` and source .vscode-test/env/env.sh).');
  }
  return host;
}

/** A raw dockerode client on the private engine, independent of Berth's own engine layer. */
export function testDocker(): Docker {
  const host = testDockerHost();
  if (!host.startsWith('unix://')) throw new Error(`The test engine must be a unix socket, got ${host}.`);
  return new Docker({ socketPath: host.slice('unix://'.length) });
}

/** A unique name per test run so tests never collide with each other or with leftovers. */
export function uniqueName(prefix: string): string {
  return `berth-test-${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
