/**
 * Which stores an engine event invalidates, as one pure function. Only lists whose
 * content the event can change: a network's and a volume's users come from the
 * Containers store (the engine's network list carries no containers since API 1.28,
 * and its volume list no users), so container events refresh containers, plus images
 * on create and destroy (an image's container count) and images alone on commit (the
 * engine sends no image event for the image a commit makes). Volumes a container creates or
 * removes send volume events of their own. Unknown types refresh nothing: the full
 * refresh after each reconnect covers what an event table misses.
 */
export type ResourceKind = 'containers' | 'images' | 'networks' | 'volumes';

export const resourceKinds: readonly ResourceKind[] = ['containers', 'images', 'networks', 'volumes'];

export interface EventLike {
  /** container, image, network, volume, daemon, ... (the API's `Type`). */
  type: string;
  /** start, die, destroy, tag, connect, ... (the API's `Action`, e.g. "exec_start: sh"). */
  action: string;
  /** The object's id (a volume's or network's name for some actions). */
  id?: string;
  /** The engine's clock, in nanoseconds. */
  timeNano?: number;
  attributes?: Record<string, string>;
}

// Container actions that change nothing a list shows: skipping them keeps a busy
// engine (health checks, execs, attaches) from refreshing the tree every second. A kill
// only sends a signal: if the container exits, its `die` follows and carries the change
// (a stop sends kill, kill, die, disconnect, stop over ~100 ms; listing on the kills
// showed the old state and cost a list call per stop).
const quietContainerActions = new Set(['exec_create', 'exec_start', 'exec_die', 'exec_detach', 'attach', 'detach', 'resize', 'top', 'export', 'copy', 'archive-path', 'extract-to-dir', 'kill',
  // Podman's: a sync of its state with the runtime's, and the exit of a container's cleanup process.
  'sync', 'cleanup']);

export function kindsForEvent(event: EventLike): ResourceKind[] {
  const action = event.action.split(':')[0].trim();
  switch (event.type) {
    case 'container':
      if (quietContainerActions.has(action)) return [];
      if (action === 'create' || action === 'destroy') return ['containers', 'images'];
      // The engine announces a commit's new image only as this container event.
      if (action === 'commit') return ['images'];
      return ['containers'];
    case 'image':
      return ['images'];
    case 'network':
      // A connect changes the container's networks, not the network list.
      return action === 'connect' || action === 'disconnect' ? ['containers'] : ['networks'];
    case 'volume':
      // mount/unmount fire on every container start/stop and change no volume list.
      return action === 'mount' || action === 'unmount' ? [] : ['volumes'];
    case 'daemon':
      return [...resourceKinds];
    default:
      return [];
  }
}
