/**
 * The explorer's stores, created once at activation and handed to whoever reads them
 * (views, commands, the language client). They follow the context's engine when the
 * endpoint changes and say in the log when the event stream comes and goes. No vscode
 * import: the host is described by what it does, so plain-Node benchmarks can build one.
 */
import * as l10n from '@vscode/l10n';
import type { Engine } from '../engine/engine';
import { describeError } from '../errorText';
import { engineAdapter } from './engineSource';
import { ResourceStores } from './resources';

export type EngineStores = ResourceStores<Engine>;

interface Disposable {
  dispose(): void;
}

/** What the stores need from the one context: its engine, its log, and news of an engine switch. */
export interface StoreHost {
  readonly engine: Engine;
  readonly log: { info(message: string): void; warn(message: string): void; trace(message: string): void };
  onDidChangeEngine(listener: (engine: Engine) => void): Disposable;
}

/** The stores over the host's engine, and the listeners to dispose with them (stores included). */
export function createStores(host: StoreHost): { stores: EngineStores; disposables: Disposable[] } {
  const stores = new ResourceStores(host.engine, engineAdapter);
  return {
    stores,
    disposables: [
      stores,
      host.onDidChangeEngine((engine) => void stores.attach(engine)),
      // What Show Log (one of the unreachable views' actions) tells: when the engine went away and came back.
      stores.onDidChangeConnection((connected, error) => {
        if (connected) host.log.info(l10n.t('Following the events of {0}.', host.engine.label));
        else host.log.warn(l10n.t('Lost the engine\'s event stream: {0} Reconnecting…', describeError(error)));
      }),
      stores.onEvent((event) => host.log.trace(`engine event: ${event.type} ${event.action} ${event.id ?? ''}`)),
    ],
  };
}
