/**
 * The engines Berth keeps in its own global state (not in settings, so no workspace can
 * add or pin an engine): the endpoints a person added and the engines pinned to the
 * explorer. Plain refs (src/engine/engineRefs.ts); what is read back is checked first.
 */
import { addedEnginesKey, EngineRef, engineRefKey, parseEngineRefs, pinnedEnginesKey } from '../engine/engineRefs';
import type { PinStore } from '../state/sessions';

/** The part of a vscode.Memento this needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export class EngineList {
  constructor(private readonly state: KeyValueStore) {}

  /** Endpoints added in Berth, in the order they were added. */
  added(): EngineRef[] {
    return parseEngineRefs(this.state.get(addedEnginesKey)).filter((r) => r.kind === 'endpoint');
  }

  async add(ref: EngineRef): Promise<void> {
    await this.state.update(addedEnginesKey, [...this.added().filter((r) => engineRefKey(r) !== engineRefKey(ref)), ref]);
  }

  async remove(ref: EngineRef): Promise<void> {
    await this.state.update(addedEnginesKey, this.added().filter((r) => engineRefKey(r) !== engineRefKey(ref)));
  }

  /** The pinned engines, as the sessions read and write them. */
  readonly pins: PinStore = {
    get: () => parseEngineRefs(this.state.get(pinnedEnginesKey)),
    set: async (refs) => {
      await this.state.update(pinnedEnginesKey, refs);
    },
  };
}
