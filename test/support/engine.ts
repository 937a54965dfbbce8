/**
 * The private test engine, for the engine and host tiers. scripts/test-env.sh starts
 * it and exports BERTH_TEST_DOCKER_HOST; a test that cannot reach it fails loudly.
 */
import Docker from 'dockerode';
import { Engine } from '../../src/engine/engine';
import type { EngineKind } from '../../src/engine/types';
import { sameImageReference } from '../../src/engine/validate';

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

/** Berth's own engine layer on the private engine. */
export function testEngine(): Engine {
  return new Engine({ url: testDockerHost(), source: 'DOCKER_HOST', why: 'the private test engine' });
}

function requiredEnv(name: string, what: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`No ${what}: ${name} is not set. Run \`npm run env:up\` and source .vscode-test/env/env.sh.`);
  return value;
}

/** The plain registry (127.0.0.1:PORT, no auth). */
export function testRegistry(): string {
  return requiredEnv('BERTH_TEST_REGISTRY', 'test registry');
}

/** The htpasswd registry and its credentials. */
export function testAuthRegistry(): { host: string; username: string; password: string } {
  return {
    host: requiredEnv('BERTH_TEST_AUTH_REGISTRY', 'auth registry'),
    username: requiredEnv('BERTH_TEST_REGISTRY_USER', 'registry user'),
    password: requiredEnv('BERTH_TEST_REGISTRY_PASSWORD', 'registry password'),
  };
}

/** Removes what a test made, whatever state it is in; collects ids as tests go. */
export class Leftovers {
  readonly containers: string[] = [];
  readonly images: string[] = [];
  readonly networks: string[] = [];
  readonly volumes: string[] = [];

  async clean(engine: Engine): Promise<void> {
    for (const id of this.containers.splice(0)) await engine.containers.remove(id, { force: true, volumes: true }).catch(() => undefined);
    for (const id of this.networks.splice(0)) await engine.networks.remove(id).catch(() => undefined);
    for (const name of this.volumes.splice(0)) await engine.volumes.remove(name, { force: true }).catch(() => undefined);
    for (const ref of this.images.splice(0)) await engine.images.remove(ref, { force: true }).catch(() => undefined);
  }
}

/**
 * The engine the tests run against, as scripts/test-env.sh says it started it
 * (BERTH_TEST_ENGINE=podman in podman.sh); a test in the system suite holds Berth's own
 * detection (engine.system.identity()) equal to it. Tests of behaviour that differs between
 * the engines assert what each one does.
 */
export function testEngineKind(): EngineKind {
  return process.env.BERTH_TEST_ENGINE === 'podman' ? 'podman' : 'docker';
}

/** Whether a reference (or id) the engine listed names `expected`, in the one normalised form. */
export function sameImage(listed: string, expected: string): boolean {
  return sameImageReference(listed, expected);
}
