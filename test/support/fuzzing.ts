/**
 * What the two language-server fuzzers share: a seeded random source and the text
 * mutations. Each fuzzer supplies what it inserts (Dockerfile words, compose keys), so the
 * same seed gives the same inputs everywhere and a finding can be replayed.
 */

export interface Dice {
  rand(): number;
  pick<T>(items: readonly T[]): T;
  /** A whole number in [0, max). */
  int(max: number): number;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function dice(seed: number): Dice {
  let state = seed;
  const rand = () => {
    state |= 0;
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { rand, pick: (items) => items[Math.floor(rand() * items.length)], int: (max) => Math.floor(rand() * max) };
}

/** What a fuzzer inserts when it mutates a text of its language. */
export interface Insertions {
  /** A word or value of the language. */
  piece(): string;
  /** A line break, with whatever indentation matters to the language. */
  lineBreak(): string;
  /** A longer fragment: a line, a key. */
  fragment(): string;
  /** How far back a copied run of text may start. */
  lookback: number;
}

/** One to five edits at random places: insertions, deletions, odd characters, repeats. */
export function mutate(text: string, { int }: Dice, insert: Insertions): string {
  let out = text;
  for (let i = 1 + int(5); i > 0; i--) {
    const at = int(out.length + 1);
    switch (int(6)) {
      case 0: out = out.slice(0, at) + insert.piece() + out.slice(at); break;
      case 1: out = out.slice(0, at) + out.slice(at + int(20)); break;
      case 2: out = out.slice(0, at) + String.fromCharCode(int(0x2fff)) + out.slice(at); break;
      case 3: out = out.slice(0, at) + insert.lineBreak() + out.slice(at); break;
      case 4: out = out.slice(0, at) + insert.fragment() + out.slice(at); break;
      case 5: out = out.slice(0, at) + out.slice(Math.max(0, at - insert.lookback), at) + out.slice(at); break;
    }
  }
  return out;
}
