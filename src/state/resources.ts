/**
 * The four resource stores and what keeps them current: engine events, routed to the
 * stores they invalidate and coalesced, and a full refresh whenever the event stream
 * (re)connects, so nothing missed while disconnected stays missed. No polling: the
 * only timer is a slow safety refresh. No vscode import: the benchmark runs this in
 * plain Node against a real engine.
 */
import type { ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../engine/types';
import { Coalescer, CoalescerTiming } from './coalescer';
import { EventLike, kindsForEvent, ResourceKind, resourceKinds } from './eventRouter';
import { Store } from './store';

/** The list operations the explorer needs from an engine. */
export interface ListSource {
  listContainers(options?: { all?: boolean }): Promise<ContainerSummary[]>;
  listImages(): Promise<ImageSummary[]>;
  listNetworks(): Promise<NetworkSummary[]>;
  listVolumes(): Promise<VolumeSummary[]>;
}

export interface FeedHandlers {
  onEvent(event: EventLike): void;
  /** The stream is (re)connected: everything may have changed meanwhile. */
  onConnected(): void;
  /** The stream broke; it keeps retrying by itself. */
  onDisconnected(error: unknown): void;
}

/** How the stores reach an engine: its list calls, and its event stream (followed until disposed). */
export interface EngineAdapter<E> {
  lists(engine: E): ListSource;
  follow?(engine: E, handlers: FeedHandlers): { dispose(): void };
}

export interface ResourceStoreOptions {
  /** How events are collected before the stores refresh (defaultCoalescerTiming otherwise). */
  coalescing?: Partial<CoalescerTiming>;
  /** A slow full refresh in case an event was lost; 0 turns it off. */
  safetyRefreshMs?: number;
}

export class ResourceStores<E = unknown> {
  readonly containers: Store<ContainerSummary>;
  readonly images: Store<ImageSummary>;
  readonly networks: Store<NetworkSummary>;
  readonly volumes: Store<VolumeSummary>;
  private readonly coalescer: Coalescer;
  private feed: { dispose(): void } | undefined;
  private safety: ReturnType<typeof setInterval> | undefined;
  private readonly statusListeners = new Set<(connected: boolean, error?: unknown) => void>();
  private readonly eventListeners = new Set<(event: EventLike) => void>();
  /** Events received since start; the benchmark reads it. */
  eventCount = 0;
  /** Whether the event stream is connected now: while it is, events report what actions changed. */
  private following = false;

  private source: ListSource;

  constructor(
    private engine: E,
    private readonly adapter: EngineAdapter<E>,
    options: ResourceStoreOptions = {},
  ) {
    this.source = adapter.lists(engine);
    this.containers = new Store(() => this.source.listContainers({ all: true }));
    this.images = new Store(() => this.source.listImages());
    this.networks = new Store(() => this.source.listNetworks());
    this.volumes = new Store(() => this.source.listVolumes());
    this.coalescer = new Coalescer((kinds) => void this.refresh(kinds), options.coalescing);
    const safetyMs = options.safetyRefreshMs ?? 5 * 60_000;
    if (safetyMs > 0) {
      this.safety = setInterval(() => void this.refresh(resourceKinds), safetyMs);
      this.safety.unref?.();
    }
    this.startFeed();
  }

  store(kind: ResourceKind): Store<unknown> {
    return this[kind] as Store<unknown>;
  }

  /**
   * Another endpoint: new sources, a new event stream, and a full refresh that does not
   * wait for lists still in flight on the old endpoint (it may be one that never answers).
   */
  attach(engine: E): Promise<void> {
    this.engine = engine;
    this.source = this.adapter.lists(engine);
    this.feed?.dispose();
    this.following = false;
    this.startFeed();
    return Promise.all(resourceKinds.map((kind) => this.store(kind).restart())).then(() => undefined);
  }

  /** Refreshes the given stores now (each store coalesces calls that overlap a list in flight). */
  async refresh(kinds: Iterable<ResourceKind> = resourceKinds): Promise<void> {
    await Promise.all([...kinds].map((kind) => this.store(kind).refresh()));
  }

  /**
   * An action changed these stores. While the event stream is connected its events refresh
   * them (one list call for the action's start, die, destroy, ... together); asking here as
   * well cost a second list. Only without the stream does the action ask itself.
   */
  afterAction(kinds: Iterable<ResourceKind>): void {
    if (!this.following) this.requestRefresh(kinds);
  }

  /** Asks for a refresh soon, sharing one list call with whatever else asks in the same window. */
  requestRefresh(kinds: Iterable<ResourceKind> = resourceKinds): void {
    this.coalescer.request(kinds);
  }

  onDidChangeConnection(listener: (connected: boolean, error?: unknown) => void): { dispose(): void } {
    this.statusListeners.add(listener);
    return { dispose: () => this.statusListeners.delete(listener) };
  }

  /** Every engine event the stores receive, replayed ones after a reconnect included (Berth's log and the tests read them). */
  onEvent(listener: (event: EventLike) => void): { dispose(): void } {
    this.eventListeners.add(listener);
    return { dispose: () => this.eventListeners.delete(listener) };
  }

  private startFeed(): void {
    if (!this.adapter.follow) return;
    this.feed = this.adapter.follow(this.engine, {
      onEvent: (event) => {
        this.eventCount++;
        this.coalescer.request(kindsForEvent(event));
        for (const listener of this.eventListeners) listener(event);
      },
      onConnected: () => {
        this.following = true;
        for (const listener of this.statusListeners) listener(true);
        void this.refresh(resourceKinds);
      },
      onDisconnected: (error) => {
        this.following = false;
        for (const listener of this.statusListeners) listener(false, error);
        // Show the failure now rather than at the next action: the lists fail the same way.
        void this.refresh(resourceKinds);
      },
    });
  }

  dispose(): void {
    this.feed?.dispose();
    this.feed = undefined;
    this.coalescer.dispose();
    if (this.safety) clearInterval(this.safety);
    this.statusListeners.clear();
    this.eventListeners.clear();
  }
}
