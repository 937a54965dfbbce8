/**
 * The walkthrough's lessons and what proves each was done, as pure data and functions
 * (no vscode: unit-tested in plain Node). Engine events become facts ("a container was
 * killed"); a step is done when all its facts were seen, by any route: Berth's button,
 * another command, or the docker CLI in a terminal, since they all reach the same engine
 * and its event stream. Facts the engine does not report (a Dockerfile saved, logs read)
 * come from the editor instead (src/learn/index.ts).
 */
import type { ImageSummary } from '../engine/types';
import type { EventLike } from '../state/eventRouter';

/** The walkthrough's steps in the lessons' order; each has the context key `berth.learn.<step>`. */
export const lessonSteps = ['run', 'createStart', 'stopKill', 'removePrune', 'shell', 'logs', 'dockerfile', 'build', 'tag', 'push', 'commit', 'exportSave', 'network'] as const;
export type LessonStep = (typeof lessonSteps)[number];

export type LessonFact =
  | 'started' | 'startedCreated' | 'stopped' | 'killed' | 'removed' | 'pruned' | 'shell' | 'logs'
  | 'dockerfileSaved' | 'built' | 'tagged' | 'pushed' | 'committed' | 'exported' | 'saved' | 'networkCreated';

/** The facts each step needs, all of them: "stop versus kill" wants both a stop and a kill. */
export const stepFacts: Record<LessonStep, readonly LessonFact[]> = {
  run: ['started'],
  createStart: ['startedCreated'],
  stopKill: ['stopped', 'killed'],
  removePrune: ['removed', 'pruned'],
  shell: ['shell'],
  logs: ['logs'],
  dockerfile: ['dockerfileSaved'],
  build: ['built'],
  tag: ['tagged'],
  push: ['pushed'],
  commit: ['committed'],
  exportSave: ['exported', 'saved'],
  network: ['networkCreated'],
};

export function contextKey(step: LessonStep): string {
  return `berth.learn.${step}`;
}

/** The steps whose facts are all in `facts`. */
export function doneSteps(facts: ReadonlySet<string>): LessonStep[] {
  return lessonSteps.filter((step) => stepFacts[step].every((fact) => facts.has(fact)));
}

// What `docker run` does is a create and a start within moments; a start this long after
// its container's create (or of a container created before Berth watched) is a `docker
// start` of a container that was created, or stopped, earlier.
const runGapNs = 5_000_000_000;

const shells = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'fish']);

/** True for an exec of an interactive shell (`sh`, `/bin/bash -l`), false for `sh -c 'script'` (Berth's own helpers run those). */
export function isShellCommand(command: string): boolean {
  const words = command.trim().split(/\s+/);
  const program = words[0]?.split('/').at(-1) ?? '';
  return shells.has(program) && !words.slice(1).includes('-c');
}

// The signals `docker stop` sends first (the engine names them by number, Podman by name).
const stopSignals = new Set(['15', 'SIGTERM', 'TERM']);

// A build's result is tagged the moment the image is made; a `docker tag` names an image
// that was there before.
const freshNs = 10_000_000_000;

/** What Berth knows of an image when its tag event arrives (the engine's event carries no dates). */
export interface TaggedImage {
  /** When the image was created, in nanoseconds; undefined when it could not be inspected. */
  createdNs?: number;
}

/**
 * Turns the engine's events into facts. It remembers what tells lessons apart: when each
 * container was created (run or create-then-start), which containers are being stopped
 * (a stop sends SIGKILL after its grace period), which containers the classic builder
 * runs, and which images were committed or tagged before. One instance follows one
 * engine's stream.
 */
export class LessonTracker {
  private readonly createdAt = new Map<string, number>();
  /** Containers the classic builder runs for its steps: their start and removal are a build's, not a lesson. */
  private readonly buildContainers = new Set<string>();
  /** Containers sent a stop's SIGTERM that have not exited yet. */
  private readonly stopping = new Set<string>();
  /** Images made by a commit (whose tag event comes just before the commit event). */
  private readonly committed = new Set<string>();
  /** Images tagged before: another tag of one of them is a `docker tag`. */
  private readonly tagged = new Set<string>();

  /** Facts of one event; an image's tag event is told apart by `tagFacts` once its image is known. */
  factsFor(event: EventLike): LessonFact[] {
    const [action, detail = ''] = splitAction(event.action);
    const attributes = event.attributes ?? {};
    switch (event.type) {
      case 'container':
        return this.containerFacts(action, detail, event, attributes);
      case 'image':
        if (action === 'push') return ['pushed'];
        if (action === 'save') return ['saved'];
        return [];
      case 'network':
        return action === 'create' ? ['networkCreated'] : [];
      default:
        return [];
    }
  }

