/**
 * The label of the helper containers a volume's files are read through. They live for
 * an operation and a moment after, never run, and are no container of the user's: the
 * views leave them out and a volume is not "in use" by them.
 */
export const helperLabel = 'io.berth.volume-helper';

export function isVolumeHelper(container: { labels?: Record<string, string> }): boolean {
  return container.labels?.[helperLabel] !== undefined;
}
