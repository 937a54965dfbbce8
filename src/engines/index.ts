/**
 * Several engines: the Engines view (every Docker context and added endpoint, whether it
 * answers, which engine, its counts), the endpoints added in Berth and the pinned engines
 * (Berth's global state), and the sessions the explorer shows (src/state/sessions.ts).
 * Built before the views, which group by engine when more than one is shown.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { requestTimeoutMs } from '../config/schema';
import { restrictedEndpoint, type BerthContext } from '../context';
import { listContexts, systemEndpointInputs, systemFiles } from '../engine/contexts';
import type { Endpoint } from '../engine/endpoint';
import { EngineRef, endpointOfRef, engineRefKey } from '../engine/engineRefs';
import { EngineStatus, probeEndpoint } from '../engine/probe';
import type { EngineStores } from '../state';
import { EngineSession, EngineSessions } from '../state/sessions';
import { EngineList } from './list';
import { EngineRow, engineRows } from './rows';
import { EnginesProvider } from './view';

export type { EngineRow } from './rows';

export interface Engines {
  sessions: EngineSessions;
  list: EngineList;
  provider: EnginesProvider;
  treeView: vscode.TreeView<EngineRow>;
  /** The rows as the view shows them now. */
  rows(): EngineRow[];
  /** Asks every engine again (ping, version, counts); resolves when each answered or failed. */
  refresh(): Promise<void>;
  endpointOf(ref: EngineRef): Endpoint;
  /** Connects to an endpoint and asks /_ping, /version and /info, with its own connection. */
  probe(endpoint: Endpoint): Promise<EngineStatus>;
}

export function registerEngines(ctx: BerthContext, stores: EngineStores): Engines {
  const list = new EngineList(ctx.extension.globalState);
  const endpointOf = (ref: EngineRef): Endpoint => {
    if (!vscode.workspace.isTrusted) return restrictedEndpoint();
    return endpointOfRef(ref, systemEndpointInputs());
  };
  const sessions = new EngineSessions({
    get engine() {
      return ctx.engine;
    },
    onDidChangeEngine: (listener) => ctx.onDidChangeEngine(listener),
    endpointOf,
    requestTimeoutMs: () => requestTimeoutMs(ctx.config),
    enabled: () => vscode.workspace.isTrusted,
  }, stores, list.pins);
  const statuses = new Map<string, EngineStatus>();
  const rows = (): EngineRow[] => engineRows({
    contexts: listContexts(process.env, process.env.HOME || os.homedir(), systemFiles()),
    added: list.added(),
    current: ctx.engine.endpoint,
    pinned: list.pins.get(),
    statuses,
  });
  const provider = new EnginesProvider(rows);
  const treeView = vscode.window.createTreeView('berth.engines', { treeDataProvider: provider });
  const probe = (endpoint: Endpoint): Promise<EngineStatus> => probeEndpoint(endpoint, Math.min(requestTimeoutMs(ctx.config) || 5000, 5000));
  // Nothing is asked until the view is first shown or refreshed: each check is a connection (an ssh process for ssh).
  let probed = false;
  let refreshing: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    probed = true;
    refreshing ??= (async () => {
      statuses.clear();
      provider.rerender();
      await Promise.all(rows().map(async (row) => {
        statuses.set(engineRefKey(row.ref), await probe(endpointOf(row.ref)));
        provider.rerender();
      }));
    })().finally(() => (refreshing = undefined));
    return refreshing;
  };
  // A session's event stream knows first when its engine stops or comes back: its row says so at once.
  const keyOf = (session: EngineSession): string | undefined => {
    if (session.ref) return engineRefKey(session.ref);
    const current = rows().find((r) => r.current);
    return current && engineRefKey(current.ref);
  };
  let following: { dispose(): void }[] = [];
  const followSessions = (): void => {
    for (const f of following) f.dispose();
    following = sessions.list().map((session) => session.stores.containers.onDidChange(() => {
      if (!probed) return;
      const key = keyOf(session);
      const state = session.stores.containers.current;
      if (!key) return;
      const known = statuses.get(key);
      if (state.kind === 'error' && known?.reachable !== false) {
        statuses.set(key, { reachable: false, error: state.error });
        provider.rerender();
      } else if (state.kind === 'ready' && known?.reachable === false) {
        void probe(session.engine.endpoint).then((status) => {
          statuses.set(key, status);
          provider.rerender();
        });
      }
    }));
  };
  followSessions();
  const probeOnce = (): void => {
    if (probed || !treeView.visible) return;
    void refresh();
  };
  probeOnce();
  ctx.extension.subscriptions.push(
    provider, treeView, sessions,
    treeView.onDidChangeVisibility(probeOnce),
    // Which row is current or pinned changed: the same answers, new marks.
    ctx.onDidChangeEngine(() => provider.rerender()),
    sessions.onDidChange(() => {
      followSessions();
      provider.rerender();
    }),
    { dispose: () => following.forEach((f) => f.dispose()) },
  );
  return { sessions, list, provider, treeView, rows, refresh, endpointOf, probe };
}