  /** True for an image's tag event: the caller waits a moment (a commit's own event follows its tag), then calls `tagFacts`. */
  isTag(event: EventLike): boolean {
    return event.type === 'image' && splitAction(event.action)[0] === 'tag';
  }

  /** A tag is a build's result (`build -t`) when it is the first of an image made moments before, a commit's when the image was committed, else a `docker tag`. */
  tagFacts(event: EventLike, image: TaggedImage): LessonFact[] {
    const id = event.id ?? '';
    const first = !this.tagged.has(id);
    this.tagged.add(id);
    if (this.committed.has(id)) return [];
    const fresh = image.createdNs !== undefined && (event.timeNano ?? 0) - image.createdNs < freshNs;
    return first && fresh ? ['built'] : ['tagged'];
  }

  private containerFacts(action: string, detail: string, event: EventLike, attributes: Record<string, string>): LessonFact[] {
    const id = event.id ?? '';
    if (action === 'create' && isBuilderContainer(attributes)) this.buildContainers.add(id);
    if (this.buildContainers.has(id)) {
      if (action === 'destroy') this.buildContainers.delete(id);
      return [];
    }
    switch (action) {
      case 'create':
        this.createdAt.set(id, event.timeNano ?? 0);
        return [];
      case 'start': {
        const created = this.createdAt.get(id);
        this.createdAt.delete(id);
        const late = created === undefined || (event.timeNano ?? 0) - created >= runGapNs;
        return late ? ['started', 'startedCreated'] : ['started'];
      }
      case 'stop':
        return ['stopped'];
      case 'kill':
        // `docker stop` sends SIGTERM, then SIGKILL if the grace period ends first: only a kill outside a stop is a `docker kill`.
        if (stopSignals.has(attributes.signal ?? '')) {
          this.stopping.add(id);
          return [];
        }
        return this.stopping.has(id) ? [] : ['killed'];
      case 'die':
        this.stopping.delete(id);
        return [];
      case 'destroy':
        this.createdAt.delete(id);
        this.stopping.delete(id);
        return ['removed'];
      case 'prune':
        return ['pruned'];
      case 'exec_create':
      case 'exec_start':
        return isShellCommand(detail) ? ['shell'] : [];
      case 'commit':
        if (attributes.imageID) this.committed.add(attributes.imageID);
        return ['committed'];
      case 'export':
        return ['exported'];
      default:
        return [];
    }
  }
}

/** "exec_start: sh -l" → ["exec_start", "sh -l"]; "start" → ["start"]. */
function splitAction(action: string): [string, string?] {
  const colon = action.indexOf(':');
  return colon < 0 ? [action.trim()] : [action.slice(0, colon).trim(), action.slice(colon + 1).trim()];
}

/**
 * The classic builder runs each step in a container made from the previous step's image,
 * which has no name yet: its create event names the image by id. A person names an image
 * by reference (the CLI keeps a short id as typed, without the `sha256:` prefix).
 */
function isBuilderContainer(attributes: Record<string, string>): boolean {
  return attributes.image?.startsWith('sha256:') === true;
}

/**
 * Base images known to carry a shell and the usual tools (`sh`, `sleep`, `echo`): the lessons
 * run commands in them. An application image, or one built FROM scratch, is often smaller but
 * has neither.
 */
const shellBaseImages = new Set(['busybox', 'alpine', 'debian', 'ubuntu', 'fedora', 'almalinux', 'rockylinux', 'amazonlinux', 'centos', 'archlinux', 'opensuse/leap', 'photon', 'oraclelinux']);

/** The repository's name without its registry and Docker Hub's `library/`: `127.0.0.1:5000/library/alpine:3` is `alpine`. */
function baseName(tag: string): string {
  const withoutTag = tag.replace(/(:[^:/]+)?(@.*)?$/, '');
  const parts = withoutTag.split('/');
  // A first part with a dot, a colon or `localhost` is a registry, as the engine reads references.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return parts.join('/');
}

/**
 * The image the lessons run: the smallest tagged base image with a shell (busybox, alpine…),
 * else the smallest tagged image. Small is quick to run; the lessons never pull.
 */
export function lessonImage(images: readonly ImageSummary[]): string | undefined {
  const tagged = images.flatMap((image) => image.repoTags.filter((tag) => !tag.startsWith('<none>')).map((tag) => ({ tag, size: image.size, shell: shellBaseImages.has(baseName(tag)) })));
  tagged.sort((a, b) => Number(b.shell) - Number(a.shell) || a.size - b.size || a.tag.localeCompare(b.tag));
  return tagged[0]?.tag;
}
