/** Nesting-depth guard for parsed files: recursive walkers (and JSON.stringify) overflow the stack on absurd depth. */

/** Configs and stores are a handful of levels deep; far beyond this is damage or an attack, not data. */
export const MAX_JSON_DEPTH = 200;

/** True when `value` nests objects/arrays deeper than MAX_JSON_DEPTH. Iterative, so it cannot overflow itself. */
export function exceedsJsonDepth(value: unknown): boolean {
  // Two parallel stacks rather than a tuple per node: this runs over every value of big configs.
  const values: object[] = [];
  const depths: number[] = [];
  if (typeof value === "object" && value !== null) {
    values.push(value);
    depths.push(0);
  }
  while (values.length > 0) {
    const current = values.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth >= MAX_JSON_DEPTH) return true;
    for (const key in current) {
      const child = current[key];
      if (typeof child === "object" && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
