/** A small seeded generator (mulberry32), so every run and every database gets the same catalogue. */
export interface Random {
  /** In [0, 1). */
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** An item where item i weighs 1 / (i + 1): the first few are popular, the tail is long. */
  zipf<T>(items: readonly T[]): T;
  /** `count` different items, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[];
  chance(p: number): boolean;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b_79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const zipfTables = new Map<number, Float64Array>();
  const cumulative = (n: number): Float64Array => {
    let table = zipfTables.get(n);
    if (!table) {
      table = new Float64Array(n);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        sum += 1 / (i + 1);
        table[i] = sum;
      }
      zipfTables.set(n, table);
    }
    return table;
  };
  const at = <T>(items: readonly T[], i: number): T => {
    const item = items[i];
    if (item === undefined) throw new Error(`no item ${i} of ${items.length}`);
    return item;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => at(items, Math.floor(next() * items.length)),
    zipf(items) {
      const table = cumulative(items.length);
      const target = next() * (table[items.length - 1] ?? 0);
      let lo = 0;
      let hi = items.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((table[mid] ?? 0) < target) lo = mid + 1;
        else hi = mid;
      }
      return at(items, lo);
    },
    sample(items, count) {
      const pool = [...items];
      const out: (typeof items)[number][] = [];
      while (out.length < count && pool.length > 0) {
        const i = Math.floor(next() * pool.length);
        out.push(at(pool, i));
        pool.splice(i, 1);
      }
      return out;
    },
    chance: (p) => next() < p,
  };
  return random;
}
