/**
 * A value that belongs to one activation, found at call time by modules that must not
 * import vscode (the command table loads in plain-Node unit tests): activation sets it,
 * commands get it. Weakly held, so a disposed activation leaves nothing behind.
 */
export interface ActivationSlot<T> {
  set(owner: object, value: T): void;
  /** Throws `missing` when activation has not set it. */
  get(owner: object): T;
}

export function activationSlot<T>(missing: string): ActivationSlot<T> {
  const values = new WeakMap<object, T>();
  return {
    set: (owner, value) => void values.set(owner, value),
    get: (owner) => {
      const value = values.get(owner);
      if (value === undefined) throw new Error(missing);
      return value;
    },
  };
}
