/**
 * One store per resource: the last list the engine returned and a change signal.
 * Refreshes are coalesced: however many times refresh() is called while a list is
 * in flight, at most one more list call follows it. No vscode import, so the
 * coalescing is unit-tested in plain Node.
 */
export type StoreState<T> =
  | { kind: 'loading' }
  | { kind: 'ready'; items: T[] }
  | { kind: 'error'; error: unknown };

export class Store<T> {
  private state: StoreState<T> = { kind: 'loading' };
  private inFlight: Promise<void> | undefined;
  private again = false;
  /** Bumped by restart(); a list that started under an older generation is ignored. */
  private generation = 0;
  private readonly listeners = new Set<() => void>();
  /** How many times the list function ran; benchmarks and tests read it. */
  listCalls = 0;

  constructor(private list: () => Promise<T[]>) {}

  get current(): StoreState<T> {
    return this.state;
  }

  /** Replaces the list function (e.g. when the engine endpoint changes) and refreshes. */
  setSource(list: () => Promise<T[]>): Promise<void> {
    this.list = list;
    return this.refresh();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Resolves when a list that started after this call has finished. */
  refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.run();
    return this.inFlight;
  }

  /**
   * Starts over, for another endpoint: back to loading (the last list was another engine's,
   * and acting on it would reach the wrong one), and lists now, abandoning a list in flight:
   * its answer (perhaps from an endpoint that hangs until a timeout) will be ignored.
   * Callers still waiting on the abandoned list are released with the new one.
   */
  restart(): Promise<void> {
    this.generation++;
    this.inFlight = undefined;
    this.again = false;
    this.state = { kind: 'loading' };
    for (const listener of this.listeners) listener();
    return this.refresh();
  }

  private async run(): Promise<void> {
    const generation = this.generation;
    do {
      this.again = false;
      this.listCalls++;
      let next: StoreState<T>;
      try {
        next = { kind: 'ready', items: await this.list() };
      } catch (error) {
        next = { kind: 'error', error };
      }
      // Abandoned by restart(): the newer list owns the state; wait for it instead.
      if (generation !== this.generation) return this.inFlight;
      this.state = next;
      for (const listener of this.listeners) listener();
    } while (this.again);
    this.inFlight = undefined;
  }

  /** Waits for the first list to have finished, whatever it returned. */
  async ready(): Promise<StoreState<T>> {
    if (this.state.kind === 'loading') await this.refresh();
    return this.state;
  }
}

/** The items of a ready store, or [] while loading or failed. */
export function itemsOf<T>(store: Store<T>): T[] {
  const state = store.current;
  return state.kind === 'ready' ? state.items : [];
}
