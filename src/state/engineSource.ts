/**
 * Adapts the engine layer to the stores: its list calls, and its event follower
 * (which reconnects with backoff and resumes with `since`) as connect/event signals.
 */
import type { Engine } from '../engine/engine';
import type { EngineAdapter } from './resources';

export const engineAdapter: EngineAdapter<Engine> = {
  lists: (engine) => ({
    listContainers: (options) => engine.containers.list({ all: options?.all ?? true }),
    listImages: () => engine.images.list(),
    listNetworks: () => engine.networks.list(),
    listVolumes: () => engine.volumes.list(),
  }),
  follow: (engine, handlers) => {
    const follower = engine.follow({
      types: ['container', 'image', 'network', 'volume', 'daemon'],
      onEvent: (event) => handlers.onEvent(event),
      onState: (state) => {
        if (state.kind === 'connected') handlers.onConnected();
        // Report the first failure of a run, not every retry: the lists fail the same way.
        else if (state.kind === 'disconnected' && state.attempt === 1) handlers.onDisconnected(state.error);
      },
    });
    return { dispose: () => void follower.stop() };
  },
};
