/**
 * One pending run per document: scheduling again replaces the pending one (typing pushes the
 * diagnostics back). Shared by the Dockerfile and compose servers. A delay of 0 (a file just
 * opened, or no debounce configured) runs at the next turn of the event loop: setTimeout(0)
 * waits a whole millisecond.
 */
export class PerDocument {
  private readonly pending = new Map<string, () => void>();

  schedule(uri: string, delay: number, run: () => void): void {
    this.cancel(uri);
    const go = () => {
      this.pending.delete(uri);
      run();
    };
    if (delay <= 0) {
      const immediate = setImmediate(go);
      this.pending.set(uri, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(go, delay);
      this.pending.set(uri, () => clearTimeout(timer));
    }
  }

  cancel(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
  }
}
