/**
 * The engine: one endpoint, one docker-modem, and the operations per resource
 * (`engine.containers.start(id)`, `engine.images.pull(ref)`, …). Everything returned
 * is plain data from ./types; every failure is an EngineError naming this endpoint.
 */
import * as l10n from '@vscode/l10n';
import { Api } from './api';
import { Containers } from './containers';
import { Endpoint } from './endpoint';
import { EngineError } from './errors';
import { EventFollower, FollowOptions, reconnectBackoff } from './events';
import { Images } from './images';
import { Networks } from './networks';
import { System } from './system';
import { createTransport, Transport, TransportOptions } from './transport';
import type { ContainerSummary, CreateContainerOptions, EngineKind, ImageSummary } from './types';
import { Volumes } from './volumes';

export type { CreateContainerOptions } from './types';
export { toContainerSummary } from './containers';

export interface EngineOptions extends TransportOptions {
  /**
   * Limit for ordinary calls and for the event stream's answer to begin; default 30 s, 0 for
   * none. Streams' bodies, waits, stop/restart, removals, commit, prune, df and uploads have none.
   */
  timeoutMs?: number;
}

export class Engine {
  readonly containers: Containers;
  readonly images: Images;
  readonly networks: Networks;
  readonly volumes: Volumes;
  readonly system: System;
  /** "unix:///var/run/docker.sock (from the DOCKER_HOST environment variable)". */
  readonly label: string;
  private readonly transport: Transport | undefined;
  private readonly api: Api;
  private readonly followers = new Set<EventFollower>();

  constructor(readonly endpoint: Endpoint, options: EngineOptions = {}) {
    this.label = `${endpoint.url || endpoint.context || l10n.t('the engine')} (${endpoint.why})`;
    let broken: EngineError | undefined;
    try {
      this.transport = createTransport(endpoint, options);
    } catch (error) {
      // A broken endpoint still makes an Engine: every call fails with the reason.
      broken = error instanceof EngineError ? error : new EngineError('badRequest', String(error));
    }
    this.api = new Api(this.transport?.modem, this.label, new Set(), broken, options.timeoutMs ?? 30_000);
    this.containers = new Containers(this.api);
    this.images = new Images(this.api);
    this.networks = new Networks(this.api);
    this.volumes = new Volumes(this.api);
    this.system = new System(this.api, { containers: this.containers, images: this.images, networks: this.networks, volumes: this.volumes });
  }

  /** Changes the limit of `EngineOptions.timeoutMs` for the calls that start from now on. */
  setRequestTimeout(timeoutMs: number): void {
    this.api.timeoutMs = timeoutMs;
  }

  /** Follows the engine's events until `stop()`; see events.ts. Retries as fast as this endpoint's kind allows. */
  follow(options: FollowOptions): EventFollower {
    const follower = new EventFollower(this.api, { ...options, backoff: { ...reconnectBackoff(this.endpoint.url), ...options.backoff } });
    this.followers.add(follower);
    // A follower stopped by its owner leaves the set, so a long session's re-follows do not pile up.
    void follower.stopped.then(() => this.followers.delete(follower));
    return follower;
  }

  /** Stops event followers and closes pooled connections (ssh processes included). */
  async dispose(): Promise<void> {
    await Promise.all([...this.followers].map((f) => f.stop()));
    this.followers.clear();
    this.transport?.dispose();
  }

  // The first cut's surface, kept for the views; new code uses the per-resource objects.

  async version(): Promise<{ kind: EngineKind; version: string; apiVersion: string; os: string; arch: string }> {
    const v = await this.system.version();
    return { kind: v.kind, version: v.version, apiVersion: v.apiVersion, os: v.os, arch: v.arch };
  }

  /** Never asks for sizes: `size=1` makes the engine walk every container's filesystem. */
  async listContainers(options: { all?: boolean } = {}): Promise<ContainerSummary[]> {
    return this.containers.list({ all: options.all ?? true });
  }

  async listImages(): Promise<ImageSummary[]> {
    return this.images.list();
  }

  createContainer(options: CreateContainerOptions): Promise<string> {
    return this.containers.create(options);
  }

  startContainer(id: string): Promise<void> {
    return this.containers.start(id);
  }

  removeContainer(id: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    return this.containers.remove(id, options);
  }
}
