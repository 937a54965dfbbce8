/**
 * One store per resource: the last list the engine returned and a change signal.
 * Refreshes are coalesced: however many times refresh() is called while a list is
 * in flight, at most one more list call follows it. reset() forgets the list (another
 * engine): a list that was in flight then is dropped, never shown. No vscode import,
 * so the coalescing is unit-tested in plain Node.
 */
export type StoreState<T> =
  | { kind: 'loading' }
  | { kind: 'ready'; items: T[] }
  | { kind: 'error'; error: unknown };

export class Store<T> {
  private state: StoreState<T> = { kind: 'loading' };
  private inFlight: Promise<void> | undefined;
  private again = false;
  /** Bumped by reset(): a list started before it belongs to the previous source. */
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

  /**
   * Forgets the current list (the source now lists another engine): the store is loading
   * again, listeners hear it, and a fresh list follows. A list already in flight is
   * discarded when it returns, so nothing of the previous engine shows after this.
   */
  reset(): Promise<void> {
    this.generation++;
    this.state = { kind: 'loading' };
    for (const listener of this.listeners) listener();
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

  private async run(): Promise<void> {
    do {
      this.again = false;
      const generation = this.generation;
      this.listCalls++;
      let next: StoreState<T>;
      try {
        next = { kind: 'ready', items: await this.list() };
      } catch (error) {
        next = { kind: 'error', error };
      }
      // reset() ran meanwhile: this answer is the previous source's; list again instead.
      if (generation !== this.generation) {
        this.again = true;
        continue;
      }
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
