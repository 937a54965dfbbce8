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
  /** Stores an action in flight is changing: their events wait for its end (kind -> actions). */
  private readonly held = new Map<ResourceKind, number>();

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
    this.startFeed();
    return Promise.all(resourceKinds.map((kind) => this.store(kind).restart())).then(() => undefined);
  }

  /** Refreshes the given stores now (each store coalesces calls that overlap a list in flight). */
  async refresh(kinds: Iterable<ResourceKind> = resourceKinds): Promise<void> {
    await Promise.all([...kinds].map((kind) => this.store(kind).refresh()));
  }

  /**
   * Runs an action that changes these stores. The events it causes (a start's network
   * connect, then its start, a second later on a busy engine) do not refresh them one by
   * one meanwhile: the action's end asks once, and events arriving with it share that list
   * call. Other stores are not refreshed at all (a start used to relist all four). Without
   * an event stream this is what keeps the stores current.
   */
  async during<T>(kinds: readonly ResourceKind[], work: () => Promise<T>, holdLimitMs = 3000): Promise<T> {
    for (const kind of kinds) this.held.set(kind, (this.held.get(kind) ?? 0) + 1);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      for (const kind of kinds) {
        const left = (this.held.get(kind) ?? 1) - 1;
        if (left > 0) this.held.set(kind, left);
        else this.held.delete(kind);
      }
      this.coalescer.request(kinds.filter((kind) => !this.held.has(kind)));
    };
    // An action that never ends (a stop on a hanging engine) must not stop the stores following events.
    const limit = setTimeout(release, holdLimitMs);
    try {
      return await work();
    } finally {
      clearTimeout(limit);
      if (released) this.coalescer.request(kinds);
      release();
    }
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
        // A store an action is changing refreshes at the action's end instead.
        this.coalescer.request(kindsForEvent(event).filter((kind) => !this.held.has(kind)));
        for (const listener of this.eventListeners) listener(event);
      },
      onConnected: () => {
        for (const listener of this.statusListeners) listener(true);
        void this.refresh(resourceKinds);
      },
      onDisconnected: (error) => {
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
