/**
 * Every action request any Engine sends, as its `docker` command line, to whoever listens
 * (Berth's log, the copy commands' memory of how an image was made, the equivalence test).
 * One feed for all engines, pinned ones included; nothing is computed while nobody listens.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { dockerCommand, RequestRecord } from './dockerCommand';

export interface EngineAction {
  /** `['docker', 'run', '-d', …]`. */
  argv: string[];
  /** The engine it was sent to, as Engine.label names it. */
  engine: string;
}

type Listener = (action: EngineAction) => void;

const listeners = new Set<Listener>();
// The sink of the work running now (a task's terminal): requests made within it, and only those, reach it.
const sinks = new AsyncLocalStorage<(argv: string[]) => void>();

/** Runs `work`; every action request sent within it (however deep, however async) also goes to `sink`. */
export function withActionSink<T>(sink: (argv: string[]) => void, work: () => T): T {
  return sinks.run(sink, work);
}

/** Listens until the returned function is called. */
export function onEngineAction(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by the Api for each request it sends; a listener's failure never reaches the request. */
export function reportRequest(request: RequestRecord, engine: string): void {
  const sink = sinks.getStore();
  if (listeners.size === 0 && !sink) return;
  const argv = dockerCommand(request);
  if (!argv) return;
  try {
    sink?.(argv);
  } catch {
    // As below: showing the command must not fail the action.
  }
  for (const listener of listeners) {
    try {
      listener({ argv, engine });
    } catch {
      // A log that failed must not fail the action it logs.
    }
  }
}
