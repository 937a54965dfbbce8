/**
 * The engines the explorer shows at once. Each is an EngineSession: one endpoint, its
 * Engine and its own stores, live from its own event stream. The primary session is
 * Berth's chosen engine (berth.context / berth.host, replaced on a switch: the stores
 * created at activation); each pinned engine adds a session of its own, so when one of
 * them stops only its stores fail. An engine pinned and chosen at once is shown once.
 *
 * Commands find the engine of what they act on through `sessionOf(item)`: every record a
 * session's stores list (container, image, network, volume) is remembered as that
 * session's (a WeakMap, so nothing is kept alive by it), and a tree node is resolved
 * through the record it carries. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import { Engine } from '../engine/engine';
import type { Endpoint } from '../engine/endpoint';
import { EngineRef, engineRefKey } from '../engine/engineRefs';
import { engineAdapter } from './engineSource';
import type { EngineStores } from './index';
import { ResourceStores } from './resources';
import { resourceKinds } from './eventRouter';

export interface EngineSession {
  /** "primary" for Berth's chosen engine, else the pinned ref's key ("context:NAME", "endpoint:URL"). */
  readonly key: string;
  /** What its group is called: the context's or endpoint's name, or the URL. */
  readonly label: string;
  readonly primary: boolean;
  readonly engine: Engine;
  readonly stores: EngineStores;
  /** The pinned ref, for a pinned session. */
  readonly ref?: EngineRef;
}

/** Where the pinned refs are kept (Berth's global state in the extension; a plain object in tests). */
export interface PinStore {
  get(): EngineRef[];
  set(refs: EngineRef[]): Promise<void>;
}

export interface SessionsHost {
  /** Berth's chosen engine, replaced on a switch. */
  readonly engine: Engine;
  onDidChangeEngine(listener: (engine: Engine) => void): { dispose(): void };
  /** The endpoint a pinned ref stands for (reads the context store). */
  endpointOf(ref: EngineRef): Endpoint;
  requestTimeoutMs(): number;
  /** False in Restricted Mode: no pinned engine is connected to. */
  enabled(): boolean;
}

/**
 * A group's name: the context's ("desktop-linux"); "default" for DOCKER_HOST or the
 * default socket (what the docker CLI calls that engine); else the URL without unix://.
 */
