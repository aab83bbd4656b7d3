/**
 * One shared, frozen cost object per distinct set of prices. A live catalog of 100 000 rows repeats a few
 * hundred price sets, and an object per row was five allocations that all lived until the process exit:
 * the object, and a separate number box for each price (V8 stores a fractional number field that way).
 * Shared objects are frozen, so a caller that tried to edit one fails loudly instead of editing them all.
 */
import type { ModelCost } from "../config/types.js";

/** Pooled cost objects by input price; a few price sets share each. */
const pool = new Map<number, ModelCost[]>();
let pooled = 0;
/** Bounded, so a catalog of all-different prices cannot grow it without limit (rows then get their own). */
const MAX_POOLED = 4096;

export function sharedModelCost(input: number, output: number, cacheRead: number, cacheWrite: number): ModelCost {
  let sets = pool.get(input);
  if (sets !== undefined) {
    for (let index = 0; index < sets.length; index++) {
      const cost = sets[index]!;
      if (cost.output === output && cost.cacheRead === cacheRead && cost.cacheWrite === cacheWrite) return cost;
    }
  }
  const cost = Object.freeze({ input, output, cacheRead, cacheWrite }) as ModelCost;
  if (pooled >= MAX_POOLED) {
    pool.clear();
    pooled = 0;
    sets = undefined;
  }
  if (sets === undefined) pool.set(input, (sets = []));
  sets.push(cost);
  pooled++;
  return cost;
}
