/**
 * The walkthrough's progress: facts from the engine's event stream (the stores' feed, not a
 * second stream) and from the editor (a Dockerfile saved, logs opened), remembered across
 * sessions in globalState, shown to VS Code as the context keys `berth.learn.<step>` that
 * the walkthrough's `completionEvents` wait for.
 */
import * as vscode from 'vscode';
import type { BerthContext } from '../context';
import type { EngineStores } from '../state';
import type { EventLike } from '../state/eventRouter';
import { contextKey, doneSteps, LessonFact, LessonStep, lessonSteps, LessonTracker, TaggedImage } from './lessons';

const factsKey = 'berth.learn.facts';
/** How long a tag waits for the commit event that may follow it (they arrive within milliseconds). */
const tagSettleMs = 1500;

export interface Learn {
  /** The steps done so far, in the walkthrough's order. */
  done(): LessonStep[];
  /** The context keys as Berth last set them (`berth.learn.<step>` → done). */
  contextValues(): Record<string, boolean>;
  /** Records a fact the engine does not report (logs read in Berth, a Dockerfile saved). */
  record(fact: LessonFact): Promise<void>;
  /** Forgets every fact: the walkthrough's steps are open again. */
  reset(): Promise<void>;
  /** Fires after a fact made a step done, with the steps done now. */
  readonly onDidChange: vscode.Event<LessonStep[]>;
  /** Resolves once every event received so far has been turned into facts (tests wait on it). */
  settled(): Promise<void>;
}

// `docker logs` leaves no trace in the engine's events; typed in VS Code's terminal, shell integration shows it.
const logsCommandLine = /(^|[\s;&|(])(docker|podman)(\s+container)?\s+logs(\s|$)/;

class LessonProgress implements Learn, vscode.Disposable {
  private readonly facts: Set<string>;
  private readonly tracker = new LessonTracker();
  private readonly changed = new vscode.EventEmitter<LessonStep[]>();
  readonly onDidChange = this.changed.event;
  private readonly values: Record<string, boolean> = {};
  /** Events are handled in order: a tag waits for its image's inspect before the next event counts. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: BerthContext) {
    const stored = ctx.extension.globalState.get<unknown>(factsKey);
    this.facts = new Set(Array.isArray(stored) ? stored.filter((f): f is string => typeof f === 'string') : []);
  }

  done(): LessonStep[] {
    return doneSteps(this.facts);
  }

  contextValues(): Record<string, boolean> {
    return { ...this.values };
  }

  settled(): Promise<void> {
    return this.queue;
  }

  /** Sets every step's context key, done or not (at activation and after a reset). */
  async publish(): Promise<void> {
    const done = new Set(this.done());
    await Promise.all(lessonSteps.map((step) => this.setKey(step, done.has(step))));
  }

  onEngineEvent(event: EventLike): void {
    const facts = this.tracker.factsFor(event);
    this.enqueue(() => this.add(facts));
    if (!this.tracker.isTag(event)) return;
    // A commit's tag event comes just before the commit's own: wait for it before telling what the tag was.
    const later = new Promise<void>((resolve) => setTimeout(resolve, tagSettleMs));
    this.enqueue(async () => {
      const image = event.id ? await this.imageOf(event.id) : {};
      await later;
      await this.add(this.tracker.tagFacts(event, image));
    });
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.ctx.log.warn(`Walkthrough progress: ${String(error)}`));
  }

  async record(fact: LessonFact): Promise<void> {
    await this.add([fact]);
  }

  async reset(): Promise<void> {
    this.facts.clear();
    await this.ctx.extension.globalState.update(factsKey, []);
    await this.publish();
    this.changed.fire([]);
  }

  private async add(facts: LessonFact[]): Promise<void> {
    const fresh = facts.filter((fact) => !this.facts.has(fact));
    if (fresh.length === 0) return;
    const before = new Set(this.done());
    for (const fact of fresh) this.facts.add(fact);
    await this.ctx.extension.globalState.update(factsKey, [...this.facts].sort());
    const now = this.done();
    const newly = now.filter((step) => !before.has(step));
    if (newly.length === 0) return;
    await Promise.all(newly.map((step) => this.setKey(step, true)));
    this.ctx.log.info(`Walkthrough: done ${newly.join(', ')} (${now.length} of ${lessonSteps.length} lessons).`);
    this.changed.fire(now);
  }

  private async imageOf(id: string): Promise<TaggedImage> {
    try {
      const created = Date.parse((await this.ctx.engine.images.inspect(id)).created);
      return Number.isNaN(created) ? {} : { createdNs: created * 1e6 };
    } catch {
      return {};
    }
  }

  private async setKey(step: LessonStep, value: boolean): Promise<void> {
    this.values[contextKey(step)] = value;
    await vscode.commands.executeCommand('setContext', contextKey(step), value);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Restores the context keys and starts counting; the engine's events come from the primary stores' feed. */
export function registerLearn(ctx: BerthContext, stores: EngineStores): { learn: Learn; disposables: vscode.Disposable[] } {
  const progress = new LessonProgress(ctx);
  void progress.publish();
  const disposables: vscode.Disposable[] = [
    progress,
    stores.onEvent((event) => progress.onEngineEvent(event)),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.languageId === 'dockerfile' && /^\s*FROM\s+\S/im.test(document.getText())) void progress.record('dockerfileSaved');
    }),
    vscode.window.onDidStartTerminalShellExecution((execution) => {
      if (logsCommandLine.test(execution.execution.commandLine.value)) void progress.record('logs');
    }),
  ];
  return { learn: progress, disposables };
}
