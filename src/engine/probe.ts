/**
 * Asks an endpoint whether it answers and what it is, for the Engines view and for the
 * check made before an endpoint is saved: /_ping, then /version (which engine, which
 * version) and /info (how many containers and images: one call, no list).
 */
import * as l10n from '@vscode/l10n';
import { Engine } from './engine';
import type { Endpoint } from './endpoint';
import type { TransportOptions } from './transport';
import type { VersionInfo } from './types';

export type EngineKind = 'Docker' | 'Podman';

export type EngineStatus =
  | { reachable: true; kind: EngineKind; version: string; apiVersion: string; containers: number; running: number; images: number }
  | { reachable: false; error: unknown };

/** Podman's compatible API names itself in /version's components; everything else is taken for Docker. */
export function engineKindOf(version: Pick<VersionInfo, 'components'>): EngineKind {
  return version.components.some((name) => /podman/i.test(name)) ? 'Podman' : 'Docker';
}

/** "Docker 20.10.24 · 3 containers (1 running) · 2 images", or why it does not answer. */
export function describeStatus(status: EngineStatus): string {
  if (!status.reachable) return l10n.t('not answering');
  const containers = status.containers === 1 ? l10n.t('1 container') : l10n.t('{0} containers', status.containers);
  const running = status.running > 0 ? ` ${l10n.t('({0} running)', status.running)}` : '';
  const images = status.images === 1 ? l10n.t('1 image') : l10n.t('{0} images', status.images);
  return `${status.kind} ${status.version} · ${containers}${running} · ${images}`;
}

/**
 * Connects to `endpoint` with its own short-lived connection (closed at the end; for ssh,
 * its own `ssh … docker system dial-stdio` process), bounded by `timeoutMs` per call.
 */
export async function probeEndpoint(endpoint: Endpoint, timeoutMs = 5000, transport: TransportOptions = {}): Promise<EngineStatus> {
  const engine = new Engine(endpoint, { ...transport, timeoutMs });
  try {
    await engine.system.ping();
    const [version, info] = await Promise.all([engine.system.version(), engine.system.info()]);
    return { reachable: true, kind: engineKindOf(version), version: version.version, apiVersion: version.apiVersion, containers: info.containers, running: info.containersRunning, images: info.images };
  } catch (error) {
    return { reachable: false, error };
  } finally {
    await engine.dispose().catch(() => undefined);
  }
}