export function endpointLabel(endpoint: Pick<Endpoint, 'url' | 'context' | 'source'>): string {
  if (endpoint.context) return endpoint.context;
  if (endpoint.source === 'DOCKER_HOST' || endpoint.source === 'default') return 'default';
  return endpoint.url.replace(/^unix:\/\//, '') || l10n.t('no engine');
}

function refLabel(ref: EngineRef): string {
  return ref.name;
}

/** Records a tree node or command argument may carry, in the order they identify the engine. */
function recordsOf(item: unknown): unknown[] {
  if (typeof item !== 'object' || item === null) return [];
  const node = item as Record<string, unknown>;
  const tags = Array.isArray(node.tags) ? (node.tags as { image?: unknown }[]).map((t) => t.image) : [];
  const members = Array.isArray(node.containers) ? node.containers.slice(0, 1) : [];
  return [item, node.container, node.image, node.network, node.volume, ...tags, ...members].filter((r) => typeof r === 'object' && r !== null);
}

export class EngineSessions {
  readonly primary: EngineSession;
  private readonly pinnedSessions = new Map<string, EngineSession & { dispose(): void }>();
  private readonly owners = new WeakMap<object, EngineSession>();
  private readonly listeners = new Set<() => void>();
  private readonly subscriptions: { dispose(): void }[] = [];

  constructor(
    private readonly host: SessionsHost,
    primaryStores: EngineStores,
    private readonly pins: PinStore,
  ) {
    this.primary = {
      key: 'primary',
      primary: true,
      stores: primaryStores,
      get engine() {
        return host.engine;
      },
      get label() {
        return endpointLabel(host.engine.endpoint);
      },
    };
    this.watch(this.primary);
    this.subscriptions.push(host.onDidChangeEngine(() => this.reconcile()));
    this.reconcile();
  }

  /** The sessions shown: the primary first, then the pinned ones in the order they were pinned. */
  list(): EngineSession[] {
    return [this.primary, ...this.pinnedSessions.values()];
  }

  /** More than one engine is shown: the views group by engine. */
  get several(): boolean {
    return this.pinnedSessions.size > 0;
  }

  pinned(): EngineRef[] {
    return this.pins.get();
  }

  isPinned(ref: EngineRef): boolean {
    const key = engineRefKey(ref);
    return this.pins.get().some((r) => engineRefKey(r) === key);
  }

  async pin(ref: EngineRef): Promise<void> {
    if (this.isPinned(ref)) return;
    await this.pins.set([...this.pins.get(), ref]);
    this.reconcile();
  }

  async unpin(ref: EngineRef): Promise<void> {
    const key = engineRefKey(ref);
    await this.pins.set(this.pins.get().filter((r) => engineRefKey(r) !== key));
    this.reconcile();
  }

  byKey(key: string | undefined): EngineSession | undefined {
    return key === undefined ? undefined : this.list().find((s) => s.key === key);
  }

  /** The session an item (a tree node, a record from a store, an engine group) belongs to; the primary when none says. */
  sessionOf(item: unknown): EngineSession {
    const node = item as { kind?: string; session?: EngineSession } | undefined;
    if (node?.kind === 'engine' && node.session) return node.session;
    for (const record of recordsOf(item)) {
      const owner = this.owners.get(record as object);
      if (owner) return owner;
    }
    return this.primary;
  }

  /** Fires when sessions come or go (a pin, an unpin, a switch that made a pinned engine the primary one). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Brings the pinned sessions in line with the pins: one per pinned ref, except the one
   * that is the primary engine already (same URL); the others are disposed.
   */
  reconcile(): void {
    const wanted = new Map<string, EngineRef>();
    for (const ref of this.host.enabled() ? this.pins.get() : []) {
      const endpoint = this.host.endpointOf(ref);
      if (endpoint.url && endpoint.url === this.host.engine.endpoint.url) continue;
      wanted.set(engineRefKey(ref), ref);
    }
    let changed = false;
    for (const [key, session] of this.pinnedSessions) {
      if (wanted.has(key)) continue;
      session.dispose();
      this.pinnedSessions.delete(key);
      changed = true;
    }
    for (const [key, ref] of wanted) {
      if (this.pinnedSessions.has(key)) continue;
      this.pinnedSessions.set(key, this.open(key, ref));
      changed = true;
    }
    if (changed) for (const listener of this.listeners) listener();
  }

  private open(key: string, ref: EngineRef): EngineSession & { dispose(): void } {
    const engine = new Engine(this.host.endpointOf(ref), { timeoutMs: this.host.requestTimeoutMs() });
    const stores: EngineStores = new ResourceStores(engine, engineAdapter);
    let watching: { dispose(): void }[] = [];
    const session = {
      key, label: refLabel(ref), primary: false, engine, stores, ref,
      dispose: () => {
        for (const w of watching) w.dispose();
        stores.dispose();
        void engine.dispose().catch(() => undefined);
      },
    };
    watching = this.watch(session);
    void stores.refresh();
    return session;
  }

  /** Remembers every record the session's stores list as the session's. */
  private watch(session: EngineSession): { dispose(): void }[] {
    return resourceKinds.map((kind) => {
      const store = session.stores.store(kind);
      const remember = (): void => {
        const state = store.current;
        if (state.kind === 'ready') for (const item of state.items) if (typeof item === 'object' && item !== null) this.owners.set(item, session);
      };
      remember();
      return store.onDidChange(remember);
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const session of this.pinnedSessions.values()) session.dispose();
    this.pinnedSessions.clear();
    this.listeners.clear();
  }
}
