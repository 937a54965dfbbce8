/**
 * Activation milestones: when activate() started and ended, and when the Containers
 * view first had something to show (its first children, or its unreachable-engine
 * message). Each mark is kept once, the first time it is reached, in the extension
 * host's performance.now() clock, so a test running in the same host can compare its
 * own marks with these. No vscode import: unit-tested in plain Node.
 */
export type ActivationMark = 'activateStart' | 'activateEnd' | 'containersShown' | 'containersMessage';

export interface ActivationSummary {
  /** performance.now() when each mark was reached. */
  marks: Partial<Record<ActivationMark, number>>;
  /** How long activate() itself took. */
  activateMs?: number;
  /** From activate() starting to the Containers view's first children (engine reachable). */
  firstContainersMs?: number;
  /** From activate() starting to the Containers view's unreachable-engine message. */
  firstMessageMs?: number;
}

export class ActivationTimings {
  private readonly marks = new Map<ActivationMark, number>();
  private readonly listeners = new Set<(mark: ActivationMark) => void>();

  /** Marks activateStart at once: build this first thing in activate(). */
  constructor(private readonly now: () => number = () => performance.now()) {
    this.mark('activateStart');
  }

  /** Records a milestone the first time it is reached; later calls change nothing. */
  mark(name: ActivationMark): void {
    if (this.marks.has(name)) return;
    this.marks.set(name, this.now());
    for (const listener of this.listeners) listener(name);
  }

  /** Called once per milestone, as it is reached. */
  onMark(listener: (mark: ActivationMark) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  summary(): ActivationSummary {
    const since = (mark: ActivationMark): number | undefined => {
      const start = this.marks.get('activateStart');
      const at = this.marks.get(mark);
      return start === undefined || at === undefined ? undefined : round(at - start);
    };
    return {
      marks: Object.fromEntries(this.marks),
      activateMs: since('activateEnd'),
      firstContainersMs: since('containersShown'),
      firstMessageMs: since('containersMessage'),
    };
  }

  /** One log line, e.g. "activated in 9 ms; first containers in 212 ms". */
  describe(): string {
    const s = this.summary();
    const parts = [`activated in ${s.activateMs ?? '?'} ms`];
    if (s.firstContainersMs !== undefined) parts.push(`first containers in ${s.firstContainersMs} ms`);
    if (s.firstMessageMs !== undefined) parts.push(`engine unreachable message in ${s.firstMessageMs} ms`);
    return parts.join('; ');
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
