/**
 * Remembers the last answer of a pure function and computes again only when one of its
 * arguments changed (compared with ===). The trees ask for their arrangement on every
 * getChildren and every getParent (reveal), while the store's list only changes per
 * refresh: with 1,000 containers that is one sort per refresh instead of one per call.
 */
export function lastResult<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | undefined;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((arg, i) => arg === args[i])) return last.result;
    const result = compute(...args);
    last = { args, result };
    return result;
  };
}
